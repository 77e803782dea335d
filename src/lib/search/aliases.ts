/**
 * Extra words for the search index: the other ways a name is written, so that what a reader types
 * finds the page even when the page prints the name differently. Pagefind already matches any case
 * and any accent ("salo" → "Salò"), so only spellings it cannot relate are added:
 *  - the saints' abbreviation both ways: the document prints "CPI S. Angelo Lodigiano", the
 *    gazetteer "Sant'Angelo Lodigiano"; Pagefind reads "Sant'Angelo" as the word "santangelo"
 *    (plus its parts), never as "S. Angelo";
 *  - apostrophe look-alikes (a curly ’ joins the words differently from a straight ');
 *  - accents written as apostrophes ("Salo'"), as in upper-case lists.
 * Pure functions; the pages pass the results to SearchMeta.astro.
 */
import { foldAccents, unifyApostrophes } from './query.ts';

/** "Cantù" → "Cantu'": an accented final vowel written with an apostrophe. */
export function apostropheAccents(s: string): string {
  return s
    .normalize('NFD')
    .replace(/([a-zA-Z])[\u0300\u0301]/g, "$1'")
    .normalize('NFC');
}

const VOWEL = /^[aeiouAEIOUàèéìòùÀÈÉÌÒÙ]/;

/**
 * The other forms of a saint's name in a place name: "S. Angelo" ↔ "Sant'Angelo";
 * "S. Donato" ↔ "San Donato" / "Santa Donato"… (the abbreviation does not say which: every form
 * the reader may type is listed; a wrong one only adds a word nobody searches for).
 */
export function saintForms(name: string): string[] {
  const n = unifyApostrophes(name);
  const out = new Set<string>();
  // Abbreviated → full.
  if (/\bS\.\s*\p{L}/u.test(n)) {
    // Before a vowel: Sant' (also typed "Sant "); before a consonant: San, Santa or Santo.
    const forms = [
      ["Sant'", 'San '],
      ['Sant ', 'Santa '],
      ["Sant'", 'Santo '],
    ];
    for (const [vowel, consonant] of forms) {
      out.add(n.replace(/\bS\.\s*(\p{L})/gu, (_m, c: string) => (VOWEL.test(c) ? vowel : consonant) + c));
    }
  }
  // Full → abbreviated (and "Sant'Angelo" → "Sant Angelo", how it is often typed).
  if (/\bSant'\s*\p{L}|\b(San|Santa|Santo)\s+\p{L}/u.test(n)) {
    out.add(n.replace(/\bSant'\s*/g, 'S. ').replace(/\b(San|Santa|Santo)\s+/g, 'S. '));
    if (/\bSant'/.test(n)) out.add(n.replace(/\bSant'\s*/g, 'Sant '));
  }
  out.delete(n);
  out.delete(name);
  return [...out];
}

/**
 * Every alias of a name: saints' forms, the apostrophe-unified form, accents as apostrophes and
 * without accents. Without the name itself and without duplicates (ignoring case); stable order.
 */
export function nameAliases(name: string): string[] {
  const base = [name, unifyApostrophes(name), ...saintForms(name)];
  const all = base.flatMap((n) => [n, apostropheAccents(n), foldAccents(n)]);
  return uniqueAliases(all, [name]);
}

/**
 * The distinct strings of `candidates` (trimmed, spaces collapsed), leaving out empty ones and
 * any equal — ignoring case — to one of `exclude` or to an earlier candidate.
 */
export function uniqueAliases(candidates: readonly (string | null | undefined)[], exclude: readonly string[] = []): string[] {
  const seen = new Set(exclude.map((e) => e.replace(/\s+/g, ' ').trim().toLowerCase()));
  const out: string[] = [];
  for (const c of candidates) {
    const t = (c ?? '').replace(/\s+/g, ' ').trim();
    if (!t || seen.has(t.toLowerCase())) continue;
    seen.add(t.toLowerCase());
    out.push(t);
  }
  return out;
}
