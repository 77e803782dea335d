/**
 * The data model of the site's HTML tables (DataTable.astro renders it): typed columns, cells
 * that are plain text, numbers, figures with status, or links. Pages build rows; formatting and
 * markup stay in one place.
 */
import type { Provenance, Value } from '../schemas/common.ts';
import { formatDate, formatKind, formatLines, formatValue, type ValueKind } from './format.ts';

/** How a column's cells are read and formatted. */
export type ColumnKind = 'testo' | 'data' | ValueKind;

export interface Column {
  key: string;
  /** Header text as the reader sees it (units are added from `kind`/`unit`). */
  label: string;
  kind?: ColumnKind;
  /** Unit shown in the header when `kind` does not imply one ("persone", "ore"). */
  unit?: string;
  /** The cells of this column name their row (`<th scope="row">`). */
  rowHeader?: boolean;
  /** Text shown exactly as in the file (monospace, whitespace kept): verbatim seed lines. */
  verbatim?: boolean;
}

/** A link cell. */
export interface LinkCell {
  text: string;
  href: string;
}

export type Cell = string | number | null | undefined | Value | LinkCell;

/** One row: cells by column key, plus optional row-level traceability and emphasis. */
export interface Row {
  cells: Record<string, Cell>;
  /** Seed lines the row was read from (shown in a "Riga" column when the table asks). */
  lines?: readonly [number, number];
  /** Emphasised row (the record the page is about). */
  highlight?: boolean;
  /** Per-cell unit where a row differs from its column (an indicator counted in hours). */
  kinds?: Record<string, ValueKind>;
}

/** Header text with its unit: "Importo (€)", "Completamento (%)". */
export function headerLabel(c: Column): string {
  const unit = c.unit ?? (c.kind === 'euro' ? '€' : c.kind === 'percentuale' ? '%' : c.kind === 'ore' ? 'ore' : undefined);
  if (!unit || c.label.includes(`(${unit})`)) return c.label;
  // "Quota spesa (calcolata)" + % → "Quota spesa (calcolata, %)": one parenthesis, not two.
  return c.label.endsWith(')') ? `${c.label.slice(0, -1)}, ${unit})` : `${c.label} (${unit})`;
}

/** True when the cell is a figure with a status. */
export function isValue(c: Cell): c is Value {
  return typeof c === 'object' && c !== null && 'status' in c && 'raw' in c;
}

/** True when the cell is a link. */
export function isLink(c: Cell): c is LinkCell {
  return typeof c === 'object' && c !== null && 'href' in c;
}

/** Numeric columns are right-aligned. */
export function isNumeric(c: Column): boolean {
  return c.kind === 'euro' || c.kind === 'numero' || c.kind === 'percentuale' || c.kind === 'ore';
}

/** The text of a plain (non-figure, non-link) cell, formatted by its column's kind. */
export function plainText(cell: Cell, col: Column): string {
  if (cell === null || cell === undefined || cell === '') return '';
  if (isValue(cell)) return formatValue(cell, (isNumeric(col) ? col.kind : 'numero') as ValueKind);
  if (isLink(cell)) return cell.text;
  if (typeof cell === 'number') return isNumeric(col) ? formatKind(cell, col.kind as ValueKind) : String(cell);
  if (col.kind === 'data') return formatDate(cell);
  return cell;
}

/** "riga 314" / "righe 289–291" for a row's seed lines. */
export function rowLinesText(lines: readonly [number, number]): string {
  return formatLines(lines);
}

/** Provenances grouped by table, with the overall line span of each: for source notes. */
export function groupProvenance(ps: readonly Provenance[]): (Provenance & { count: number })[] {
  const m = new Map<string, Provenance & { count: number }>();
  for (const p of ps) {
    const k = `${p.file}|${p.table}`;
    const hit = m.get(k);
    if (!hit) m.set(k, { ...p, lines: [p.lines[0], p.lines[1]], count: 1 });
    else {
      hit.lines = [Math.min(hit.lines[0], p.lines[0]), Math.max(hit.lines[1], p.lines[1])];
      hit.count++;
      // A table spans several "dati al" only if the document says so; keep the first stated.
      hit.datiAl ??= p.datiAl;
      hit.fonte ??= p.fonte;
    }
  }
  return [...m.values()].sort((a, b) => a.lines[0] - b.lines[0]);
}

/**
 * The words of a source note for one table, split where the page puts markup (the file name is
 * code): "tabella T08 «…»", file, "righe 277–363 — dati al 10 giugno 2025, fonte: Allegati D".
 */
export function sourceParts(g: Provenance): { table: string; file: string; rest: string } {
  const table = g.table === 'testo' ? 'testo del documento' : `tabella ${g.table} «${g.tableTitle}»`;
  const date = g.datiAl ? `dati al ${formatDate(g.datiAl)}` : 'il documento non indica la data dei dati';
  return { table, file: g.file, rest: `${formatLines(g.lines)} — ${date}${g.fonte ? `, fonte: ${g.fonte}` : ''}` };
}
