/**
 * The files of Pagefind's bundle (written by `pagefind --site dist` into `${BASE_URL}pagefind/`)
 * that every search needs before anything else, and how /cerca/ asks for them at once.
 *
 * Left to itself, Pagefind downloads them as a chain, each waiting for the one before: its module,
 * then (from the module) its entry file, then the WebAssembly. The /cerca/ script instead starts
 * all three together, the first thing it does (src/scripts/search/cerca.ts): a preload for the
 * entry file and the WebAssembly, the module by importing it. The preloads are `as="fetch"` with
 * `crossorigin` (CORS mode, same-origin credentials): exactly how Pagefind's fetch() asks, so the
 * browser hands Pagefind the preloaded responses instead of downloading the files again — which
 * also requires Pagefind to fetch from the page, not from its web worker. The metadata file and
 * the index chunks carry content hashes in their names, known only once `pagefind` has run: they
 * follow as Pagefind asks.
 *
 * From the script, not from <link> elements in the HTML: the site ships no inline JavaScript, the
 * entry file needs a fresh `?ts=` on every visit (below), and a copy opened from disk (file://),
 * where search cannot run, must request nothing — plain links would.
 * tests/e2e/search.mjs checks on the built site that each of these files is downloaded once.
 */

/** The index's language: pagefind.yml `force_language` (the site is Italian, <html lang="it">). */
export const INDEX_LANGUAGE = 'it';

/** Pagefind's module. */
export const PAGEFIND_MODULE = 'pagefind.js';

/** The WebAssembly search engine with the index language's stemmer. */
export const PAGEFIND_WASM = `wasm.${INDEX_LANGUAGE}.pagefind`;

/** The entry file, which names the index files of this build. */
export const PAGEFIND_ENTRY = 'pagefind-entry.json';

/**
 * Preload the entry file and the WebAssembly from the bundle directory `bundle` (built from the
 * site's base path). Returns the `?ts=` given to the entry file, for Pagefind's `metaCacheTag`
 * option: Pagefind then asks for the same URL. (Pagefind adds a timestamp so that no cache serves
 * an old entry file after a new build; a fresh value per visit keeps that.)
 */
export function preloadPagefind(doc: Document, bundle: string, now = Date.now()): string {
  const tag = String(now);
  for (const file of [`${PAGEFIND_ENTRY}?ts=${tag}`, PAGEFIND_WASM]) {
    const link = doc.createElement('link');
    link.setAttribute('rel', 'preload');
    link.setAttribute('as', 'fetch');
    link.setAttribute('crossorigin', 'anonymous');
    link.setAttribute('href', bundle + file);
    doc.head.append(link);
  }
  return tag;
}
