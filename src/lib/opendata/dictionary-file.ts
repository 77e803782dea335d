/**
 * dizionario.csv: the data dictionary of every published table in one RFC 4180 CSV (one row per
 * column of each dataset), for readers who want the dictionary in a spreadsheet. Pure.
 */
import type { Dataset } from './catalog.ts';
import { flattenRecords } from './flatten.ts';
import { toCsv } from './formats.ts';
import { z } from 'zod';

const entrySchema = z.object({
  dataset: z.string(),
  colonna: z.string(),
  tipo: z.string(),
  unita: z.string().nullable(),
  descrizione: z.string().nullable(),
  valoriAmmessi: z.string().nullable(),
  puoEssereVuota: z.boolean(),
});

/** One row per column of each dataset, in catalogue and column order. */
export function dictionaryRows(datasets: readonly Dataset[]) {
  return datasets.flatMap((ds) =>
    ds.columns.map((c) => ({
      dataset: ds.name,
      colonna: c.name,
      tipo: c.type,
      unita: c.unita,
      descrizione: c.descrizione,
      valoriAmmessi: c.enum ? c.enum.join('|') : null,
      puoEssereVuota: c.nullable,
    })),
  );
}

/** dizionario.csv's text. */
export function dictionaryCsv(datasets: readonly Dataset[]): string {
  const [t] = flattenRecords('dizionario', entrySchema, dictionaryRows(datasets), { keepAbsentColumns: true });
  return toCsv(t.columns, t.rows);
}
