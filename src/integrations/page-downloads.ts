/**
 * Writes the per-page downloads — dati/<scope>/<slug>/<dataset>.csv|.excel.csv|.json, exactly the
 * rows the misura, provincia, CPI, ente, comune or progetto page shows (src/lib/opendata/scopes.ts)
 * — into the built site once the pages are rendered.
 *
 * They used to be an Astro endpoint with one route per file: ~8.5 files per entity page, each
 * paying Astro's per-route cost, with every page's rendered files kept in memory until the end
 * of the build. Written here, page by page, each page's files are rendered, written and dropped.
 * The bytes are the same `filesOf()` strings the Downloads component measures for its links.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { filesOf } from '../lib/opendata/files.ts';
import { computePageDatasets, getAllPages } from '../lib/opendata/load.ts';

/** Write every entity page's download files under `<distDir>/dati/`; returns how many. */
export function writePageDownloads(distDir: string): { pages: number; files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  const pages = getAllPages();
  for (const page of pages) {
    const datasets = computePageDatasets(page.scope, page.slug);
    if (!datasets.length) continue;
    const dir = join(distDir, 'dati', page.scope, page.slug);
    mkdirSync(dir, { recursive: true });
    for (const f of datasets.flatMap(filesOf)) {
      writeFileSync(join(dir, f.file), f.body, 'utf8');
      files++;
      bytes += f.bytes;
    }
  }
  return { pages: pages.length, files, bytes };
}

export function pageDownloads(): AstroIntegration {
  return {
    name: 'pnrr:page-downloads',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const started = performance.now();
        const { pages, files, bytes } = writePageDownloads(fileURLToPath(dir));
        logger.info(`${files} download files (${bytes} bytes) for ${pages} pages in ${Math.round(performance.now() - started)} ms`);
      },
    },
  };
}
