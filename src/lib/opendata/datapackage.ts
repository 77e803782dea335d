/**
 * datapackage.json: a Frictionless (Tabular) Data Package describing every published table as its
 * two CSVs (RFC 4180 and Excel), with a Table Schema per CSV (types, descriptions with units, allowed values, primary and foreign
 * keys). Paths are relative to /dati/, where the package lives. Pure.
 */
import type { Dataset, DictColumn } from './catalog.ts';
import { filesOf, type DataFile } from './files.ts';
import type { CatalogMeta } from './metadata.ts';
import { KEYWORDS } from './metadata.ts';

/** A Table Schema field descriptor. */
export interface TableSchemaField {
  name: string;
  title: string;
  type: DictColumn['type'];
  description: string;
  constraints?: { required?: boolean; unique?: boolean; enum?: string[] };
  decimalChar?: string;
  groupChar?: string;
}

/** A Frictionless Table Schema. */
export interface TableSchema {
  fields: TableSchemaField[];
  missingValues: string[];
  primaryKey?: string[];
  foreignKeys?: { fields: string[]; reference: { resource: string; fields: string[] } }[];
}

/** Table Schema of a dataset; `excel` marks the decimal comma of the Excel CSV's numbers. */
export function tableSchema(ds: Dataset, datasets: ReadonlyMap<string, Dataset>, excel = false): TableSchema {
  const fields = ds.columns.map((c): TableSchemaField => {
    const constraints: TableSchemaField['constraints'] = {};
    if (!c.nullable) constraints.required = true;
    if (c.role === 'id') constraints.unique = true;
    if (c.enum) constraints.enum = [...c.enum];
    const description = [c.descrizione ?? '', c.unita ? `Unità: ${c.unita}.` : ''].filter(Boolean).join(' ');
    return {
      name: c.name,
      title: c.name,
      type: c.type,
      description,
      ...(Object.keys(constraints).length ? { constraints } : {}),
      ...(excel && (c.type === 'number' || c.type === 'integer') ? { decimalChar: ',', groupChar: '' } : {}),
    };
  });
  const schema: TableSchema = { fields, missingValues: [''] };
  if (ds.key.length) schema.primaryKey = [...ds.key];
  const parent = ds.parent ? datasets.get(ds.parent) : undefined;
  if (parent && parent.key.length) {
    // A child row points at its parent through the parent-key columns (all but its own position).
    const fk = ds.key.slice(0, parent.key.length);
    schema.foreignKeys = [{ fields: fk, reference: { resource: parent.name, fields: [...parent.key] } }];
  }
  return schema;
}

function resource(f: DataFile, ds: Dataset, datasets: ReadonlyMap<string, Dataset>) {
  const common = {
    title: `${ds.title} (${f.format.label})`,
    description: ds.description,
    path: f.file,
    bytes: f.bytes,
    hash: `sha256:${f.sha256}`,
    // Frictionless v5 keeps the row count here; the tests read it to check the files.
    stats: { sha256: f.sha256, bytes: f.bytes, fields: ds.columns.length, rows: ds.rows.length },
    ...(ds.tableIds.length ? { sources: ds.tableIds.map((t) => ({ title: `Tabella ${t} del documento` })) } : {}),
  };
  if (f.format.id === 'csv') {
    return {
      name: ds.name,
      profile: 'tabular-data-resource',
      ...common,
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      dialect: { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, header: true },
      schema: tableSchema(ds, datasets),
    };
  }
  if (f.format.id === 'excel') {
    return {
      name: `${ds.name}-excel`,
      profile: 'tabular-data-resource',
      ...common,
      format: 'csv',
      mediatype: 'text/csv',
      // The byte-order mark is part of the file: Excel needs it to read UTF-8.
      encoding: 'utf-8-sig',
      dialect: { delimiter: ';', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, header: true },
      schema: tableSchema(ds, datasets, true),
    };
  }
  throw new Error(`datapackage: no resource for format ${f.format.id}`);
}

/**
 * The data package for the catalogue's datasets.
 * @param homepage absolute URL of the catalogue page (/dati/)
 */
export function buildDataPackage(datasets: readonly Dataset[], meta: CatalogMeta, homepage: string) {
  const byName = new Map(datasets.map((d) => [d.name, d]));
  return {
    profile: 'tabular-data-package',
    name: `pnrr-${(meta.edition.region ?? 'lombardia').toLowerCase().replace(/[^a-z0-9]+/g, '-')}-lavoro-sociale`,
    title: meta.title,
    description: meta.description,
    homepage,
    // The edition's date and the seed's fingerprint identify the data; the clock never does.
    version: meta.modified ?? meta.edition.sha256.slice(0, 12),
    ...(meta.modified ? { created: `${meta.modified}T00:00:00Z` } : {}),
    keywords: KEYWORDS,
    licenses: [{ name: meta.licence.spdx, path: meta.licence.uri, title: meta.licence.name }],
    sources: [{ title: `${meta.edition.issuer ?? ''}, «${meta.edition.title ?? ''}» (${meta.edition.file}, sha256 ${meta.edition.sha256})`.replace(/^, /, '') }],
    contributors: [
      { title: meta.rightsHolder.name, role: 'author' },
      { title: meta.publisher.name, role: 'publisher' },
    ],
    // The CSVs are the tabular resources; the JSON files carry the same rows and are listed in catalogo.ttl.
    resources: datasets.flatMap((ds) => filesOf(ds).filter((f) => f.format.id !== 'json').map((f) => resource(f, ds, byName))),
  };
}

/** datapackage.json's text (2-space indent, trailing newline). */
export function dataPackageJson(datasets: readonly Dataset[], meta: CatalogMeta, homepage: string): string {
  return JSON.stringify(buildDataPackage(datasets, meta, homepage), null, 2) + '\n';
}
