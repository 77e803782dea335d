/** Shared building blocks of every record schema (used by scripts AND src/content.config.ts). */
import { z } from 'zod';

/** Why a figure is or is not there. */
export const valueStatus = z.enum(['valido', 'non_validato', 'non_valido', 'nd', 'assente']);

/** A figure read from one cell: `value` is null whenever `status` is not `valido`. Never a fake 0. */
export const value = z
  .object({
    /** The number (euro, count, hours or percentage points as the field says), or null. */
    value: z.number().nullable(),
    /** valido | non_validato ("Dato non validato") | non_valido ("Dato non valido") | nd ("#N/D") | assente (blank or "-"). */
    status: valueStatus,
    /** The cell as printed, after markup removal. */
    raw: z.string(),
  })
  .refine((v) => (v.status === 'valido') === (v.value !== null), 'value is null exactly when status is not valido');

/** Where the record was read in the document. */
export const provenance = z.object({
  /** Seed file, relative to the project. */
  file: z.string(),
  /** First and last line (1-based, inclusive). */
  lines: z.tuple([z.number().int().positive(), z.number().int().positive()]),
  /** Table id (T01…T23, sub-grids T02a…) or `testo`. */
  table: z.string(),
  /** Caption or heading as printed. */
  tableTitle: z.string(),
  /** "Dati al" date stated by the document (ISO yyyy-mm-dd), or null. */
  datiAl: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  /** Source system stated by the document, or null. */
  fonte: z.string().nullable(),
});

/** Lowercase ASCII URL slug. */
export const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);

export type Value = z.infer<typeof value>;
export type Provenance = z.infer<typeof provenance>;
