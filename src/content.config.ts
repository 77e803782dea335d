/**
 * Astro collections, one per entry of `collectionSchemas` (src/schemas/index.ts): the same zod
 * schema validates the normaliser's output and the site's input, so a field can only change
 * in one place.
 *
 * Each collection is Astro's `file()` loader on content/data/<name>.json (written by
 * `npm run normalize`). The normaliser's output is the contract: a collection whose JSON file
 * is missing stops the build with a message saying how to regenerate it, instead of Astro's
 * default (log a line and build a site with no pages of that kind).
 */
import { existsSync } from 'node:fs';
import { defineCollection } from 'astro:content';
import { file } from 'astro/loaders';
import type { Loader } from 'astro/loaders';
import { collectionSchemas } from './schemas/index.ts';

/** Directory of the generated collections, relative to the project root. */
export const DATA_DIR = 'content/data';

/** `file()` on content/data/<name>.json, failing loudly when the normaliser has not written it. */
function dataFile(name: string): Loader {
  const path = `${DATA_DIR}/${name}.json`;
  const inner = file(path);
  return {
    name: 'pnrr-data-file',
    load: async (ctx) => {
      if (!existsSync(new URL(path, ctx.config.root))) {
        throw new Error(`${path} not found: run \`npm run normalize\` (collection "${name}" has a schema in src/schemas but no data)`);
      }
      await inner.load(ctx);
    },
  };
}

export const collections = Object.fromEntries(
  Object.entries(collectionSchemas)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, schema]) => [name, defineCollection({ loader: dataFile(name), schema })]),
);
