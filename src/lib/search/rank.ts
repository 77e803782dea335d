/**
 * One ranking rule on top of Pagefind's: a page *named* exactly what the reader typed comes first.
 *
 * Pagefind scores words, not whole names: for "Milano" the comune, the province, "CPI Milano" and
 * the "COMUNE DI MILANO" score like the ten "CPI Milano - … (sede distaccata)" and "AZIENDA
 * SOCIALE SUD EST MILANO", and the comune can end up eleventh. So every entity page carries the
 * name keys of the names it is called by (meta.ts) as values of an "exact name" filter; the
 * /cerca/ script runs a filter-only search for nameKey(query) next to the normal one and puts its
 * pages first, in Pagefind's order — the comune's own page before the others (its keys are also
 * filed once more, marked as a comune's: exactComuneValue): a journalist typing a town lands on
 * the page that gathers everything about it.
 *
 * The filter is split into EXACT_BUCKETS filters by a hash of the key (exactFilterName). Pagefind
 * writes one file per filter with every value of it, and a search downloads the whole file of each
 * filter it uses: as one filter, the names of ×30 the projects and entities made a 210 kB file on
 * every cold search. Split, a query downloads the one bucket its key falls in (5 kB at ×30), and
 * both lookups (any page, the comune's page) read that same file. No fragment either.
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

/**
 * Number of filters the exact-name keys are spread over. Fixed, not derived from the edition: the
 * entity pages and the /cerca/ script must agree on it. Each bucket is an entry of Pagefind's
 * metadata file (a few bytes on every search) and a file of its own; with 64 a bucket is under
 * 1 kB for the real edition and about 5 kB for one ×30 its size (some 15 kB at ×100).
 */
export const EXACT_BUCKETS = 64;

/** 32-bit FNV-1a of the UTF-16 code units: small, deterministic, the same in Node and the browser. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The filter that holds a name key ("esatto-00" … "esatto-63"). */
export function exactFilterName(key: string): string {
  return `esatto-${String(fnv1a(key) % EXACT_BUCKETS).padStart(2, '0')}`;
}

/**
 * The value that marks a key as a name of a comune's own page, filed in the key's bucket.
 * nameKey never produces parentheses, so no name can be mistaken for it.
 */
export function exactComuneValue(key: string): string {
  return `${key} (comune)`;
}

/**
 * The exact-name filter entries of a page, [filter, value] (SearchMeta.astro writes them as
 * data-pagefind-filter="filter:value"): each key in its bucket, and on a comune's page the key
 * marked as the comune's too. Sorted, no duplicates.
 */
export function exactFilterEntries(keys: readonly string[], o: { comune?: boolean } = {}): [string, string][] {
  const out = new Map<string, [string, string]>();
  for (const k of keys) {
    if (!k) continue;
    const f = exactFilterName(k);
    out.set(`${f}:${k}`, [f, k]);
    if (o.comune) out.set(`${f}:${exactComuneValue(k)}`, [f, exactComuneValue(k)]);
  }
  return [...out.keys()].sort().map((k) => out.get(k)!);
}
