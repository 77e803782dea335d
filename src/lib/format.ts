/**
 * The one formatter of the site: every figure on every page and chart goes through here, so
 * that "1.234.567,89 €", "91,7%" and "30 giugno 2025" look the same everywhere.
 *
 * Built on Intl with the it-IT locale. Italian CLDR data groups thousands only from five
 * digits ("1234"); the document itself prints "4.738" and "1.234,00 €", so grouping is forced
 * ("always") for every number: a reader comparing page and PDF sees the same digits.
 */
import type { Value } from '../schemas/common.ts';

/** The statuses a figure can have (see src/schemas/common.ts). */
export type ValueStatus = Value['status'];

/** How a figure is measured, which decides its format. */
export type ValueKind = 'euro' | 'numero' | 'percentuale' | 'ore';

const LOCALE = 'it-IT';

const euroFmt = new Intl.NumberFormat(LOCALE, {
  style: 'currency',
  currency: 'EUR',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
  useGrouping: 'always',
});

const euroCompactFmt = new Intl.NumberFormat(LOCALE, {
  style: 'currency',
  currency: 'EUR',
  notation: 'compact',
  minimumFractionDigits: 0,
  maximumFractionDigits: 1,
});

const euroWholeFmt = new Intl.NumberFormat(LOCALE, {
  style: 'currency',
  currency: 'EUR',
  minimumFractionDigits: 0,
  maximumFractionDigits: 0,
  useGrouping: 'always',
});

const numberFmts = new Map<string, Intl.NumberFormat>();
function numberFmt(min: number, max: number, style: 'decimal' | 'percent' = 'decimal'): Intl.NumberFormat {
  const key = `${style}:${min}:${max}`;
  let f = numberFmts.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE, { style, minimumFractionDigits: min, maximumFractionDigits: max, useGrouping: 'always' });
    numberFmts.set(key, f);
  }
  return f;
}

const dateFmt = new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** Italian label of a status, as the page prints it in place of a missing figure. */
export const STATUS_LABELS: Record<ValueStatus, string> = {
  valido: 'valido',
  non_validato: 'non validato',
  non_valido: 'non valido',
  nd: 'n/d',
  assente: 'assente',
};

/** What each status means, for tooltips, legends and the methodology page. */
export const STATUS_DESCRIPTIONS: Record<ValueStatus, string> = {
  valido: 'il documento riporta un numero leggibile',
  non_validato: 'il documento scrive «Dato non validato»: il soggetto attuatore non ha ancora validato il dato',
  non_valido: 'il documento scrive «Dato non valido»',
  nd: 'il documento scrive «#N/D» (dato non disponibile)',
  assente: 'la cella è vuota o contiene solo un trattino',
};

/** Italian label of a status ("non validato", "n/d", …). */
export function statusLabel(status: ValueStatus): string {
  return STATUS_LABELS[status];
}

/** An amount in euro with cents: 1234567.89 → "1.234.567,89 €". */
export function formatEuro(n: number): string {
  return euroFmt.format(n);
}

/**
 * A short amount for chart axes: 12500000 → "12,5 Mln €", 250000 → "250.000 €".
 * Below a million the whole euros are shown: CLDR's Italian "250K €" is not how Italian
 * readers write thousands.
 */
export function formatEuroCompact(n: number): string {
  return Math.abs(n) >= 1_000_000 ? euroCompactFmt.format(n) : euroWholeFmt.format(n);
}

/**
 * A count or measure: 334398 → "334.398"; 34.5 → "34,5".
 * @param maxDigits most decimal digits shown (default 2; counts print none)
 * @param minDigits fewest decimal digits shown (default 0)
 */
export function formatNumber(n: number, maxDigits = 2, minDigits = 0): string {
  return numberFmt(minDigits, Math.max(minDigits, maxDigits)).format(n);
}

/**
 * A percentage given in percentage points (as the document prints them): 91.7 → "91,7%".
 * @param digits decimal digits; by default up to one (the document's usual precision)
 */
export function formatPercent(points: number, digits?: number): string {
  const min = digits ?? 0;
  const max = digits ?? 1;
  // Divide as decimal strings would: 115.4 / 100 in binary is 1.1540000000000001, harmless
  // once rounded to `max` digits by Intl.
  return numberFmt(min, max, 'percent').format(points / 100);
}

/** An ISO date (yyyy-mm-dd) in words: "2025-06-30" → "30 giugno 2025". Invalid input is returned unchanged. */
export function formatDate(iso: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? iso : dateFmt.format(d);
}

/** Decimal digits the document printed in a raw cell ("84,07" → 2, "17,0" → 1, "91" → 0). */
export function rawDecimals(raw: string): number {
  const m = /,(\d+)\s*[%€]?\s*$/.exec(raw.replace(/\s+(?=\d)/g, ''));
  return m ? m[1].length : 0;
}

/** Format a plain number of the given kind. */
export function formatKind(n: number, kind: ValueKind, decimals?: number): string {
  switch (kind) {
    case 'euro':
      return formatEuro(n);
    case 'percentuale':
      return formatPercent(n, decimals);
    case 'ore':
      return formatNumber(n, decimals ?? 2, decimals ?? 0);
    default:
      return formatNumber(n, decimals ?? 2, decimals ?? 0);
  }
}

/**
 * A figure with its status: the formatted number when valid, otherwise the status label
 * ("non validato", "non valido", "n/d", "assente") — never 0 and never a blank.
 * Percentages keep the precision the document printed ("84,07" stays "84,07%").
 */
export function formatValue(v: Value | null | undefined, kind: ValueKind = 'numero'): string {
  if (!v) return STATUS_LABELS.assente;
  if (v.status !== 'valido' || v.value === null) return STATUS_LABELS[v.status];
  const decimals = kind === 'percentuale' || kind === 'ore' ? rawDecimals(v.raw) : undefined;
  return formatKind(v.value, kind, decimals);
}

/** True when the figure carries a number. */
export function isValid(v: Value | null | undefined): v is Value & { value: number } {
  return !!v && v.status === 'valido' && v.value !== null;
}

/** A ratio as percentage points, or null when either side is missing or the base is 0. */
export function ratio(num: number | null | undefined, den: number | null | undefined): number | null {
  if (num == null || den == null || den === 0) return null;
  return (num / den) * 100;
}

/** "righe 278–363" / "riga 314": a seed line span in words. */
export function formatLines(lines: readonly [number, number] | readonly number[]): string {
  const first = lines[0];
  const last = lines[lines.length - 1];
  return first === last ? `riga ${first}` : `righe ${first}–${last}`;
}

/** Count with an Italian noun in singular or plural: (1, 'progetto', 'progetti') → "1 progetto". */
export function plural(n: number, one: string, many: string): string {
  return `${formatNumber(n, 0)} ${n === 1 ? one : many}`;
}

/**
 * A set of seed lines in words, compact: [26, 49] → "righe 26, 49"; [5,6,7,9] → "righe 5–7, 9";
 * one line → "riga 314". Lines are sorted and deduplicated.
 */
export function formatLineList(lines: readonly number[]): string {
  const ls = [...new Set(lines)].sort((a, b) => a - b);
  if (ls.length === 0) return 'nessuna riga';
  if (ls.length === 1) return `riga ${ls[0]}`;
  const parts: string[] = [];
  let start = ls[0];
  let prev = ls[0];
  for (const l of [...ls.slice(1), Number.NaN]) {
    if (l === prev + 1) {
      prev = l;
      continue;
    }
    parts.push(start === prev ? String(start) : `${start}–${prev}`);
    start = prev = l;
  }
  return `righe ${parts.join(', ')}`;
}
