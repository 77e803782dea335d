/**
 * The Pagefind files /cerca/ preloads (src/lib/search/bundle.ts) are named as Pagefind writes
 * them for this site's configuration: the WebAssembly file carries the index language of
 * pagefind.yml. (tests/e2e/search.mjs checks on the built site that each preloaded file is
 * downloaded once and used.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INDEX_LANGUAGE, PAGEFIND_ENTRY, PAGEFIND_MODULE, PAGEFIND_WASM, preloadPagefind } from '../../src/lib/search/bundle.ts';

describe('preloaded Pagefind files', () => {
  it('the WebAssembly file is that of the language pagefind.yml forces', () => {
    const yml = readFileSync(join(process.cwd(), 'pagefind.yml'), 'utf8');
    const lang = /^force_language:\s*["']?([\w-]+)["']?\s*$/m.exec(yml)?.[1];
    expect(lang).toBe(INDEX_LANGUAGE);
    expect(PAGEFIND_WASM).toBe(`wasm.${lang}.pagefind`);
  });

  it('module and entry file keep the names of Pagefind 1.x', () => {
    expect(PAGEFIND_MODULE).toBe('pagefind.js');
    expect(PAGEFIND_ENTRY).toBe('pagefind-entry.json');
  });
});

describe('preloadPagefind', () => {
  it('preloads the entry file and the WebAssembly as Pagefind fetches them, from the bundle directory', async () => {
    const { parseHTML } = await import('linkedom');
    const { document } = parseHTML('<!doctype html><html lang="it"><head></head><body></body></html>');
    const tag = preloadPagefind(document as unknown as Document, '/sotto/percorso/pagefind/', 1234);
    expect(tag).toBe('1234');
    const links = [...document.head.querySelectorAll('link')].map((l) => ({
      rel: l.getAttribute('rel'),
      as: l.getAttribute('as'),
      crossorigin: l.getAttribute('crossorigin'),
      href: l.getAttribute('href'),
    }));
    expect(links).toEqual([
      { rel: 'preload', as: 'fetch', crossorigin: 'anonymous', href: `/sotto/percorso/pagefind/${PAGEFIND_ENTRY}?ts=1234` },
      { rel: 'preload', as: 'fetch', crossorigin: 'anonymous', href: `/sotto/percorso/pagefind/${PAGEFIND_WASM}` },
    ]);
  });
});
