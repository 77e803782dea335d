/**
 * The open-data files as built: every file byte-identical to the catalogue's rendering (BOM
 * included), datapackage.json matching the files on disk, catalogo.ttl parsing with n3 and
 * pointing at files that exist, every entity page linking to exactly its own downloads, every
 * download link on every page resolving, and a sitemap that lists every page.
 *
 * Runs after `npm run build` (CI does so). Nothing is skipped: without dist/ the test fails and
 * says how to make it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative, resolve, sep } from 'node:path';
import { Parser } from 'n3';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { normalizeBase } from '../../src/lib/links.ts';
import { filesOf } from '../../src/lib/opendata/files.ts';
import { getAllPages, getOpenData, getPageDatasets } from '../../src/lib/opendata/load.ts';
import { PREFIXES } from '../../src/lib/opendata/dcat.ts';
import type { Scope } from '../../src/lib/opendata/scopes.ts';

const ROOT = process.cwd();
const DIST = resolve(ROOT, process.env.DIST_DIR ?? 'dist');
// Files live under dist/ without the base path; URLs carry it.
const BASE = normalizeBase(process.env.SITE_BASE);
const PAGE_DIR: Record<Scope, string> = { misura: 'misure', provincia: 'province', cpi: 'cpi', ente: 'enti', comune: 'comuni', progetto: 'progetti' };

const dist = (rel: string) => join(DIST, ...rel.split('/'));
const bytes = (rel: string) => readFileSync(dist(rel));

/** Every HTML file under dist/, as paths relative to dist with forward slashes. */
function htmlFiles(dir = DIST, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? htmlFiles(join(dir, e.name), `${prefix}${e.name}/`) : e.name.endsWith('.html') ? [`${prefix}${e.name}`] : [],
  );
}

/** The dist path an href points to from `page` (dist-relative), or null when it leaves the site. */
function target(href: string, page: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:|^\/\/|^#|^\?/i.test(href)) return null;
  const path = decodeURIComponent(href.split(/[?#]/)[0]);
  if (path.startsWith('/')) return path.startsWith(BASE) ? path.slice(BASE.length) : null;
  return posix.normalize(posix.join(posix.dirname(page), path));
}

/** Whether a dist-relative path is a file, or a directory with index.html. */
function resolves(rel: string): boolean {
  const p = dist(rel);
  if (!existsSync(p)) return false;
  return statSync(p).isDirectory() ? existsSync(join(p, 'index.html')) : true;
}

let pages: string[];

const hrefCache = new Map<string, string[]>();
/** The href of every <a> of a page (Astro writes attributes double-quoted; entities decoded). */
function hrefs(page: string): string[] {
  let out = hrefCache.get(page);
  if (!out) {
    const html = bytes(page).toString('utf8');
    out = [...html.matchAll(/<a\b[^>]*?\shref="([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"'));
    hrefCache.set(page, out);
  }
  return out;
}

beforeAll(() => {
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error(`${DIST} has no index.html: run \`npm run build\` before this test (CI runs it after the build)`);
  }
  pages = htmlFiles();
});

describe('catalogue files in dist/dati/', () => {
  it('are byte-identical to the catalogue rendering; the Excel CSVs start with a UTF-8 BOM', () => {
    const { catalog } = getOpenData();
    const wrong: string[] = [];
    for (const f of catalog.datasets.flatMap(filesOf)) {
      const rel = `dati/${f.file}`;
      if (!existsSync(dist(rel))) wrong.push(`${rel}: missing`);
      else if (!bytes(rel).equals(Buffer.from(f.body, 'utf8'))) wrong.push(`${rel}: differs from the rendering`);
      else if (f.format.id === 'excel' && !bytes(rel).subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))) wrong.push(`${rel}: no BOM`);
    }
    expect(wrong).toEqual([]);
  });

  it('datapackage.json matches its files: names, fields, row counts, sizes, hashes', () => {
    const pkg = JSON.parse(bytes('dati/datapackage.json').toString('utf8')) as {
      resources: { name: string; path: string; bytes: number; hash: string; format: string; dialect: { delimiter: string }; schema: { fields: { name: string }[] }; stats: { rows: number } }[];
    };
    const wrong: string[] = [];
    for (const r of pkg.resources) {
      const rel = `dati/${r.path}`;
      if (!existsSync(dist(rel))) {
        wrong.push(`${r.name}: ${rel} missing`);
        continue;
      }
      const b = bytes(rel);
      if (b.length !== r.bytes) wrong.push(`${r.name}: ${b.length} bytes, declared ${r.bytes}`);
      if (`sha256:${createHash('sha256').update(b).digest('hex')}` !== r.hash) wrong.push(`${r.name}: hash differs`);
      const text = b.toString('utf8').replace(/^\uFEFF/, '');
      const parsed = Papa.parse<string[]>(text, { delimiter: r.dialect.delimiter, newline: '\r\n' });
      const header = parsed.data[0];
      const rows = parsed.data.length - 1;
      if (header.join() !== r.schema.fields.map((f) => f.name).join()) wrong.push(`${r.name}: fields ${r.schema.fields.map((f) => f.name)} ≠ header ${header}`);
      if (rows !== r.stats.rows) wrong.push(`${r.name}: ${rows} rows, declared ${r.stats.rows}`);
    }
    expect(wrong).toEqual([]);
    // The two CSVs of every dataset (the JSON files are in catalogo.ttl).
    expect(pkg.resources.length).toBe(getOpenData().catalog.datasets.length * 2);
  });

  it('catalogo.ttl parses as RDF and every download URL is a file of the site', () => {
    const quads = new Parser({ format: 'text/turtle' }).parse(bytes('dati/catalogo.ttl').toString('utf8'));
    const datasets = quads.filter((q) => q.predicate.value === PREFIXES.dcat + 'dataset');
    expect(datasets.length).toBe(getOpenData().catalog.datasets.length);
    const broken: string[] = [];
    for (const q of quads) {
      if (q.predicate.value !== PREFIXES.dcat + 'downloadURL' && q.predicate.value !== PREFIXES.dcat + 'landingPage') continue;
      const rel = target(new URL(q.object.value).pathname, '');
      if (rel === null || !resolves(rel)) broken.push(q.object.value);
    }
    expect(broken).toEqual([]);
  });

  it('dizionario.csv has one row per column of every dataset', () => {
    const rows = Papa.parse<Record<string, string>>(bytes('dati/dizionario.csv').toString('utf8'), { header: true, newline: '\r\n' }).data;
    const { catalog } = getOpenData();
    expect(rows.length).toBe(catalog.datasets.reduce((n, d) => n + d.columns.length, 0));
    expect(rows.filter((r) => !r.descrizione)).toEqual([]);
  });
});

describe('links from the pages', () => {
  it('every entity page links to exactly the files of its own rows', () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const p of getAllPages()) {
      const rel = `${PAGE_DIR[p.scope]}/${p.slug}/index.html`;
      if (!existsSync(dist(rel))) continue;
      checked++;
      const dir = `dati/${p.scope}/${p.slug}/`;
      const linked = new Set(
        hrefs(rel)
          .map((h) => target(h, rel))
          .filter((t): t is string => !!t && t.startsWith(dir)),
      );
      const expected = new Set(getPageDatasets(p.scope, p.slug).flatMap((d) => filesOf(d).map((f) => dir + f.file)));
      // One line per page, so a page type that lacks the component reads as a short list.
      const missing = [...expected].filter((e) => !linked.has(e));
      const extra = [...linked].filter((l) => !expected.has(l));
      if (missing.length) wrong.push(`${rel}: ${missing.length} of ${expected.size} files of its rows not linked (e.g. ${missing[0]})`);
      if (extra.length) wrong.push(`${rel}: links ${extra.join(', ')}, not files of its rows`);
    }
    expect(wrong).toEqual([]);
    expect(checked, 'no entity page in dist/ to check').toBeGreaterThan(0);
  });

  it('the per-page files in dist/dati/<scope>/ are exactly the rendered files of each page, byte for byte', () => {
    const wrong: string[] = [];
    const expected = new Set<string>();
    for (const p of getAllPages()) {
      for (const f of getPageDatasets(p.scope, p.slug).flatMap(filesOf)) {
        const rel = `dati/${p.scope}/${p.slug}/${f.file}`;
        expected.add(rel);
        if (!existsSync(dist(rel))) wrong.push(`${rel}: missing`);
        else if (readFileSync(dist(rel), 'utf8') !== f.body) wrong.push(`${rel}: differs from its rendering`);
      }
    }
    const written = [...new Set(getAllPages().map((p) => p.scope))].flatMap((scope) =>
      existsSync(dist(`dati/${scope}`)) ? readdirSync(dist(`dati/${scope}`), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => relative(DIST, join(e.parentPath, e.name)).split(sep).join('/')) : [],
    );
    const extra = written.filter((w) => !expected.has(w));
    expect(wrong).toEqual([]);
    expect(extra).toEqual([]);
    expect(expected.size).toBeGreaterThan(0);
  });

  it('every download link on every page resolves', () => {
    const broken: string[] = [];
    let downloads = 0;
    for (const page of pages) {
      for (const h of hrefs(page)) {
        const t = target(h, page);
        if (t === null || !t.startsWith('dati/')) continue;
        downloads++;
        if (!resolves(t)) broken.push(`${page}: ${h}`);
      }
    }
    expect(broken).toEqual([]);
    expect(downloads).toBeGreaterThan(getOpenData().catalog.datasets.length * 3);
  });
});

describe('sitemap.xml and robots.txt', () => {
  it('the sitemap lists every HTML page of the site, and nothing else', () => {
    const xml = bytes('sitemap.xml').toString('utf8');
    const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1].replace(/&amp;/g, '&')).pathname);
    const listed = new Set(locs.map((l) => target(l, '')));
    const built = pages.filter((p) => p !== '404.html').map((p) => p.replace(/index\.html$/, ''));
    expect([...listed].sort()).toEqual([...built].sort());
    expect(locs.length).toBe(listed.size);
  });

  it('robots.txt points to the sitemap', () => {
    const robots = bytes('robots.txt').toString('utf8');
    const url = /^Sitemap: (.+)$/m.exec(robots)?.[1];
    expect(url && new URL(url).pathname).toBe(`${BASE}sitemap.xml`);
  });
});
