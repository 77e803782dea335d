/**
 * Page weight read from the built files, for every page of dist/ (no sampling): HTML bytes,
 * gzip bytes, CSS bytes (inline <style> plus linked stylesheets), JavaScript bytes (inline and
 * external <script>, and inline on…= handlers) — JSON-LD and other data blocks are not script.
 * Page types come from tests/support/site.mjs, the quality gates' single definition.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, posix } from 'node:path';
import { discoverPages, PAGE_TYPES } from '../../tests/support/site.mjs';
import { gzipSize, summarize } from './stats.ts';

export interface PageWeight {
  rel: string;
  type: string;
  htmlBytes: number;
  gzipBytes: number;
  /** Inline <style> bytes + linked stylesheet bytes. */
  cssBytes: number;
  /** Gzipped size of the HTML plus each linked stylesheet gzipped: what a cold load transfers for the document and its CSS. */
  gzipWithCssBytes: number;
  /** Executable script bytes: inline <script> bodies, external script files, on…= handler attributes. */
  jsBytes: number;
  /** Number of <script> elements that execute (external or inline) plus inline handlers. */
  scripts: number;
}

export interface Stat {
  median: number;
  max: number;
}

export interface TypeWeight {
  type: string;
  label: string;
  count: number;
  html: Stat;
  gzip: Stat;
  css: Stat;
  gzipWithCss: Stat;
  js: Stat;
  /** The page with the largest gzip + CSS. */
  heaviest: string;
  /** The page whose gzip + CSS is the median (for the browser's cold-load sample). */
  medianPage: string;
}

const NON_SCRIPT_TYPES = /^(application\/(ld\+)?json|application\/json|text\/template|text\/x-template|importmap|speculationrules)$/i;

/** Attributes of one start tag as a map (names lower-cased). */
function attrs(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
  const body = tag.replace(/^<\w+/, '').replace(/\/?>$/, '');
  for (let m = re.exec(body); m; m = re.exec(body)) out.set(m[1].toLowerCase(), m[2] ?? m[3] ?? m[4] ?? '');
  return out;
}

/** Resolve an href/src of a page to a file in dist (null for other origins or missing files). */
function localFile(dist: string, pageRel: string, ref: string, base: string): string | null {
  if (/^(?:[a-z]+:)?\/\//i.test(ref) || /^(data|blob|javascript):/i.test(ref)) return null;
  const clean = ref.replace(/[?#].*$/, '');
  let sitePath = clean.startsWith('/') ? clean : posix.join('/', base, pageRel, clean);
  if (!sitePath.startsWith(base)) return null;
  sitePath = sitePath.slice(base.length);
  const file = join(dist, decodeURIComponent(sitePath));
  return existsSync(file) && statSync(file).isFile() ? file : null;
}

/** Weight of one page's HTML. `fileSize` caches sizes of shared assets. */
export function weighPage(html: string, opts: { dist: string; rel: string; type: string; base?: string; fileBytes?: (f: string) => Buffer }): PageWeight {
  const base = opts.base ?? '/';
  const read = opts.fileBytes ?? ((f: string) => readFileSync(f));
  let css = 0;
  let cssGzip = 0;
  for (const m of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)) css += Buffer.byteLength(m[1]);
  for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
    const a = attrs(m[0]);
    if (!(a.get('rel') ?? '').toLowerCase().split(/\s+/).includes('stylesheet') || !a.get('href')) continue;
    const f = localFile(opts.dist, opts.rel, a.get('href')!, base);
    if (!f) continue;
    const body = read(f);
    css += body.length;
    cssGzip += gzipSize(body);
  }
  let js = 0;
  let scripts = 0;
  for (const m of html.matchAll(/(<script\b[^>]*>)([\s\S]*?)<\/script>/gi)) {
    const a = attrs(m[1]);
    if (NON_SCRIPT_TYPES.test(a.get('type') ?? '')) continue;
    scripts++;
    if (a.get('src')) {
      const f = localFile(opts.dist, opts.rel, a.get('src')!, base);
      js += f ? read(f).length : 0;
    } else js += Buffer.byteLength(m[2]);
  }
  for (const m of html.matchAll(/<[a-z][^>]*\s(on[a-z]+)\s*=\s*("[^"]*"|'[^']*')/gi)) {
    scripts++;
    js += m[2].length - 2;
  }
  const gzip = gzipSize(html);
  return { rel: opts.rel, type: opts.type, htmlBytes: Buffer.byteLength(html), gzipBytes: gzip, cssBytes: css, gzipWithCssBytes: gzip + cssGzip, jsBytes: js, scripts };
}

const stat = (values: number[]): Stat => {
  const s = summarize(values);
  return { median: s.median, max: s.max };
};

/**
 * Types for pages the quality gates leave as "other": the index pages of a section (which list
 * every record, so they grow with the data) and the dataset pages of /dati/.
 */
export function otherType(rel: string): string {
  const index = /^([^/]+)\/$/.exec(rel);
  if (index) return `indice-${index[1]}`;
  if (/^dati\/dataset\/[^/]+\/$/.test(rel)) return 'dataset';
  return 'other';
}

const EXTRA_LABELS = (id: string) => (id.startsWith('indice-') ? `indice /${id.slice('indice-'.length)}/` : id === 'dataset' ? 'dataset /dati/dataset/<nome>/' : id);

/** Weigh every HTML page of `dist`, grouped by page type (types in PAGE_TYPES order, then others). */
export function weighSite(dist: string, base = '/'): { pages: PageWeight[]; types: TypeWeight[] } {
  const cache = new Map<string, Buffer>();
  const fileBytes = (f: string) => {
    let b = cache.get(f);
    if (!b) cache.set(f, (b = readFileSync(f)));
    return b;
  };
  const pages: PageWeight[] = (discoverPages(dist) as { rel: string; file: string; type: string }[]).map((p) =>
    weighPage(readFileSync(p.file, 'utf8'), { dist, rel: p.rel, type: p.type === 'other' ? otherType(p.rel) : p.type, base, fileBytes }),
  );
  const extra = [...new Set(pages.map((p) => p.type))].filter((t) => t.startsWith('indice-')).sort();
  const order = [...PAGE_TYPES.map((t: { id: string }) => t.id), ...extra, 'dataset', '404', 'other'];
  const types: TypeWeight[] = [];
  for (const id of order) {
    const group = pages.filter((p) => p.type === id);
    if (!group.length) continue;
    const sorted = [...group].sort((a, b) => a.gzipWithCssBytes - b.gzipWithCssBytes || (a.rel < b.rel ? -1 : 1));
    types.push({
      type: id,
      label: PAGE_TYPES.find((t: { id: string }) => t.id === id)?.label ?? EXTRA_LABELS(id),
      count: group.length,
      html: stat(group.map((p) => p.htmlBytes)),
      gzip: stat(group.map((p) => p.gzipBytes)),
      css: stat(group.map((p) => p.cssBytes)),
      gzipWithCss: stat(group.map((p) => p.gzipWithCssBytes)),
      js: stat(group.map((p) => p.jsBytes)),
      heaviest: sorted[sorted.length - 1].rel,
      medianPage: sorted[(sorted.length - 1) >> 1].rel,
    });
  }
  return { pages, types };
}

/** Extensions worth gzipping when a host serves them (Pagefind's files are already compressed). */
const TEXT_EXT = new Set(['.html', '.css', '.js', '.mjs', '.json', '.csv', '.txt', '.xml', '.svg', '.ttl', '.nt', '.rdf', '.jsonld', '.geojson', '.md', '.webmanifest']);

export interface DistSize {
  files: number;
  htmlFiles: number;
  bytes: number;
  /** Sum of each text file gzipped plus other files as they are (null when not computed). */
  gzipBytes: number | null;
  /** Bytes by top-level directory of dist ("progetti", "dati", "pagefind"…; "." for files at the root). */
  byDir: Record<string, { files: number; bytes: number }>;
}

/** Size of a built site. Gzipping every file of a large synthetic build takes minutes: `gzip: false` skips it. */
export function distSize(dist: string, opts: { gzip?: boolean } = {}): DistSize {
  const out: DistSize = { files: 0, htmlFiles: 0, bytes: 0, gzipBytes: opts.gzip ? 0 : null, byDir: {} };
  const walk = (dir: string, top: string | null) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, e.name);
      if (e.isDirectory()) walk(full, top ?? e.name);
      else if (e.isFile()) {
        const size = statSync(full).size;
        out.files++;
        out.bytes += size;
        if (e.name.endsWith('.html')) out.htmlFiles++;
        const key = top ?? '.';
        const d = (out.byDir[key] ??= { files: 0, bytes: 0 });
        d.files++;
        d.bytes += size;
        if (opts.gzip) out.gzipBytes! += TEXT_EXT.has(extname(e.name).toLowerCase()) ? gzipSize(readFileSync(full)) : size;
      }
    }
  };
  walk(dist, null);
  return out;
}
