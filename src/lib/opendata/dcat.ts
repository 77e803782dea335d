/**
 * catalogo.ttl: the DCAT-AP_IT catalogue of the published datasets, in Turtle, for harvesting by
 * dati.gov.it. Each dataset carries the profile's mandatory properties (identifier, title,
 * description, modified, theme, rights holder, accrual periodicity, distribution) and each
 * distribution its format, access URL and licence; agents carry identifier and name. Pure.
 */
import type { Dataset } from './catalog.ts';
import { filesOf } from './files.ts';
import { FREQUENCY, LANGUAGE, SPATIAL, THEMES, span, type Agent, type CatalogMeta } from './metadata.ts';

/** Absolute URLs of the site's open-data pages and files. */
export interface CatalogUrls {
  /** The catalogue page (/dati/). */
  catalogue: string;
  /** The catalogue file itself (subject of the dcat:Catalog). */
  catalogFile: string;
  /** Landing page of a dataset. */
  dataset(name: string): string;
  /** A file under /dati/. */
  file(name: string): string;
}

/** Turtle prefixes of the catalogue (also used by the tests to read it back). */
export const PREFIXES: Record<string, string> = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dcatapit: 'http://dati.gov.it/onto/dcatapit#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  owl: 'http://www.w3.org/2002/07/owl#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
};

/** `<iri>`, escaping what Turtle forbids inside IRIREF. */
export function iri(u: string): string {
  return '<' + u.replace(/[\u0000-\u0020<>"{}|^`\\]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`) + '>';
}

/** A string literal (with an optional language tag). */
export function lit(s: string, lang?: string): string {
  const body = s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
  return `"${body}"${lang ? `@${lang}` : ''}`;
}

/** A typed literal, e.g. `"2025-06-30"^^xsd:date`. */
export const typed = (s: string, datatype: string): string => `${lit(s)}^^${datatype}`;

/** One subject's block: `s a T1, T2 ;\n  p o, o ;\n  … .` (properties with no objects are skipped). */
function block(subject: string, types: string[], props: [string, string[]][]): string {
  const lines = [`${subject} a ${types.join(', ')}`];
  for (const [p, objs] of props) if (objs.length) lines.push(`    ${p} ${objs.join(', ')}`);
  return lines.join(' ;\n') + ' .\n';
}

const one = (v: string | null | undefined): string[] => (v ? [v] : []);

function agentBlock(ref: string, a: Agent): string {
  return block(ref, ['dcatapit:Agent', 'foaf:Agent'], [
    ['dct:identifier', [lit(a.id)]],
    ['foaf:name', [lit(a.name, 'it')]],
  ]);
}

/** Temporal coverage of a dataset: its own "dati al" dates, or the edition's. */
function temporalOf(ds: Dataset, meta: CatalogMeta) {
  return span(ds.datiAl) ?? meta.temporal;
}

/**
 * The catalogue in Turtle. Subjects come in a fixed order (catalogue, agents, licence, then
 * each dataset followed by its distributions), so the same data gives the same bytes.
 */
export function buildDcatTurtle(datasets: readonly Dataset[], meta: CatalogMeta, urls: CatalogUrls): string {
  const catalog = iri(urls.catalogFile + '#catalogo');
  const holder = iri(urls.catalogFile + '#titolare');
  const publisher = iri(urls.catalogFile + '#editore');
  const licence = iri(meta.licence.uri);
  const date = (d: string | null) => (d ? [typed(d, 'xsd:date')] : []);
  const out: string[] = [];
  out.push(Object.entries(PREFIXES).map(([p, u]) => `@prefix ${p}: ${iri(u)} .`).join('\n') + '\n');

  out.push(
    block(catalog, ['dcatapit:Catalog', 'dcat:Catalog'], [
      ['dct:title', [lit(meta.title, 'it')]],
      ['dct:description', [lit(meta.description, 'it')]],
      ['dct:publisher', [publisher]],
      ['dct:modified', date(meta.modified)],
      ['dct:issued', date(meta.modified)],
      ['dct:language', [iri(LANGUAGE)]],
      ['dct:license', [licence]],
      ['foaf:homepage', [iri(urls.catalogue)]],
      ['dcat:themeTaxonomy', [iri('http://publications.europa.eu/resource/authority/data-theme')]],
      ['dcat:dataset', datasets.map((d) => iri(urls.dataset(d.name)))],
    ]),
  );
  out.push(agentBlock(holder, meta.rightsHolder));
  out.push(agentBlock(publisher, meta.publisher));
  out.push(
    block(licence, ['dcatapit:LicenseDocument', 'dct:LicenseDocument'], [
      ['dct:type', [iri(meta.licence.admsType)]],
      ['foaf:name', [lit(meta.licence.name)]],
      ['owl:versionInfo', one(meta.licence.version).map((v) => lit(v))],
    ]),
  );

  for (const ds of datasets) {
    const subject = iri(urls.dataset(ds.name));
    const files = filesOf(ds);
    const t = temporalOf(ds, meta);
    const temporal = t ? [`[ a dct:PeriodOfTime ; dcatapit:startDate ${typed(t.start, 'xsd:date')} ; dcatapit:endDate ${typed(t.end, 'xsd:date')} ]`] : [];
    out.push(
      block(subject, ['dcatapit:Dataset', 'dcat:Dataset'], [
        ['dct:identifier', [lit(`${meta.publisher.id}:${ds.name}`)]],
        ['dct:title', [lit(ds.title, 'it')]],
        ['dct:description', [lit(`${ds.description} ${ds.rows.length} righe, ${ds.columns.length} colonne.`, 'it')]],
        ['dct:modified', date(meta.modified)],
        ['dct:issued', date(meta.modified)],
        ['dcat:theme', THEMES.map(iri)],
        ['dct:rightsHolder', [holder]],
        ['dct:creator', [holder]],
        ['dct:publisher', [publisher]],
        ['dct:accrualPeriodicity', [iri(FREQUENCY)]],
        ['dct:language', [iri(LANGUAGE)]],
        ['dct:spatial', [iri(SPATIAL)]],
        ['dct:temporal', temporal],
        ['dcat:keyword', ['PNRR', meta.edition.region ?? 'Lombardia', ...(ds.tableIds.length ? ds.tableIds.map((x) => `tabella ${x}`) : [])].map((k) => lit(k, 'it'))],
        ['dcat:landingPage', [iri(urls.dataset(ds.name))]],
        ['dcat:distribution', files.map((f) => iri(urls.file(f.file)))],
      ]),
    );
    for (const f of files) {
      out.push(
        block(iri(urls.file(f.file)), ['dcatapit:Distribution', 'dcat:Distribution'], [
          ['dct:title', [lit(`${ds.title} (${f.format.label})`, 'it')]],
          ['dct:description', [lit(distributionNote(f.format.id), 'it')]],
          ['dct:format', [iri(`http://publications.europa.eu/resource/authority/file-type/${f.format.euFileType}`)]],
          ['dcat:mediaType', [iri(`http://www.iana.org/assignments/media-types/${f.format.mediaType.split(';')[0]}`)]],
          ['dcat:accessURL', [iri(urls.dataset(ds.name))]],
          ['dcat:downloadURL', [iri(urls.file(f.file))]],
          ['dct:license', [licence]],
          ['dct:modified', date(meta.modified)],
          ['dcat:byteSize', [typed(String(f.bytes), 'xsd:decimal')]],
        ]),
      );
    }
  }
  return out.join('\n');
}

/** One sentence on how each format is written. */
export function distributionNote(format: 'csv' | 'excel' | 'json'): string {
  if (format === 'csv') return 'CSV secondo RFC 4180: UTF-8, separatore virgola, decimali con il punto.';
  if (format === 'excel') return 'CSV per Excel con impostazioni italiane: UTF-8 con BOM, separatore punto e virgola, decimali con la virgola; i codici con zeri iniziali sono scritti come ="…" per restare testo.';
  return 'JSON: un array di oggetti, uno per riga, con le stesse colonne del CSV.';
}
