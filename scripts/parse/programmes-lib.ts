/**
 * Helpers shared by the programme parsers (GOL, duale, lavoro sommerso, atti) and the measures
 * walker: reading multi-level headers, strict column matching, bounded data rows, "dati al" notes
 * and text corrections. Pure functions of the parse context; no I/O.
 */
import { SeedError, excerpt } from '../lib/errors.ts';
import { memoize } from '../lib/memo.ts';
import { filledCount, isBlank, isSeparator, type SeedLine } from '../lib/seed.ts';
import type { Check, Correction, ParseCtx, Provenance } from '../lib/types.ts';
import { parseItalianDate } from '../lib/values.ts';

/** Expected column of a table: a stable key, a pattern for its (flattened) header, and a label for errors. */
export interface ColSpec {
  key: string;
  re: RegExp;
  label: string;
}

/** The line after index `i` (0-based array index) that is not blank, or null at end of file. */
export function nextContent(ctx: ParseCtx, i: number): SeedLine | null {
  for (let k = i + 1; k < ctx.lines.length; k++) {
    const l = ctx.lines[k];
    if (!isBlank(l) && !isSeparator(l)) return l;
  }
  return null;
}

/** The last non-blank line before 0-based index `i`, or null. */
export function prevContent(ctx: ParseCtx, i: number): SeedLine | null {
  for (let k = i - 1; k >= 0; k--) {
    const l = ctx.lines[k];
    if (!isBlank(l) && !isSeparator(l)) return l;
  }
  return null;
}

// Defined with the other line helpers in lib/seed.ts; the programme parsers import it from here.
export { filledCount };

/** The cells of a line without its trailing empty cells (a trailing tab is normal). */
export function trimmed(l: SeedLine): string[] {
  const c = [...l.cells];
  while (c.length && c[c.length - 1] === '') c.pop();
  return c;
}

/** Blank/separator lines strictly between two line numbers (they belong to the table around them). */
export function blanksBetween(ctx: ParseCtx, from: number, to: number): number[] {
  const out: number[] = [];
  for (let n = from + 1; n < to; n++) {
    const l = ctx.lines[n - 1];
    if (isBlank(l) || isSeparator(l)) out.push(n);
  }
  return out;
}

/** The last line of the file, for "found end of file" errors. */
export const lastLine = (ctx: ParseCtx): number => ctx.lines.length;

/** A located error for a table the document must contain but that was not found. */
export function missingTable(ctx: ParseCtx, what: string): SeedError {
  return new SeedError(ctx.file, lastLine(ctx), what, 'end of file');
}

/**
 * Match the header cells of a table against the expected columns, in order.
 * A column added, removed or renamed is a located error on the header line.
 */
export function matchColumns(ctx: ParseCtx, line: number, names: string[], specs: ColSpec[]): Record<string, number> {
  const ok = names.length === specs.length && specs.every((s, i) => s.re.test(names[i]));
  if (!ok) {
    throw new SeedError(
      ctx.file,
      line,
      `${specs.length} columns (${specs.map((s) => s.label).join(' | ')})`,
      `${names.length}: ${names.map((n) => (n === '' ? '(vuota)' : n)).join(' | ')}`.slice(0, 400),
    );
  }
  return Object.fromEntries(specs.map((s, i) => [s.key, i]));
}

/**
 * Flatten a multi-level header into one name per column. A group label ("Percorsi", "Stima platea")
 * printed once over several columns is carried to the right over empty cells as long as a lower
 * level names the column; the levels are joined with " – ".
 */
export function flattenHeader(levels: string[][]): string[] {
  const width = Math.max(...levels.map((l) => l.length));
  const names: string[][] = Array.from({ length: width }, () => []);
  levels.forEach((cells, depth) => {
    let carried = '';
    for (let i = 0; i < width; i++) {
      const own = cells[i] ?? '';
      const below = levels.slice(depth + 1).some((l) => (l[i] ?? '') !== '');
      if (own !== '') carried = own;
      else if (!below) carried = '';
      const label = own !== '' ? own : below ? carried : '';
      if (label !== '') names[i].push(label);
    }
  });
  const flat = names.map((parts) => parts.join(' – '));
  while (flat.length && flat[flat.length - 1] === '') flat.pop();
  return flat;
}

/**
 * The cells of a data row, padded to the table width. A non-empty cell beyond the last column
 * means the row does not fit the header (a column was added to the rows): a located error.
 */
export function rowCells(ctx: ParseCtx, l: SeedLine, width: number, table: string): string[] {
  const cells = trimmed(l);
  if (cells.length > width) {
    throw new SeedError(ctx.file, l.n, `at most ${width} cells in a row of ${table}`, `${cells.length}: ${excerpt(l.text)}`);
  }
  return Array.from({ length: width }, (_, i) => cells[i] ?? '');
}

/** A "x" flag cell: true for "x", false for empty; anything else is a located error. */
export function readFlag(ctx: ParseCtx, cell: string, l: SeedLine, column: string): boolean {
  const t = cell.trim();
  if (t === '') return false;
  if (/^x$/i.test(t)) return true;
  throw new SeedError(ctx.file, l.n, `"x" or an empty cell for "${column}"`, excerpt(t));
}

/** Statement of source and date below a grid ("Dati al 10/08/2025.", "Dati ricavati dal … (dati al 30/06/2025)"). */
export interface SourceNote {
  line: SeedLine;
  datiAl: string | null;
  fonte: string | null;
  nota: string | null;
}

/**
 * Read a "Dati al …" / "Dati ricavati da …" line: the latest date it states, the source system(s)
 * with the dates removed, and any further sentence as a note.
 */
export function readSourceNote(l: SeedLine | null): SourceNote | null {
  if (!l || filledCount(l) !== 1) return null;
  const t = l.text;
  if (!/^Dati\s+(al|ricavati)\b/i.test(t)) return null;
  const dates = [...t.matchAll(/\d{1,2}\/\d{1,2}\/\d{4}/g)].map((m) => parseItalianDate(m[0])).filter((d): d is string => !!d);
  const datiAl = dates.length ? [...dates].sort().at(-1)! : null;
  if (/^Dati\s+al\b/i.test(t)) return { line: l, datiAl, fonte: null, nota: null };
  // "Dati ricavati dal <fonte> (dati al …)[ e <fonte> (dati al …)]. <nota>"
  const lastParen = t.lastIndexOf(')');
  const head = lastParen >= 0 ? t.slice(0, lastParen + 1) : t;
  const tail = lastParen >= 0 ? t.slice(lastParen + 1).replace(/^[.\s]+/, '').trim() : '';
  const fonte = head
    .replace(/^Dati\s+ricavati\s+(dal|dalla|dai|da)\s+/i, '')
    .replace(/\s*\(dati al [^)]*\)/gi, '')
    .replace(/\.$/, '')
    .trim();
  return { line: l, datiAl, fonte: fonte || null, nota: tail || null };
}

/** Provenance of a record read from a table. */
export function prov(ctx: ParseCtx, lines: [number, number], table: string, tableTitle: string, datiAl: string | null = null, fonte: string | null = null): Provenance {
  return { file: ctx.file, lines, table, tableTitle, datiAl, fonte };
}

/** Build a check; `ok` when the printed and recomputed values agree within the tolerance. */
export function check(c: Omit<Check, 'ok'> & { ok?: boolean }): Check {
  const ok = c.ok ?? (c.stated !== null && c.computed !== null && Math.abs(c.stated - c.computed) <= c.tolerance + 1e-9);
  return { ...c, ok };
}

/** Round for checks and sums (cents), without binary noise. */
export const round2 = (n: number): number => Math.round(n * 100) / 100;

/** Italian euro formatting for check notes (deterministic, no locale data needed). */
export function euro(n: number): string {
  const [int, dec] = Math.abs(n).toFixed(2).split('.');
  return `${n < 0 ? '-' : ''}${int.replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${dec} €`;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Apply seeds/corrections.json to a piece of text: the whole text when it is a key, otherwise every
 * key (of at least 4 characters) found inside it as a whole word or phrase. Each use is recorded
 * unless `record` is false (used to test a line before deciding it is ours).
 */
export function fixText(ctx: ParseCtx, text: string, line: number, table: string, record = true): string {
  const compiled = compileCorrections(ctx.corrections);
  const whole = compiled.whole.get(text);
  if (whole) return record ? ctx.correct(text, line, table) : whole.fixed;
  if (!compiled.anyKey?.test(text)) return text;
  let out = text;
  for (const { c, re } of compiled.phrases) {
    re.lastIndex = 0;
    // The key must occur literally for its pattern to match: the substring test spares the regex.
    if (out.includes(c.raw) && re.test(out)) {
      out = out.replace(re, () => c.fixed);
      if (record) ctx.correct(c.raw, line, table);
    }
  }
  return out;
}

/** A corrections list prepared for matching: see `compileCorrections`. */
interface CompiledCorrections {
  /** The first correction of each key, for texts that are a key as a whole. */
  whole: Map<string, Correction>;
  /** Corrections usable inside a longer text, longest keys first (a phrase wins over a word inside it); ties by key for determinism. */
  phrases: { c: Correction; re: RegExp }[];
  /**
   * Every phrase key as one plain alternation (no word boundaries, which keeps it fast): a text it does
   * not match contains no key, so no phrase pattern can match it. Null without phrase keys.
   */
  anyKey: RegExp | null;
}

const compiledCache = new WeakMap<readonly Correction[], CompiledCorrections>();

/**
 * Compile a corrections list once. Texts are tested against it by every parser that reads a line, and
 * most contain no key: they are ruled out by one search for all the keys instead of one regex per key.
 */
function compileCorrections(corrections: readonly Correction[]): CompiledCorrections {
  let compiled = compiledCache.get(corrections);
  if (!compiled) {
    const whole = new Map<string, Correction>();
    for (const c of corrections) if (!whole.has(c.raw)) whole.set(c.raw, c);
    const phrases = [...corrections]
      .filter((c) => c.raw.length >= 4)
      .sort((a, b) => b.raw.length - a.raw.length || a.raw.localeCompare(b.raw))
      .map((c) => ({ c, re: new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(c.raw)}(?![\\p{L}\\p{N}])`, 'gu') }));
    const anyKey = phrases.length ? new RegExp(phrases.map(({ c }) => escapeRe(c.raw)).join('|')) : null;
    compiled = { whole, phrases, anyKey };
    compiledCache.set(corrections, compiled);
  }
  return compiled;
}

/** Corrections (from corrections.json) whose key occurs in a text, without applying or recording them. */
export function correctionsIn(ctx: ParseCtx, text: string) {
  const compiled = compileCorrections(ctx.corrections);
  if (!compiled.anyKey?.test(text)) return ctx.corrections.filter((c) => c.raw === text);
  const phrases = new Set(
    compiled.phrases
      .filter(({ c, re }) => text.includes(c.raw) && ((re.lastIndex = 0), re.test(text)))
      .map(({ c }) => c),
  );
  return ctx.corrections.filter((c) => c.raw === text || phrases.has(c));
}

/** Remove emphasis left by the extraction inside running text ("*green*"). */
export function plainText(s: string): string {
  return plainTextMemo(s);
}

// The headings walk, the measures walk and their notes each read every line of text again.
const plainTextMemo = memoize((s: string): string => s.replace(/(^|[^*])\*([^*\s][^*]*?)\*(?!\*)/g, '$1$2').replace(/\s+/g, ' ').trim());

/** Normalise a target/milestone code as printed ("M5C1 – 7bis", "M7 - 30", "MSC1-5" after correction) to "M5C1-7bis". */
export function normCode(s: string): string {
  return s.replace(/\s*[-–—]\s*/g, '-').replace(/\s+/g, '').toUpperCase().replace(/(BIS|TER)$/, (m) => m.toLowerCase());
}

/** Pattern of a target/milestone code in text ("M5C1-10", "M5C1 – 7bis", "M7-30"). */
export const CODE_RE = /M\d+(?:C\d+)?\s*[-–—]\s*\d+(?:bis|ter)?(?![\w])/i;

/** Anno formativo as "2020/2021" whatever the separator printed ("2020-2021", "2020/2021"). */
export function annoFormativo(s: string): string | null {
  const m = /(\d{4})\s*[-/]\s*(\d{4})/.exec(s);
  return m ? `${m[1]}/${m[2]}` : null;
}
