/**
 * The catalogue of downloadable tables (pure): every collection, every table of the document
 * whose rows are a part of a collection, and every child table (lists exploded from records),
 * each with its rows, its data dictionary, its "dati al" dates and sources.
 */
import { z, type ZodTypeAny } from 'zod';
import type { Edition, TableInfo } from '../edition.ts';
import { collectionDoc, columnRename, COLLEZIONI, describeColumn, fieldDoc } from './dictionary.ts';
import { flattenRecords, kebab, type Column, type FlatTable, type Row } from './flatten.ts';

/** Everything the catalogue is built from: the generated content/data plus the schemas. */
export interface OpenDataInput {
  edition: Edition;
  /** Tables of the document, from report.json. */
  tables: readonly TableInfo[];
  /** Records by collection name, in content/data order. */
  collections: Readonly<Record<string, readonly unknown[]>>;
  /** Record schema by collection name (src/schemas `collectionSchemas`). */
  schemas: Readonly<Record<string, ZodTypeAny>>;
}

/** A column with its dictionary entry. */
export interface DictColumn extends Column {
  descrizione: string | null;
  unita: string | null;
}

/** `collezione`: all records of a collection; `tabella`: the records of one document table; `dettaglio`: a list exploded from records. */
export type DatasetKind = 'collezione' | 'tabella' | 'dettaglio';

/** One published table: rows, dictionary, dates and sources, rendered as three files. */
export interface Dataset {
  /** File name stem and identifier: lowercase ASCII kebab-case. */
  name: string;
  kind: DatasetKind;
  /** Collection the rows come from. */
  collection: string;
  title: string;
  description: string;
  /** For `tabella`: the document table; for the others, undefined. */
  table?: TableInfo;
  /** For `dettaglio`: the dataset whose records hold the exploded list. */
  parent?: string;
  columns: DictColumn[];
  rows: Row[];
  /** Columns that identify a row. */
  key: string[];
  /** Document tables the rows come from (from `fonte_tabella`), in document order. */
  tableIds: string[];
  /** Distinct "dati al" dates of the rows (ISO, sorted). */
  datiAl: string[];
  /** Distinct source systems the rows name. */
  fonti: string[];
  /** First and last document line the rows come from, or null. */
  righe: [number, number] | null;
}

/** Collections in catalogue order: the dictionary's order first, then any others alphabetically. */
export function collectionOrder(names: readonly string[]): string[] {
  const known = Object.keys(COLLEZIONI).filter((n) => names.includes(n));
  return [...known, ...names.filter((n) => !known.includes(n)).sort()];
}

/** Flatten records of one collection into datasets named after `stem` (main table + child tables). */
export function flattenCollection(collection: string, schema: ZodTypeAny, records: readonly unknown[], stem: string): FlatTable[] {
  const doc = collectionDoc(collection);
  return flattenRecords(stem, schema, records, {
    collection,
    parentKey: `id_${doc.singolare}`,
    rename: (path) => columnRename(collection, path),
  });
}

/** Attach the dictionary to a flat table's columns. */
export function withDictionary(collection: string, columns: readonly Column[]): DictColumn[] {
  return columns.map((c) => ({ ...c, ...describeColumn(c, collection, columns) }));
}

/** Distinct non-empty values of a column, in first-seen order. */
function distinct(rows: readonly Row[], col: string): string[] {
  const out = new Set<string>();
  for (const r of rows) {
    const v = r[col];
    if (typeof v === 'string' && v) out.add(v);
  }
  return [...out];
}

function lineSpan(rows: readonly Row[]): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of rows) {
    const m = typeof r.fonte_righe === 'string' ? /^(\d+)-(\d+)$/.exec(r.fonte_righe) : null;
    if (!m) continue;
    lo = Math.min(lo, Number(m[1]));
    hi = Math.max(hi, Number(m[2]));
  }
  return Number.isFinite(lo) ? [lo, hi] : null;
}

/** Build a dataset from a flat table: dictionary, dates, sources and line span read off its rows. */
function toDataset(t: FlatTable, kind: DatasetKind, collection: string, title: string, description: string, tableOrder: Map<string, number>, extra: Partial<Dataset> = {}): Dataset {
  const tableIds = distinct(t.rows, 'fonte_tabella').sort((a, b) => (tableOrder.get(a) ?? 1e9) - (tableOrder.get(b) ?? 1e9) || a.localeCompare(b));
  return {
    name: t.name,
    kind,
    collection,
    title,
    description,
    columns: withDictionary(collection, t.columns),
    rows: t.rows,
    key: t.key,
    tableIds,
    datiAl: distinct(t.rows, 'dati_al').sort(),
    fonti: distinct(t.rows, 'fonte_sistema').sort(),
    righe: lineSpan(t.rows),
    ...extra,
  };
}

/** Title of a child table: the parent's title and what the list holds (its dictionary entry, or its published name). */
function childTitle(collection: string, parentTitle: string, t: FlatTable): string {
  const path = t.parent?.path ?? '';
  const doc = fieldDoc(collection, path);
  const what = doc?.d ? doc.d[0].toLowerCase() + doc.d.slice(1) : `elenco «${doc?.col ?? path.split('.').pop() ?? t.name}»`;
  return `${parentTitle} — ${what}`;
}

/**
 * The tables of the document as a pseudo-collection (from report.json): one row per table with
 * its title, lines, "dati al", source and the dataset that publishes its rows. Row provenance
 * names a table by id only (`fonte_tabella`); its title is here, once.
 */
export const DOCUMENT_TABLES = 'tabelleDocumento';

const documentTableSchema = z.object({
  id: z.string(),
  titolo: z.string(),
  righeDocumento: z.string(),
  righeDati: z.number().int(),
  datiAl: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  fonteSistema: z.string().nullable(),
  misura: z.string().nullable(),
  dataset: z.string().nullable(),
});

/**
 * The datasets of one entity page: for each collection the page shows, its records flattened
 * like the collection's own dataset (same names, same columns rules), child tables included.
 * @param records the page's records by collection (scopes.ts `pageRecords`)
 */
export function buildSubset(input: OpenDataInput, records: Readonly<Record<string, readonly unknown[]>>): Dataset[] {
  const tableOrder = new Map([...input.tables].sort((a, b) => a.lines[0] - b.lines[0]).map((t, i) => [t.id, i]));
  const out: Dataset[] = [];
  for (const collection of collectionOrder(Object.keys(records))) {
    const schema = input.schemas[collection];
    const recs = records[collection] ?? [];
    if (!schema || !recs.length) continue;
    const doc = collectionDoc(collection);
    for (const t of flattenCollection(collection, schema, recs, doc.slug)) {
      if (!t.rows.length) continue;
      if (!t.parent) out.push(toDataset(t, 'collezione', collection, doc.titolo, doc.descrizione, tableOrder));
      else out.push(toDataset(t, 'dettaglio', collection, childTitle(collection, doc.titolo, t), `${childTitle(collection, doc.titolo, t)}: una riga per elemento dell’elenco.`, tableOrder, { parent: t.parent.table }));
    }
  }
  return out;
}

/** Dataset name of a document table: `tabella-t08`, `tabella-t02a`. */
export const tableDatasetName = (tableId: string): string => `tabella-${kebab(tableId)}`;

/** The records of a collection that were read from one document table. */
export function recordsOfTable(records: readonly unknown[], tableId: string): unknown[] {
  return records.filter((r) => (r as { provenance?: { table?: string } }).provenance?.table === tableId);
}

/** A table of the document and where its rows are published. */
export interface DocumentTable {
  table: TableInfo;
  /** Dataset holding exactly this table's rows (the collection's own when the collection is just this table), or null. */
  dataset: string | null;
  /** Records read from the table. */
  records: number;
}

/** Everything /dati/ publishes. */
export interface Catalog {
  datasets: Dataset[];
  /** Every table of the document, in document order, with the dataset that publishes it. */
  documentTables: DocumentTable[];
  byName: Map<string, Dataset>;
}

/**
 * Build the catalogue. Datasets with no rows are left out (a schema with no records yet, a
 * list that is always empty); a document table whose records make up its whole collection is
 * published by the collection's dataset rather than by a duplicate.
 */
export function buildCatalog(input: OpenDataInput): Catalog {
  const tableOrder = new Map([...input.tables].sort((a, b) => a.lines[0] - b.lines[0]).map((t, i) => [t.id, i]));
  const datasets: Dataset[] = [];
  const collectionStem = new Map<string, string>();

  for (const collection of collectionOrder(Object.keys(input.schemas))) {
    const records = input.collections[collection] ?? [];
    if (!records.length) continue;
    const doc = collectionDoc(collection);
    collectionStem.set(collection, doc.slug);
    const flat = flattenCollection(collection, input.schemas[collection], records, doc.slug);
    for (const t of flat) {
      if (!t.rows.length) continue;
      if (!t.parent) datasets.push(toDataset(t, 'collezione', collection, doc.titolo, doc.descrizione, tableOrder));
      else {
        const title = childTitle(collection, doc.titolo, t);
        datasets.push(toDataset(t, 'dettaglio', collection, title, `${title}: una riga per elemento dell’elenco, con l’identificativo del record di «${doc.titolo}» a cui appartiene.`, tableOrder, { parent: t.parent.table }));
      }
    }
  }

  const documentTables: DocumentTable[] = [];
  for (const table of [...input.tables].sort((a, b) => a.lines[0] - b.lines[0])) {
    const collection = table.collection;
    const all = input.collections[collection] ?? [];
    const schema = input.schemas[collection];
    const records = recordsOfTable(all, table.id);
    if (!schema || !records.length) {
      documentTables.push({ table, dataset: null, records: 0 });
      continue;
    }
    if (records.length === all.length) {
      documentTables.push({ table, dataset: collectionStem.get(collection) ?? null, records: records.length });
      continue;
    }
    const name = tableDatasetName(table.id);
    const title = `Tabella ${table.id} — ${table.title}`;
    const description = `Le righe della tabella ${table.id} del documento («${table.title}», righe ${table.lines[0]}-${table.lines[1]}), dal dataset «${collectionDoc(collection).titolo}».`;
    for (const t of flattenCollection(collection, schema, records, name)) {
      if (!t.rows.length) continue;
      if (!t.parent) datasets.push(toDataset(t, 'tabella', collection, title, description, tableOrder, { table }));
      else datasets.push(toDataset(t, 'dettaglio', collection, childTitle(collection, title, t), `${childTitle(collection, title, t)}: una riga per elemento dell’elenco.`, tableOrder, { parent: t.parent.table, table }));
    }
    documentTables.push({ table, dataset: name, records: records.length });
  }

  if (documentTables.length) {
    const doc = collectionDoc(DOCUMENT_TABLES);
    const records = documentTables.map((d) => ({
      id: d.table.id,
      titolo: d.table.title,
      righeDocumento: `${d.table.lines[0]}-${d.table.lines[1]}`,
      righeDati: d.table.rows,
      datiAl: d.table.datiAl,
      fonteSistema: d.table.fonte,
      misura: d.table.measure,
      dataset: d.dataset,
    }));
    const [t] = flattenCollection(DOCUMENT_TABLES, documentTableSchema, records, doc.slug);
    datasets.unshift(toDataset(t, 'collezione', DOCUMENT_TABLES, doc.titolo, doc.descrizione, tableOrder));
  }

  const byName = new Map<string, Dataset>();
  for (const d of datasets) {
    if (byName.has(d.name)) throw new Error(`opendata: two datasets are named "${d.name}"; give the collections distinct slugs in src/lib/opendata/dictionary.ts`);
    byName.set(d.name, d);
  }
  return { datasets, documentTables, byName };
}
