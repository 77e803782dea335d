/**
 * Helpers shared by the CPI family's parsers (plan grids, quarterly tables, per-CPI tables):
 * reading headings around a table, target codes, periods, name occurrences and checks.
 * Pure functions of the cleaned lines.
 */
import { measureCode, measureId } from '../lib/measure-code.ts';
import { memoize } from '../lib/memo.ts';
import { isBlank, type SeedLine } from '../lib/seed.ts';
import { findProvince } from '../lib/territory.ts';
import { markerStatus, parseItalianNumber } from '../lib/values.ts';
import type { Check, ParseCtx } from '../lib/types.ts';

/** Accent- and case-free text with single spaces: for matching column names and captions. */
export function plain(s: string): string {
  return plainMemo(s);
}

// The table finders each test every cell of the seed against their column names: normalise each cell once.
const plainMemo = memoize((s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim(),
);

/** True for a cell that holds a number (with or without €/%) or a missing-data marker. */
export function isFigure(cell: string): boolean {
  return markerStatus(cell) !== null || parseItalianNumber(cell) !== null;
}

/** The enclosing measure of a line: the last "INVESTIMENTO/RIFORMA n.n:" heading above it, under "MISSIONE n"/"COMPONENTE n". */
export function enclosingMeasure(lines: SeedLine[], n: number): { code: string; id: string; line: number } | null {
  const measureRe = /^(SUB-?INVESTIMENTO|INVESTIMENTO|RIFORMA)\s+(\d+(?:\.\d+)*)\s*:/i;
  for (let i = n - 2; i >= 0; i--) {
    const m = measureRe.exec(lines[i].text);
    if (!m) continue;
    let mission: number | null = null;
    let component: number | null = null;
    for (let j = i; j >= 0 && (mission === null || component === null); j--) {
      const t = lines[j].text;
      if (component === null) {
        const c = /\bCOMPONENTE\s+(\d+)\b/i.exec(t);
        if (c) component = Number(c[1]);
      }
      if (mission === null) {
        const mm = /\bMISSIONE\s+(\d+)\b/i.exec(t);
        if (mm) mission = Number(mm[1]);
      }
    }
    if (mission === null || component === null) return null;
    const kind = /^riforma/i.test(m[1]) ? 'riforma' : /^sub/i.test(m[1]) ? 'sub-investimento' : 'investimento';
    const code = measureCode(mission, component, kind, m[2]);
    return { code, id: measureId(code), line: lines[i].n };
  }
  return null;
}

/** A target code ("M5C1-7", "M5C1-7bis") read from a caption, tolerant to the spaces and dashes the document uses. */
export function targetCode(text: string): string | null {
  const m = /\bM\s*(\d)\s*C\s*(\d)\s*[-–—]\s*(\d+)\s*(bis|ter)?\b/i.exec(text);
  return m ? `M${m[1]}C${m[2]}-${m[3]}${(m[4] ?? '').toLowerCase()}` : null;
}

const MESI_BREVI = ['gen', 'feb', 'mar', 'apr', 'mag', 'giu', 'lug', 'ago', 'set', 'ott', 'nov', 'dic'];

/** "apr-25" → "2025-04" (the period is read literally); null when the text is not a month-year. */
export function periodIso(text: string): string | null {
  const m = /^([a-z]{3})[a-z]*\.?[-\s/]?(\d{2}|\d{4})$/i.exec(text.trim());
  if (!m) return null;
  const mo = MESI_BREVI.indexOf(m[1].toLowerCase());
  if (mo < 0) return null;
  const y = m[2].length === 2 ? 2000 + Number(m[2]) : Number(m[2]);
  return `${y}-${String(mo + 1).padStart(2, '0')}`;
}

/**
 * The caption lines just above a table: consecutive non-blank, unclaimed lines (blank lines between
 * them allowed) that satisfy `accept`, nearest first. Stops at the first line that does not.
 */
export function captionAbove(ctx: ParseCtx, headerIdx: number, accept: (l: SeedLine) => boolean): SeedLine[] {
  const out: SeedLine[] = [];
  for (let i = headerIdx - 1; i >= 0; i--) {
    const l = ctx.lines[i];
    if (isBlank(l)) continue;
    if (ctx.claimed(l.n) || !accept(l)) break;
    out.push(l);
  }
  return out;
}

/** Who a "CPI coinvolti" cell concerns: named offices, every CPI of a province, every CPI of the region. */
export type Scope = { tipo: 'cpi' } | { tipo: 'provincia'; provincia: string } | { tipo: 'regione' };

/** Read "Tutti (i) CPI della Provincia di X / della CMM / di Regione Lombardia / Tutti i CPI" as a scope; null if the cell names offices. */
export function groupScope(text: string): Scope | null {
  if (!/^tutti\b/i.test(text.trim())) return null;
  const p = findProvince(text);
  if (p) return { tipo: 'provincia', provincia: p.slug };
  const rest = plain(text).replace(/^tutti\s+(i\s+)?cpi\b/, '').trim();
  if (rest === '' || /\bregione\b/.test(rest)) return { tipo: 'regione' };
  return null;
}

/** The province named at the end of a group label ("Adeguamento sedi - Provincia di Bergamo", "… - RL"). */
export function labelScope(label: string): { scope: Scope | null; place: string | null } {
  const parts = label.split(/\s+[-–]\s+/);
  for (let i = parts.length - 1; i >= 1; i--) {
    const p = findProvince(parts[i]);
    if (p) return { scope: { tipo: 'provincia', provincia: p.slug }, place: parts[i].trim() };
    if (/^(regione\b|rl$)/i.test(parts[i].trim())) return { scope: { tipo: 'regione' }, place: parts[i].trim() };
  }
  return { scope: null, place: null };
}

/** One printed mention of an office, before the names are reconciled across tables. */
export interface NameRef {
  /** The cell(s) as printed; parts of a name split over rows are joined with a space. */
  printed: string;
  /** The text after the general rules and corrections, used to group the mentions of one office. */
  text: string;
  lines: number[];
  table: string;
  /** Filled by the registry: the office's slug. */
  slug?: string;
}

/**
 * Turn a printed CPI name into the text used for matching: the "CPI" prefix in capitals (the document
 * also prints "Cpi", "cpi" or nothing in the CPI column), then the human corrections keyed by that text.
 */
export function nameText(ctx: ParseCtx, printed: string, joined: string, lines: number[], table: string): string {
  let t = joined.replace(/\s+/g, ' ').trim();
  const prefixed = /^cpi\b\s*/i.test(t) ? t.replace(/^cpi\b\s*/i, 'CPI ') : `CPI ${t}`;
  if (prefixed !== t) {
    ctx.repaired({
      rule: /^cpi\b/i.test(t) ? 'prefisso-cpi-maiuscolo' : 'prefisso-cpi-mancante',
      raw: printed,
      fixed: prefixed,
      reason: /^cpi\b/i.test(t)
        ? 'il documento scrive "CPI" anche come "Cpi"/"cpi": forma unica in maiuscolo'
        : 'nella colonna CPI il nome compare senza il prefisso "CPI"',
      line: lines[0],
      table,
    });
    t = prefixed;
  }
  return ctx.correct(t, lines[0], table);
}

/** Linking words that legitimately start a lowercase continuation of a place name. */
const LINKING = new Set(['di', 'del', 'della', 'dei', 'delle', 'degli', 'e', 'sul', "sull'", 'in', 'al', 'alla', 'sede', 'uffici']);

/**
 * Join a name printed over two rows. A continuation that starts with a lowercase letter which is not a
 * linking word continues the broken word ("CPI Desenze" + "no del Garda"); otherwise a space separates them.
 */
export function joinSplitName(first: string, rest: string): string {
  const w = rest.trim().split(/\s+/)[0] ?? '';
  const midWord = /^[a-zà-ÿ]/.test(w) && !LINKING.has(w.toLowerCase()) && /[A-Za-zÀ-ÿ]$/.test(first.trim());
  return midWord ? `${first.trim()}${rest.trim()}` : `${first.trim()} ${rest.trim()}`;
}

/** A check of a printed percentage (integer points) against a ratio of the row's counts. */
export function percentCheck(
  id: string,
  table: string,
  description: string,
  stated: number | null,
  num: number,
  den: number,
  lines: number[],
  note?: string,
): Check {
  const computed = den === 0 ? (num === 0 ? 0 : null) : Math.round((num / den) * 10000) / 100;
  const ok = stated !== null && computed !== null && Math.abs(stated - computed) <= 0.5;
  return { id, table, description, stated, computed, tolerance: 0.5, ok, lines, ...(note ? { note } : {}) };
}

/** A check of an exact identity between counts or euro amounts (cents). */
export function equalCheck(
  id: string,
  table: string,
  description: string,
  stated: number | null,
  computed: number | null,
  lines: number[],
  tolerance = 0,
  note?: string,
): Check {
  const ok = stated !== null && computed !== null && Math.abs(stated - computed) <= tolerance + 1e-9;
  return { id, table, description, stated, computed, tolerance, ok, lines, ...(note ? { note } : {}) };
}

/** Sum of euro amounts in cents, to avoid binary noise. */
export const sumEuro = (xs: (number | null)[]): number => Math.round(xs.reduce<number>((a, x) => a + Math.round((x ?? 0) * 100), 0)) / 100;
