/**
 * The files of a dataset: one per format, rendered once and remembered (the catalogue page shows
 * their sizes, the endpoints serve their bytes, datapackage.json and the DCAT catalogue describe
 * them — all from the same string).
 */
import { createHash } from 'node:crypto';
import type { Dataset } from './catalog.ts';
import { byteLength, FORMATS, render, type FormatInfo } from './formats.ts';

/** One rendered file of a dataset. */
export interface DataFile {
  /** Path relative to the directory the dataset is published in: `<name><suffix>`. */
  file: string;
  format: FormatInfo;
  dataset: Dataset;
  /** The file's text (UTF-8; the Excel CSV starts with a BOM). */
  body: string;
  bytes: number;
  sha256: string;
}

/** Catalogue-level files published beside the datasets in /dati/, with their media types. */
export const CATALOG_FILES = {
  'datapackage.json': 'application/json; charset=utf-8',
  'catalogo.ttl': 'text/turtle; charset=utf-8',
  'dizionario.csv': 'text/csv; charset=utf-8',
} as const;

const rendered = new WeakMap<Dataset, DataFile[]>();

/** The dataset's files in every format, in FORMATS order. */
export function filesOf(ds: Dataset): DataFile[] {
  let out = rendered.get(ds);
  if (!out) {
    out = FORMATS.map((format) => {
      const body = render(format.id, ds.columns, ds.rows);
      return { file: `${ds.name}${format.suffix}`, format, dataset: ds, body, bytes: byteLength(body), sha256: createHash('sha256').update(body, 'utf8').digest('hex') };
    });
    rendered.set(ds, out);
  }
  return out;
}

/** Human size in Italian: "812 B", "12,4 kB", "1,2 MB" (decimal units, as file managers show). */
export function formatBytes(n: number): string {
  if (n < 1000) return `${n} B`;
  const fmt = (x: number) => x.toLocaleString('it-IT', { maximumFractionDigits: 1, minimumFractionDigits: 0 });
  if (n < 1_000_000) return `${fmt(n / 1000)} kB`;
  return `${fmt(n / 1_000_000)} MB`;
}
