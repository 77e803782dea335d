/**
 * The build integrations of astro.config.mjs: the content data store read from disk at build time
 * (src/integrations/data-store-from-disk.ts) and the per-page download writer
 * (src/integrations/page-downloads.ts, checked against dist/ in opendata-dist.test.ts), and the
 * indexes that keep per-page work independent of the data's size.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { dataStoreFromDisk, dataStoreModule, DATA_STORE_MODULE } from '../../src/integrations/data-store-from-disk.ts';
import { writePageDownloads } from '../../src/integrations/page-downloads.ts';
import { filesOf } from '../../src/lib/opendata/files.ts';
import { getAllPages, getOpenData, getPageDatasets, hasPage } from '../../src/lib/opendata/load.ts';
import { pageRecords } from '../../src/lib/opendata/scopes.ts';

// Inside the project (.tmp/ is gitignored): the test runner only imports modules under the root.
mkdirSync('.tmp', { recursive: true });
const tmp = mkdtempSync(join(process.cwd(), '.tmp', 'integrations-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('data store read from disk', () => {
  it('the module evaluates to the parsed store file, and to an empty Map when there is none', async () => {
    const store = join(tmp, 'data-store.json');
    const flat = [{ projects: 1 }, ['Map', 2], 'x'];
    writeFileSync(store, JSON.stringify(flat));
    const mod = join(tmp, 'store.mjs');
    writeFileSync(mod, dataStoreModule(store));
    expect((await import(pathToFileURL(mod).href)).default).toEqual(flat);
    const missing = join(tmp, 'missing.mjs');
    writeFileSync(missing, dataStoreModule(join(tmp, 'nope.json')));
    expect((await import(pathToFileURL(missing).href)).default).toBeInstanceOf(Map);
  });

  it('answers Astro’s virtual module only for `astro build`, from the configured cache directory', () => {
    type Hook = { order: string; handler: (id: string) => unknown };
    const plugins: { resolveId: Hook; load: Hook }[] = [];
    const setup = dataStoreFromDisk().hooks['astro:config:setup'] as (o: unknown) => void;
    const config = { cacheDir: pathToFileURL(join(tmp, 'cache') + '/') };
    setup({ command: 'dev', config, updateConfig: ({ vite }: { vite: { plugins: never[] } }) => plugins.push(...vite.plugins) });
    expect(plugins).toEqual([]);
    setup({ command: 'build', config, updateConfig: ({ vite }: { vite: { plugins: never[] } }) => plugins.push(...vite.plugins) });
    expect(plugins).toHaveLength(1);
    const { resolveId, load } = plugins[0];
    // Ahead of Astro's own handlers for the same id.
    expect([resolveId.order, load.order]).toEqual(['pre', 'pre']);
    const resolved = resolveId.handler(DATA_STORE_MODULE);
    expect(resolved).toBeTypeOf('string');
    expect(resolveId.handler('astro:content')).toBeUndefined();
    expect(load.handler(resolved as string)).toContain(JSON.stringify(join(tmp, 'cache', 'data-store.json')));
    expect(load.handler('other')).toBeUndefined();
  });
});

describe('per-page downloads', () => {
  it('writes every entity page’s files, the same bytes its Downloads links measure', () => {
    const out = join(tmp, 'dist');
    const { pages, files } = writePageDownloads(out);
    expect(pages).toBe(getAllPages().length);
    let expected = 0;
    for (const p of getAllPages()) {
      for (const f of getPageDatasets(p.scope, p.slug).flatMap(filesOf)) {
        expected++;
        expect(readFileSync(join(out, 'dati', p.scope, p.slug, f.file), 'utf8')).toBe(f.body);
      }
    }
    expect(files).toBe(expected);
    expect(files).toBeGreaterThan(0);
  });

  it('knows which pages have downloads', () => {
    const [first] = getAllPages();
    expect(hasPage(first.scope, first.slug)).toBe(true);
    expect(hasPage(first.scope, `${first.slug}-nessuna`)).toBe(false);
  });

  it('selects a page’s records by id in the collection’s order, as a scan of the collection would', () => {
    const { input } = getOpenData();
    const projects = input.collections.projects as { id: string }[];
    for (const p of getAllPages().filter((x) => x.scope === 'ente' || x.scope === 'comune')) {
      const got = (pageRecords(input, p.scope, p.slug).projects ?? []) as { id: string }[];
      const ids = new Set(got.map((r) => r.id));
      expect(got).toEqual(projects.filter((r) => ids.has(r.id)));
    }
  });
});
