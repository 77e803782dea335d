/**
 * The contract between the entry script and the table-family parsers.
 * A parser receives the whole seed as cleaned lines plus a context that records
 * what it consumed; it returns typed records, table descriptions and checks.
 * Parsers do no I/O and keep no global state.
 */
import type { SeedLine } from './seed.ts';

/** Where a record comes from in the Ministry's document. */
export interface Provenance {
  /** Seed path relative to the project, e.g. `seeds/000_e71b61cb0ceb10fc.txt`. */
  file: string;
  /** First and last seed line (1-based, inclusive) the record was read from. */
  lines: [number, number];
  /** Table id in document order (T01…T23, sub-grids T02a…), or `testo` for running text. */
  table: string;
  /** The table's caption/heading as printed (cleaned of markup). */
  tableTitle: string;
  /** The "dati al" date the document states for this table (ISO), or null when it states none. */
  datiAl: string | null;
  /** The source system the document names (e.g. "Sistema Informativo Unitario"), or null. */
  fonte: string | null;
}

/** A human repair, from seeds/corrections.json, keyed by the raw text it replaces. */
export interface Correction {
  raw: string;
  fixed: string;
  reason: string;
}

/** A correction or general repair that was applied, with where. */
export interface AppliedRepair {
  /** `correzione` = from corrections.json; `regola` = a general rule (split cell, spaces in a code…). */
  kind: 'correzione' | 'regola';
  rule: string;
  raw: string;
  fixed: string;
  reason: string;
  line: number;
  table: string;
}

/** A printed total / percentage / identity checked against the rows. Mismatches are published, never fatal. */
export interface Check {
  id: string;
  table: string;
  description: string;
  /** The value as printed in the document (null when the identity has no printed side). */
  stated: number | null;
  /** The value recomputed from the rows. */
  computed: number | null;
  /** Accepted absolute difference (rounding of printed percentages). */
  tolerance: number;
  ok: boolean;
  lines: number[];
  note?: string;
}

/** One table (grid) as found in the document. */
export interface TableInfo {
  id: string;
  title: string;
  lines: [number, number];
  rows: number;
  datiAl: string | null;
  fonte: string | null;
  /** Measure code the table belongs to (e.g. `M5C2-I1.1.1`). */
  measure: string | null;
  /** Collection that holds its rows. */
  collection: string;
}

export interface ParseCtx {
  /** Seed path as written in provenance and error messages. */
  file: string;
  lines: SeedLine[];
  /** Human corrections (raw → fixed). */
  corrections: Correction[];
  /** Return the corrected text for `raw` if corrections.json has an entry for it (recording the use); else `raw`. */
  correct(raw: string, line: number, table: string): string;
  /** Record a general-rule repair (split CUP rejoined, spaces removed from a name…). */
  repaired(r: Omit<AppliedRepair, 'kind'>): void;
  /** Mark lines as consumed by a table/record. */
  consume(lines: number | number[], by: string): void;
  /** Mark lines as structural (heading, caption, header row, separator, blank inside a table). */
  structural(lines: number | number[], by: string): void;
  /** Mark lines as running text kept with the measure it describes (measure code, or `documento`). */
  prose(lines: number | number[], measure: string): void;
  /** Lines already claimed by a parser. */
  claimed(line: number): boolean;
}

export interface FamilyResult {
  tables: TableInfo[];
  collections: Record<string, object[]>;
  checks: Check[];
}
