/**
 * One ranking rule on top of Pagefind's: a page *named* exactly what the reader typed comes first.
 *
 * Pagefind scores words, not whole names: for "Milano" the comune, the province, "CPI Milano" and
 * the "COMUNE DI MILANO" score like the ten "CPI Milano - … (sede distaccata)" and "AZIENDA
 * SOCIALE SUD EST MILANO", and the comune can end up eleventh. So every entity page carries an
 * `esatto` filter whose values are the name keys of the names it is called by (meta.ts); the
 * /cerca/ script runs a second, filter-only search `esatto = nameKey(query)` next to the normal
 * one and puts its pages first, in Pagefind's order — the comune's own page before the others
 * (a third filter-only search adds `tipo = comune`): a journalist typing a town lands on the page
 * that gathers everything about it. Costs one small filter file, no fragment.
 * Imports only query.ts: bundled into the browser script.
 */
import { foldAccents, unifyApostrophes } from './query.ts';

/**
 * A name reduced to what identifies it: lower case, no accents, apostrophes and punctuation
 * as spaces, single spaces. "Salò" = "salo" = "SALO'"; "Sant’Angelo" = "sant'angelo" =
 * "Sant Angelo"; "D74H22000340001" = "d74h22000340001".
 */
export function nameKey(s: string | null | undefined): string {
  return foldAccents(unifyApostrophes(String(s ?? '')))
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The distinct, non-empty name keys of some names, sorted (deterministic output). */
export function nameKeys(names: readonly (string | null | undefined)[]): string[] {
  return [...new Set(names.map(nameKey).filter(Boolean))].sort();
}

/** Items with `exact` true first, each group in its original order (a stable partition). */
export function promoteExact<T>(items: readonly T[], exact: (t: T) => boolean): T[] {
  const yes: T[] = [];
  const no: T[] = [];
  for (const it of items) (exact(it) ? yes : no).push(it);
  return [...yes, ...no];
}
