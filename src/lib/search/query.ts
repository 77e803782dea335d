/**
 * What a reader types, made into what the index holds. Runs in the browser (the /cerca/ script)
 * and in the unit tests; no imports, no DOM.
 *
 * Pagefind already ignores case and accents ("salo" finds "Salò") and reads "sant'angelo" and
 * "sant’angelo" alike. What it cannot do alone:
 *  - a CUP typed as the document prints it, with a stray space ("D74H220003 40001"): two words,
 *    neither of which is the CUP on the project page;
 *  - "S.Angelo" (no space after the dot) reads as one unknown word;
 *  - typographic quotes and guillemets copied from the document or a newspaper.
 * Spellings that need the *index* to change ("Sant'Angelo" for a page that prints "S. Angelo")
 * are added as aliases at build time instead (src/lib/search/aliases.ts).
 */

/** A CUP: letter, 2 digits, letter, 11 digits (the project pages print it without spaces). */
export const CUP = /^[A-Z][0-9]{2}[A-Z][0-9]{11}$/;

/** Apostrophe look-alikes (’ ‘ ` ´ ʼ ′) become the ASCII apostrophe. */
export function unifyApostrophes(s: string): string {
  return s.replace(/[\u2018\u2019\u201B\u0060\u00B4\u02BC\u2032]/g, "'");
}

/** Accents dropped: "Salò" → "Salo" (NFD, combining marks removed). */
export function foldAccents(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC');
}

/**
 * Words that together spell a CUP are joined: "D74H220003 40001" → "D74H22000340001".
 * Up to four pieces (the document splits a CUP once, a hurried reader maybe twice); the CUP is
 * upper-cased, other words are left alone.
 */
export function joinSplitCups(s: string): string {
  const words = s.split(' ').filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    let joined: { cup: string; end: number } | null = null;
    let acc = '';
    for (let j = i; j < Math.min(words.length, i + 4); j++) {
      acc += words[j].toUpperCase();
      if (!/^[A-Z0-9]+$/.test(acc) || acc.length > 15) break;
      if (CUP.test(acc)) {
        joined = { cup: acc, end: j };
        break;
      }
    }
    if (joined) {
      out.push(joined.cup);
      i = joined.end;
    } else out.push(words[i]);
  }
  return out.join(' ');
}

/** Longest query kept (a pasted paragraph is cut, not sent whole to the index). */
export const MAX_QUERY = 200;

/**
 * The query sent to Pagefind: Unicode-normalised, apostrophes unified, quotes and guillemets
 * removed, "S.Angelo" spaced like "S. Angelo", spaces collapsed, split CUPs joined.
 * An empty result means "nothing to search".
 */
export function normalizeQuery(raw: string): string {
  let s = unifyApostrophes(String(raw ?? '').normalize('NFC'));
  s = s.replace(/[«»"“”„]/g, ' ');
  // "S.Angelo", "S.Giovanni": the abbreviation of San/Sant'/Santa glued to a name (a word of
  // three letters or more, so "S.p.A." stays as it is).
  s = s.replace(/(^|[\s(])([Ss])\.(?=\p{L}{3})/gu, '$1$2. ');
  s = s.replace(/\s+/g, ' ').trim();
  if (s.length > MAX_QUERY) s = s.slice(0, MAX_QUERY).replace(/\s+\S*$/, '');
  return joinSplitCups(s);
}

/** True when the (normalised) query is exactly one CUP: the reader wants that project page. */
export function isCupQuery(q: string): boolean {
  return CUP.test(q.trim().toUpperCase());
}
