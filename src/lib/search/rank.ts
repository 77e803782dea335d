/**
 * One ranking rule on top of Pagefind's: a page whose *name* is exactly what the reader typed
 * comes first. Pagefind scores words, not whole names: for "Milano" the comune, the province,
 * "CPI Milano" and the "COMUNE DI MILANO" score like the ten "CPI Milano - … (sede distaccata)"
 * and "AZIENDA SOCIALE SUD EST MILANO", and the comune can end up eleventh. The /cerca/ script
 * fetches the data of the first results anyway (to show them); among those it moves the pages
 * named exactly as the query — by their `nome`, `codice` or title — to the top, keeping
 * Pagefind's order otherwise. No imports but query.ts: bundled into the browser script.
 */
import { foldAccents, unifyApostrophes } from './query.ts';

/** How many of Pagefind's first results are looked at for an exact name. */
export const RERANK_WINDOW = 20;

/**
 * A name reduced to what identifies it: lower case, no accents, apostrophes and punctuation
 * as spaces, single spaces. "Salò" = "salo" = "SALO'"; "Sant’Angelo" = "sant'angelo".
 */
export function nameKey(s: string | null | undefined): string {
  return foldAccents(unifyApostrophes(String(s ?? '')))
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The fields a result is named by (Pagefind metadata). */
export interface NamedResult {
  meta: Record<string, string | undefined>;
}

/** True when the query is exactly the result's name, code or title (see nameKey). */
export function isExactName(query: string, d: NamedResult): boolean {
  const q = nameKey(query);
  if (!q) return false;
  return [d.meta.nome, d.meta.codice, d.meta.title].some((v) => v !== undefined && nameKey(v) === q);
}

/** Items with `exact` true first, each group in its original order (a stable partition). */
export function promoteExact<T>(items: readonly T[], exact: (t: T) => boolean): T[] {
  const yes: T[] = [];
  const no: T[] = [];
  for (const it of items) (exact(it) ? yes : no).push(it);
  return [...yes, ...no];
}
