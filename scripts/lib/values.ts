/**
 * Italian numbers and missing-value markers.
 * A missing value is never 0: it is `null` with a status.
 */
import { SeedError, excerpt } from './errors.ts';
import { memoize } from './memo.ts';
import { squash, type SeedLine } from './seed.ts';

/** Why a value is (or is not) there. `valido` = a number was read. */
export type ValueStatus = 'valido' | 'non_validato' | 'non_valido' | 'nd' | 'assente';

/** A figure read from one cell of the document. */
export interface Value {
  value: number | null;
  status: ValueStatus;
  /** The cell as printed (after markup removal), for traceability. */
  raw: string;
}

/** Recognise a missing-data marker ("Dato non validato", split "validat o", "#N/D", "-", blank). */
export function markerStatus(cell: string): Exclude<ValueStatus, 'valido'> | null {
  return markerMemo(cell);
}

// Every figure cell is tested for a marker, some by several readers: read each cell once.
const markerMemo = memoize((cell: string): Exclude<ValueStatus, 'valido'> | null => {
  const t = cell.trim();
  if (t === '' || /^[-–—]$/.test(t)) return 'assente';
  const k = squash(t);
  if (k === 'datononvalidato') return 'non_validato';
  if (k === 'datononvalido') return 'non_valido';
  if (/^#?n\/?d$/i.test(t.replace(/\s+/g, ''))) return 'nd';
  return null;
});

const NUMBER_CHARS = /^[-+]?[\d\s.,]+$/;

/**
 * Parse an Italian-formatted number: `1.234.567,89`, `1455233,2`, `334.398`, `34,5`.
 * Spaces inserted by the PDF extraction inside the number are removed first
 * (`476.666,6 7` → 476666.67). Returns null when the text is not a number.
 */
export function parseItalianNumber(text: string): number | null {
  return numberMemo(text);
}

// Cells are parsed as numbers by the row readers and again by the figure tests: parse each cell once.
const numberMemo = memoize((text: string): number | null => {
  let t = text.replace(/€/g, '').replace(/%/g, '').trim();
  if (t === '' || !NUMBER_CHARS.test(t)) return null;
  t = t.replace(/\s+/g, '');
  const grouped = /^[-+]?\d{1,3}(\.\d{3})+(,\d+)?$/;
  const plain = /^[-+]?\d+(,\d+)?$/;
  if (!grouped.test(t) && !plain.test(t)) return null;
  const n = Number(t.replace(/\./g, '').replace(',', '.'));
  return Number.isFinite(n) ? n : null;
});

/** A cell's marker status, else the number it holds, else null: what `readValue` needs, looked up once per cell. */
const readCell = memoize((raw: string): Exclude<ValueStatus, 'valido'> | number | null => markerStatus(raw) ?? parseItalianNumber(raw));

/** Round to cents without binary noise. */
export const cents = (n: number): number => Math.round(n * 100) / 100;

export type NumberKind = 'euro' | 'integer' | 'decimal' | 'percent';

/**
 * Read a numeric cell into a Value. Markers give null with their status;
 * anything else that is not a number is a located error (a column shifted or a format changed).
 */
export function readValue(cell: string, kind: NumberKind, file: string, line: SeedLine, column: string): Value {
  const raw = cell.trim();
  const read = readCell(raw);
  if (typeof read === 'string') return { value: null, status: read, raw };
  if (kind === 'euro' && /€/.test(raw) === false && /%/.test(raw)) {
    throw new SeedError(file, line.n, `an amount in euro for "${column}"`, excerpt(raw));
  }
  const n = read;
  if (n === null) {
    throw new SeedError(file, line.n, `a number for "${column}"`, excerpt(raw));
  }
  const value = kind === 'euro' ? cents(n) : n;
  if (kind === 'integer' && !Number.isInteger(value)) {
    throw new SeedError(file, line.n, `a whole number for "${column}"`, excerpt(raw));
  }
  return { value, status: 'valido', raw };
}

/** A present value (for sums and checks). */
export const has = (v: Value | null | undefined): v is Value & { value: number } =>
  !!v && v.status === 'valido' && v.value !== null;

/** Parse `dd/mm/yyyy` (day may be unpadded) into ISO `yyyy-mm-dd`, or null. */
export function parseItalianDate(text: string): string | null {
  const m = /(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(text);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const MESI = ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'];

/** Parse "10 giugno 2025" (also "1° gennaio 2026") into ISO, or null. */
export function parseItalianLongDate(text: string): string | null {
  const m = /(\d{1,2})°?\s+(gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre)\s+(\d{4})/i.exec(text);
  if (!m) return null;
  const mo = MESI.indexOf(m[2].toLowerCase()) + 1;
  return `${m[3]}-${String(mo).padStart(2, '0')}-${String(Number(m[1])).padStart(2, '0')}`;
}

/** Remove spaces that PDF extraction put inside a CUP code; null when the result is not a 15-character CUP. */
export function repairCup(text: string): string | null {
  const t = text.replace(/\s+/g, '').toUpperCase();
  return /^[A-Z][0-9]{2}[A-Z][0-9]{11}$/.test(t) ? t : null;
}
