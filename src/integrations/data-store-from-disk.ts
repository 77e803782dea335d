/**
 * Build-time only: read Astro's content data store from disk instead of bundling it.
 *
 * Astro 5 serialises every collection into one data store file and, for `astro build`, turns it
 * into a JavaScript module (`astro:data-layer-content`, via rollup's dataToEsm) that Vite parses
 * and bundles before rendering any page. Its size grows with the data: at ×100 the projects and
 * entities of the real edition it is a ~41 MB object literal, and parsing and bundling it took
 * ~5 GB of memory before a single page was rendered (bench/RESULTS.md).
 *
 * This plugin answers the same virtual module with three lines that read the file Astro has just
 * written (`<cacheDir>/data-store.json`, the same bytes Astro would have inlined) when the build
 * renders the pages. The collections, their loaders and the zod validation are unchanged; only
 * where the serialised store is read from changes. The site is static, so the rendering process
 * is the build itself and dist/ never needs the store. The dev server keeps Astro's own module
 * (it watches the file and reloads).
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/** The virtual module Astro's content runtime imports to get the serialised store. */
export const DATA_STORE_MODULE = 'astro:data-layer-content';
/** Astro's name for the store file inside the cache directory (astro/dist/content/consts.js). */
export const DATA_STORE_FILE = 'data-store.json';
const RESOLVED = '\0pnrr:data-store-from-disk';

/** The module's source: the store read and parsed when the module is first evaluated. */
export function dataStoreModule(path: string): string {
  return [
    "import { existsSync, readFileSync } from 'node:fs';",
    `const path = ${JSON.stringify(path)};`,
    // Astro's own module exports an empty Map when no collection has been synced yet.
    "export default existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : new Map();",
  ].join('\n');
}

export function dataStoreFromDisk(): AstroIntegration {
  return {
    name: 'pnrr:data-store-from-disk',
    hooks: {
      'astro:config:setup': ({ command, config, updateConfig }) => {
        if (command !== 'build') return;
        const path = fileURLToPath(new URL(DATA_STORE_FILE, config.cacheDir));
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'pnrr:data-store-from-disk',
                enforce: 'pre',
                // `order: 'pre'`: Astro's own plugin also runs before the others and answers this id;
                // the hook order puts these handlers ahead of it.
                resolveId: { order: 'pre', handler: (id: string) => (id === DATA_STORE_MODULE ? RESOLVED : undefined) },
                load: { order: 'pre', handler: (id: string) => (id === RESOLVED ? dataStoreModule(path) : undefined) },
              },
            ],
          },
        });
      },
    },
  };
}
