/**
 * The open-data catalogue on the real seed, normalised in memory (no dependency on a previous
 * `npm run normalize`): every published column documented, every file round-trips, missing
 * figures keep their status, datapackage.json describes its files, the DCAT-AP_IT catalogue
 * parses as RDF with every mandatory property, page subsets hold exactly their records, and the
 * same input gives the same bytes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { Parser, type Quad } from 'n3';
import { beforeAll, describe, expect, it } from 'vitest';
import { normalizeSeed } from '../../scripts/lib/pipeline.ts';
import { seedCorrections } from '../golden/harness.ts';
import { collectionSchemas } from '../../src/schemas/index.ts';
import { buildCatalog, buildSubset, DOCUMENT_TABLES, type Catalog, type Dataset, type OpenDataInput } from '../../src/lib/opendata/catalog.ts';
import { buildDataPackage } from '../../src/lib/opendata/datapackage.ts';
import { buildDcatTurtle, PREFIXES, type CatalogUrls } from '../../src/lib/opendata/dcat.ts';
import { COLLEZIONI } from '../../src/lib/opendata/dictionary.ts';
import { dictionaryCsv } from '../../src/lib/opendata/dictionary-file.ts';
import { filesOf } from '../../src/lib/opendata/files.ts';
import { BOM, parseBack } from '../../src/lib/opendata/formats.ts';
import { catalogJsonLd } from '../../src/lib/opendata/jsonld.ts';
import { catalogMeta, type CatalogMeta } from '../../src/lib/opendata/metadata.ts';
import { pageRecords, scopePages, SCOPES } from '../../src/lib/opendata/scopes.ts';

const ROOT = join(import.meta.dirname, '../..');
const SEED = readdirSync(join(ROOT, 'seeds')).find((f) => f.endsWith('.txt'))!;

const urls: CatalogUrls = {
  catalogue: 'https://example.org/sub/dati/',
  catalogFile: 'https://example.org/sub/dati/catalogo.ttl',
  dataset: (n) => `https://example.org/sub/dati/dataset/${n}/`,
  file: (n) => `https://example.org/sub/dati/${n}`,
};

let input: OpenDataInput;
let catalog: Catalog;
let meta: CatalogMeta;

/** Normalise the seed in memory, as `npm run normalize` does on disk. */
function freshInput(): OpenDataInput {
  const source = JSON.parse(readFileSync(join(ROOT, 'seeds/source.json'), 'utf8'));
  const out = normalizeSeed(new Uint8Array(readFileSync(join(ROOT, 'seeds', SEED))), `seeds/${SEED}`, seedCorrections(), source);
  // Through JSON, as the site reads content/data (undefined keys dropped).
  const collections = JSON.parse(JSON.stringify(out.collections)) as Record<string, unknown[]>;
  return { edition: out.edition, tables: out.report.tables, collections, schemas: collectionSchemas };
}

beforeAll(() => {
  input = freshInput();
  catalog = buildCatalog(input);
  meta = catalogMeta(input.edition);
});

const collectionDatasets = (c: Catalog) => c.datasets.filter((d) => d.kind !== 'tabella' && !(d.parent ?? '').startsWith('tabella-'));

describe('data dictionary', () => {
  it('documents every collection with a schema', () => {
    const undocumented = Object.keys(collectionSchemas).filter((c) => !COLLEZIONI[c]);
    expect(undocumented, 'add these collections to COLLEZIONI in src/lib/opendata/dictionary.ts').toEqual([]);
  });

  it('describes every published column, and gives every figure a unit', () => {
    const all = [...catalog.datasets, ...SCOPES.flatMap((s) => scopePages(input, s).slice(0, 3).flatMap((p) => buildSubset(input, pageRecords(input, s, p.slug))))];
    const undescribed = new Set(all.flatMap((d) => d.columns.filter((c) => !c.descrizione).map((c) => `${d.collection}.${c.path} (${d.name}.${c.name})`)));
    expect([...undescribed], 'add these fields to CAMPI in src/lib/opendata/dictionary.ts').toEqual([]);
    const unitless = new Set(all.flatMap((d) => d.columns.filter((c) => c.role === 'valore' && !c.unita).map((c) => `${d.collection}.${c.path}`)));
    expect([...unitless], 'figures need a unit (`u`) in CAMPI').toEqual([]);
  });

  it('gives every status column the five statuses and every value column its status column', () => {
    const wrong: string[] = [];
    for (const d of catalog.datasets) {
      for (const c of d.columns) {
        if (c.role === 'stato' && (c.enum ?? []).join() !== 'valido,non_validato,non_valido,nd,assente') wrong.push(`${d.name}.${c.name}: ${c.enum}`);
        if (c.role === 'valore' && !d.columns.some((s) => s.name === `stato_${c.name}`)) wrong.push(`${d.name}.${c.name}: no status column`);
      }
    }
    expect(wrong).toEqual([]);
    expect(catalog.datasets.some((d) => d.columns.some((c) => c.role === 'stato'))).toBe(true);
  });

  it('publishes a collection of every record type, child tables for lists, and a dataset per split table', () => {
    const names = catalog.datasets.map((d) => d.name);
    for (const c of Object.keys(collectionSchemas)) if ((input.collections[c] ?? []).length) expect(names).toContain(COLLEZIONI[c].slug);
    expect(names).toContain('progetti-indicatori');
    expect(names[0]).toBe('tabelle-documento');
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it('lists every table of the document, with the dataset that holds exactly its rows', () => {
    expect(catalog.documentTables.map((t) => t.table.id)).toEqual([...input.tables].sort((a, b) => a.lines[0] - b.lines[0]).map((t) => t.id));
    for (const t of catalog.documentTables) {
      if (!t.dataset) continue;
      const ds = catalog.byName.get(t.dataset)!;
      expect(ds, t.table.id).toBeDefined();
      expect(ds.rows.length, `${t.table.id} → ${t.dataset}`).toBe(t.records);
      expect(new Set(ds.rows.map((r) => r.fonte_tabella)), t.table.id).toEqual(ds.kind === 'tabella' ? new Set([t.table.id]) : new Set(ds.tableIds));
    }
    const tables = catalog.byName.get('tabelle-documento')!;
    expect(tables.rows.map((r) => r.id)).toEqual(catalog.documentTables.map((t) => t.table.id));
    expect(tables.collection).toBe(DOCUMENT_TABLES);
  });
});

describe('files', () => {
  it('round-trip: each CSV and Excel CSV parsed back with papaparse equals its JSON (values and statuses)', () => {
    for (const d of catalog.datasets) {
      const [csv, excel, json] = filesOf(d);
      const fromJson = JSON.parse(json.body);
      expect(fromJson, d.name).toEqual(d.rows);
      const back = parseBack(csv.body, d.columns, 'csv');
      expect(back.header, d.name).toEqual(d.columns.map((c) => c.name));
      expect(back.rows, d.name).toEqual(fromJson);
      expect(parseBack(excel.body, d.columns, 'excel').rows, `${d.name} (Excel)`).toEqual(fromJson);
    }
  });

  it('writes the Excel CSV with a BOM, semicolons and decimal commas; the CSV with commas and dots', () => {
    let fractional = 0;
    const bad: string[] = [];
    for (const d of catalog.datasets) {
      const [csv, excel] = filesOf(d);
      expect(excel.body.startsWith(BOM), d.name).toBe(true);
      expect(csv.body.startsWith(BOM), d.name).toBe(false);
      expect(excel.body.slice(1).split('\r\n')[0], d.name).toBe(d.columns.map((c) => c.name).join(';'));
      expect(csv.body.split('\r\n')[0], d.name).toBe(d.columns.map((c) => c.name).join(','));
      const raw = Papa.parse<Record<string, string>>(excel.body.slice(1), { header: true, delimiter: ';', newline: '\r\n' }).data;
      const rawCsv = Papa.parse<Record<string, string>>(csv.body, { header: true, delimiter: ',', newline: '\r\n' }).data;
      for (const c of d.columns.filter((x) => x.type === 'number' || x.type === 'integer')) {
        raw.forEach((r, i) => {
          if (!/^(-?\d+(,\d+)?)?$/.test(r[c.name])) bad.push(`${d.name}.${c.name} (Excel): ${r[c.name]}`);
          if (!/^(-?\d+(\.\d+)?)?$/.test(rawCsv[i][c.name])) bad.push(`${d.name}.${c.name} (CSV): ${rawCsv[i][c.name]}`);
          if (r[c.name].includes(',')) fractional++;
        });
      }
    }
    expect(bad).toEqual([]);
    // Amounts in cents exist in this document: the decimal comma rule is exercised, not vacuous.
    expect(fractional).toBeGreaterThan(100);
  });

  it('never writes a missing figure as a number: every non-valid status has an empty value', () => {
    const bad: string[] = [];
    let missing = 0;
    for (const d of catalog.datasets) {
      for (const c of d.columns.filter((x) => x.role === 'valore')) {
        for (const r of d.rows) {
          const status = r[`stato_${c.name}`];
          if (status === 'valido' ? typeof r[c.name] !== 'number' : r[c.name] !== null) bad.push(`${d.name}.${c.name}: ${r[c.name]} (${status})`);
          if (status !== 'valido' && status !== null) missing++;
        }
      }
    }
    expect(bad).toEqual([]);
    expect(missing).toBeGreaterThan(0);
  });

  it('keeps every figure of every record: status counts in the files equal those in the collections', () => {
    const fromRecords: Record<string, number> = {};
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        if (typeof o.status === 'string' && 'raw' in o && 'value' in o) fromRecords[o.status] = (fromRecords[o.status] ?? 0) + 1;
        else Object.values(o).forEach(walk);
      }
    };
    Object.values(input.collections).forEach(walk);
    const fromFiles: Record<string, number> = {};
    for (const d of collectionDatasets(catalog)) {
      for (const c of d.columns.filter((x) => x.role === 'stato')) {
        for (const r of d.rows) {
          const s = r[c.name];
          if (typeof s === 'string') fromFiles[s] = (fromFiles[s] ?? 0) + 1;
        }
      }
    }
    expect(fromFiles).toEqual(fromRecords);
    expect(fromRecords.non_validato).toBeGreaterThan(0);
  });

  it('is deterministic: the same input gives the same bytes', () => {
    const again = buildCatalog(freshInput());
    expect(again.datasets.map((d) => d.name)).toEqual(catalog.datasets.map((d) => d.name));
    for (const d of catalog.datasets) {
      expect(filesOf(again.byName.get(d.name)!).map((f) => f.sha256), d.name).toEqual(filesOf(d).map((f) => f.sha256));
    }
    expect(buildDcatTurtle(again.datasets, meta, urls)).toBe(buildDcatTurtle(catalog.datasets, meta, urls));
    expect(dictionaryCsv(again.datasets)).toBe(dictionaryCsv(catalog.datasets));
  });
});

describe('datapackage.json', () => {
  it('describes every file: names, fields, row counts, sizes and hashes', () => {
    const pkg = buildDataPackage(catalog.datasets, meta, urls.catalogue);
    expect(pkg.licenses[0]).toMatchObject({ name: 'CC-BY-4.0', path: 'https://creativecommons.org/licenses/by/4.0/' });
    const names = pkg.resources.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    const files = new Map(catalog.datasets.flatMap((d) => filesOf(d).filter((f) => f.format.id !== 'json').map((f) => [f.file, f] as const)));
    expect(pkg.resources.length).toBe(files.size);
    for (const r of pkg.resources) {
      const f = files.get(r.path)!;
      expect(f, r.path).toBeDefined();
      expect(r.bytes).toBe(Buffer.byteLength(f.body));
      expect(r.hash).toBe(`sha256:${f.sha256}`);
      const header = Papa.parse<string[]>(f.format.id === 'excel' ? f.body.slice(1) : f.body, { delimiter: f.format.id === 'excel' ? ';' : ',', newline: '\r\n' }).data[0];
      expect(r.schema.fields.map((x) => x.name), r.path).toEqual(header);
      const rows = parseBack(f.body, f.dataset.columns, f.format.id === 'excel' ? 'excel' : 'csv').rows.length;
      expect(r.stats.rows, r.path).toBe(rows);
      expect(r.dialect.delimiter).toBe(f.format.id === 'excel' ? ';' : ',');
      for (const fk of r.schema.foreignKeys ?? []) expect(names, `${r.name} → ${fk.reference.resource}`).toContain(fk.reference.resource);
    }
  });

  it('declares primary keys that are unique in the data', () => {
    for (const d of catalog.datasets) {
      const keys = d.rows.map((r) => d.key.map((k) => String(r[k])).join('\u0000'));
      expect(new Set(keys).size, d.name).toBe(keys.length);
    }
  });
});

/** Missing DCAT-AP_IT mandatory properties, as "subject: property" strings (empty when complete). */
function missingDcat(quads: Quad[]): string[] {
  const P = (prefixed: string) => {
    const [p, local] = prefixed.split(':');
    return (p === 'rdf' ? 'http://www.w3.org/1999/02/22-rdf-syntax-ns#' : PREFIXES[p]) + local;
  };
  const index = new Map<string, Quad['object'][]>();
  for (const q of quads) {
    const k = `${q.subject.value} ${q.predicate.value}`;
    (index.get(k) ?? index.set(k, []).get(k)!).push(q.object);
  }
  const objects = (s: string, p: string) => index.get(`${s} ${P(p)}`) ?? [];
  const types = new Map<string, string[]>();
  for (const q of quads) if (q.predicate.value === P('rdf:type')) (types.get(q.object.value) ?? types.set(q.object.value, []).get(q.object.value)!).push(q.subject.value);
  const ofType = (t: string) => [...new Set(types.get(P(t)) ?? [])];
  const missing: string[] = [];
  const need = (s: string, props: string[]) => props.forEach((p) => objects(s, p).length === 0 && missing.push(`${s}: ${p}`));
  const catalogs = ofType('dcatapit:Catalog');
  if (catalogs.length !== 1) missing.push(`one dcatapit:Catalog (found ${catalogs.length})`);
  for (const c of catalogs) need(c, ['dct:title', 'dct:description', 'dct:publisher', 'dct:modified', 'dcat:dataset']);
  for (const d of ofType('dcatapit:Dataset')) {
    need(d, ['dct:identifier', 'dct:title', 'dct:description', 'dct:modified', 'dcat:theme', 'dct:rightsHolder', 'dct:accrualPeriodicity', 'dcat:distribution']);
    for (const t of objects(d, 'dcat:theme')) if (!t.value.startsWith('http://publications.europa.eu/resource/authority/data-theme/')) missing.push(`${d}: dcat:theme from the EU vocabulary`);
    for (const m of objects(d, 'dct:modified')) if (m.datatype?.value !== 'http://www.w3.org/2001/XMLSchema#date') missing.push(`${d}: dct:modified as xsd:date`);
    for (const dist of objects(d, 'dcat:distribution')) {
      if (!ofType('dcatapit:Distribution').includes(dist.value)) missing.push(`${dist.value}: a dcatapit:Distribution`);
      need(dist.value, ['dct:format', 'dcat:accessURL', 'dct:license']);
      for (const f of objects(dist.value, 'dct:format')) if (!f.value.startsWith('http://publications.europa.eu/resource/authority/file-type/')) missing.push(`${dist.value}: dct:format from the EU vocabulary`);
      for (const l of objects(dist.value, 'dct:license')) if (!ofType('dcatapit:LicenseDocument').includes(l.value)) missing.push(`${l.value}: a dcatapit:LicenseDocument`);
    }
    for (const a of [...objects(d, 'dct:rightsHolder'), ...objects(d, 'dct:publisher')]) {
      if (!ofType('dcatapit:Agent').includes(a.value)) missing.push(`${a.value}: a dcatapit:Agent`);
      need(a.value, ['dct:identifier', 'foaf:name']);
    }
  }
  return missing;
}

describe('catalogo.ttl (DCAT-AP_IT)', () => {
  it('parses as RDF with n3, and every dataset and distribution has the mandatory properties', () => {
    const ttl = buildDcatTurtle(catalog.datasets, meta, urls);
    const quads = new Parser({ format: 'text/turtle' }).parse(ttl);
    expect(missingDcat(quads)).toEqual([]);
    const datasets = quads.filter((q) => q.predicate.value === PREFIXES.dcat + 'dataset').map((q) => q.object.value);
    expect(datasets).toEqual(catalog.datasets.map((d) => urls.dataset(d.name)));
    const holder = quads.find((q) => q.predicate.value === PREFIXES.dct + 'rightsHolder')!.object.value;
    expect(quads.find((q) => q.subject.value === holder && q.predicate.value === PREFIXES.dct + 'identifier')?.object.value).toBe('m_lps');
    const downloads = quads.filter((q) => q.predicate.value === PREFIXES.dcat + 'downloadURL').map((q) => q.object.value);
    expect(downloads).toEqual(catalog.datasets.flatMap((d) => filesOf(d).map((f) => urls.file(f.file))));
  });

  it('the checker fails on a catalogue that lacks a mandatory property', () => {
    const ttl = buildDcatTurtle(catalog.datasets.slice(0, 2), meta, urls);
    const broken = ttl.split('\n').filter((l) => !/dct:rightsHolder|dct:license /.test(l)).join('\n');
    const missing = missingDcat(new Parser({ format: 'text/turtle' }).parse(broken));
    expect(missing.some((m) => m.endsWith('dct:rightsHolder'))).toBe(true);
    expect(missing.some((m) => m.endsWith('dct:license'))).toBe(true);
  });

  it('escapes text so any title or description stays valid Turtle', () => {
    const odd: Dataset = { ...catalog.datasets[0], name: 'prova', title: 'Titolo "tra virgolette" \\ e\nritorno', description: 'Descrizione con <tag> e \t tab' };
    const quads = new Parser({ format: 'text/turtle' }).parse(buildDcatTurtle([odd], meta, urls));
    expect(quads.find((q) => q.predicate.value === PREFIXES.dct + 'title' && q.subject.value === urls.dataset('prova'))?.object.value).toBe(odd.title);
  });
});

describe('JSON-LD', () => {
  it('describes the catalogue and each dataset with its downloads', () => {
    const ld = catalogJsonLd(catalog.datasets, meta, urls);
    expect(ld['@type']).toBe('DataCatalog');
    expect(ld.dataset).toHaveLength(catalog.datasets.length);
    for (const d of ld.dataset) {
      expect(d['@type']).toBe('Dataset');
      expect(d.description.length).toBeGreaterThanOrEqual(50);
      expect(d.license).toBe(meta.licence.uri);
      expect(d.distribution.map((x) => x.encodingFormat)).toEqual(['text/csv', 'text/csv', 'application/json']);
    }
  });
});

describe('page subsets', () => {
  it('gives every entity page its own record, and rows identical to the full datasets', () => {
    const bad: string[] = [];
    const indexes = new Map<string, Map<string, Record<string, unknown>>>();
    const indexOf = (name: string) => {
      let ix = indexes.get(name);
      if (!ix) {
        const full = catalog.byName.get(name)!;
        ix = new Map(full.rows.map((r) => [full.key.map((k) => String(r[k])).join('\u0000'), r]));
        indexes.set(name, ix);
      }
      return ix;
    };
    const own: Record<string, string> = { progetto: 'progetti', ente: 'enti', comune: 'comuni', cpi: 'cpi', provincia: 'province', misura: 'misure' };
    for (const scope of SCOPES) {
      const pages = scopePages(input, scope);
      expect(pages.length, scope).toBeGreaterThan(0);
      for (const p of pages) {
        const sub = buildSubset(input, pageRecords(input, scope, p.slug));
        const mine = sub.find((d) => d.name === own[scope]);
        if (mine?.rows.length !== 1) bad.push(`${scope}/${p.slug}: ${mine?.rows.length ?? 0} rows of ${own[scope]}`);
        for (const d of sub) {
          const index = indexOf(d.name);
          for (const r of d.rows) {
            const match = index.get(d.key.map((k) => String(r[k])).join('\u0000'));
            if (!match) bad.push(`${scope}/${p.slug}: ${d.name} row not in the full dataset`);
            else for (const c of d.columns) if (r[c.name] !== match[c.name]) bad.push(`${scope}/${p.slug}: ${d.name}.${c.name} ${r[c.name]} ≠ ${match[c.name]}`);
          }
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it('selects exactly the related records', () => {
    const projects = input.collections.projects as { id: string; entity: string; measure: string }[];
    const entity = projects[0].entity;
    const ente = buildSubset(input, pageRecords(input, 'ente', entity));
    expect(ente.find((d) => d.name === 'progetti')!.rows.map((r) => r.id)).toEqual(projects.filter((p) => p.entity === entity).map((p) => p.id));
    const misura = pageRecords(input, 'misura', 'm5c2-i1-1-1');
    expect((misura.projects as { id: string }[]).map((p) => p.id)).toEqual(projects.filter((p) => p.measure === 'm5c2-i1-1-1').map((p) => p.id));
    const cpi = input.collections.cpiTargets as { cpi: string }[];
    const slug = cpi[0].cpi;
    expect(pageRecords(input, 'cpi', slug).cpiTargets).toEqual(cpi.filter((r) => r.cpi === slug));
    const comuni = input.collections.comuni as { id: string; projects: string[] }[];
    const c = comuni.find((x) => x.projects.length > 0)!;
    expect(((pageRecords(input, 'comune', c.id).projects ?? []) as { id: string }[]).map((p) => p.id).sort()).toEqual([...c.projects].sort());
  });
});
