/**
 * The three distributions of every table, written from the same flat rows (pure):
 * - `csv`: RFC 4180 — UTF-8, `,`, CRLF, dot decimals, quotes only where needed (papaparse);
 * - `excel`: for Excel with Italian settings — UTF-8 with BOM (so accents survive), `;`
 *   (the Italian list separator), decimal comma, no thousands separator (so cells stay numbers);
 * - `json`: an array of objects, one row per line, keys in column order, numbers as numbers.
 * A missing figure is an empty cell / null, with its reason in the `stato_` column.
 */
import Papa from 'papaparse';
import type { Cell, Column, Row } from './flatten.ts';

/** The three formats of every table. */
export type FormatId = 'csv' | 'excel' | 'json';

/** How a format is named, served and described. */
export interface FormatInfo {
  id: FormatId;
  /** File name suffix after the dataset name. */
  suffix: string;
  /** Label shown next to download links. */
  label: string;
  mediaType: string;
  /** EU file-type authority code (DCAT-AP_IT `dct:format`). */
  euFileType: string;
}

/** The formats in the order they are offered. */
export const FORMATS: readonly FormatInfo[] = [
  { id: 'csv', suffix: '.csv', label: 'CSV', mediaType: 'text/csv; charset=utf-8', euFileType: 'CSV' },
  { id: 'excel', suffix: '.excel.csv', label: 'CSV per Excel', mediaType: 'text/csv; charset=utf-8', euFileType: 'CSV' },
  { id: 'json', suffix: '.json', label: 'JSON', mediaType: 'application/json; charset=utf-8', euFileType: 'JSON' },
];

/** The format a file name belongs to (the longest matching suffix wins: `.excel.csv` before `.csv`). */
export function formatOfFile(file: string): { format: FormatInfo; dataset: string } | null {
  const f = [...FORMATS].sort((a, b) => b.suffix.length - a.suffix.length).find((x) => file.endsWith(x.suffix));
  return f ? { format: f, dataset: file.slice(0, -f.suffix.length) } : null;
}

/** UTF-8 byte-order mark: Excel reads a CSV as UTF-8 only when it starts with one. */
export const BOM = '\uFEFF';
/** RFC 4180 line break. */
export const CRLF = '\r\n';

/** RFC 4180 CSV: header row, then one row per record; numbers in JavaScript's shortest round-trip form. */
export function toCsv(columns: readonly Column[], rows: readonly Row[]): string {
  const fields = columns.map((c) => c.name);
  return Papa.unparse({ fields, data: rows.map((r) => fields.map((f) => r[f] ?? null)) }, { delimiter: ',', newline: CRLF, quotes: false, header: true });
}

/** A cell that Excel would run as a formula (=, +, -, @, tab, CR at the start). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Number with a decimal comma and no grouping: `1234567.89` → `1234567,89`. */
export const decimalComma = (n: number): string => String(n).replace('.', ',');

/**
 * Text that Excel would silently change on opening: codes with leading zeros ("015002" → 15002),
 * short ranges and fractions it reads as dates ("7-7" → 7 luglio, "3/2022" → marzo 2022), digit
 * strings too long for a number. Such cells are written as the text formula ="…", the usual
 * way to keep them as text in Excel.
 */
const EXCEL_MANGLES = /^(0\d+|\d{1,2}[-/](\d{1,2}|\d{4})|\d{16,})$/;

/**
 * CSV for Excel (Italian locale): BOM, `;`, decimal comma. Text cells that Excel would
 * evaluate as formulas get a leading apostrophe, so a name or a note can never run as a
 * formula on the reader's machine; text Excel would turn into a number or a date is wrapped
 * in ="…" (see EXCEL_MANGLES). ISO dates are left as they are: Excel reading them as dates is
 * what the reader wants.
 */
export function toExcelCsv(columns: readonly Column[], rows: readonly Row[]): string {
  const fields = columns.map((c) => c.name);
  const cell = (c: Column, v: Cell): Cell => {
    if (v === null) return null;
    if (typeof v === 'number') return decimalComma(v);
    if (typeof v !== 'string' || (c.type !== 'string' && c.type !== 'date')) return v;
    if (FORMULA_START.test(v)) return `'${v}`;
    if (c.type === 'string' && EXCEL_MANGLES.test(v)) return `="${v}"`;
    return v;
  };
  const body = Papa.unparse(
    { fields, data: rows.map((r) => columns.map((c) => cell(c, r[c.name] ?? null))) },
    { delimiter: ';', newline: CRLF, quotes: false, header: true },
  );
  return BOM + body;
}

/** JSON array of row objects, one per line (readable diffs, compact files). */
export function toJson(columns: readonly Column[], rows: readonly Row[]): string {
  const names = columns.map((c) => c.name);
  if (rows.length === 0) return '[]\n';
  return '[\n' + rows.map((r) => JSON.stringify(Object.fromEntries(names.map((n) => [n, r[n] ?? null])))).join(',\n') + '\n]\n';
}

/** Render one distribution. */
export function render(format: FormatId, columns: readonly Column[], rows: readonly Row[]): string {
  if (format === 'csv') return toCsv(columns, rows);
  if (format === 'excel') return toExcelCsv(columns, rows);
  return toJson(columns, rows);
}

/** Bytes of a text file as written (UTF-8). */
export const byteLength = (s: string): number => Buffer.byteLength(s, 'utf8');

/**
 * Parse a CSV or Excel CSV back into typed rows using the columns' types: the inverse of
 * toCsv/toExcelCsv, for round-trip tests and for readers who want the dictionary's types.
 */
export function parseBack(text: string, columns: readonly Column[], format: 'csv' | 'excel'): { header: string[]; rows: Row[] } {
  const excel = format === 'excel';
  const src = excel && text.startsWith(BOM) ? text.slice(1) : text;
  const parsed = Papa.parse<string[]>(src, { delimiter: excel ? ';' : ',', newline: CRLF, header: false, skipEmptyLines: false });
  if (parsed.errors.length) throw new Error(`opendata: CSV does not parse: ${parsed.errors[0].message} (row ${parsed.errors[0].row})`);
  const [header = [], ...data] = parsed.data;
  const byName = new Map(columns.map((c) => [c.name, c]));
  const rows = data.map((cells) => {
    const row: Row = {};
    header.forEach((h, i) => {
      const c = byName.get(h);
      row[h] = typed(cells[i] ?? '', c, excel);
    });
    return row;
  });
  return { header, rows };
}

function typed(s: string, c: Column | undefined, excel: boolean): Cell {
  if (s === '') return null;
  if (!c) return s;
  if (c.type === 'number' || c.type === 'integer') return Number(excel ? s.replace(',', '.') : s);
  if (c.type === 'boolean') return s === 'true';
  if (excel && s.startsWith("'") && FORMULA_START.test(s.slice(1))) return s.slice(1);
  if (excel) {
    const m = /^="(.*)"$/.exec(s);
    if (m && EXCEL_MANGLES.test(m[1])) return m[1];
  }
  return s;
}
