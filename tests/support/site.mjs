// What the built site contains: pages discovered from dist/ (never a hard-coded list), each
// classified into a page type. A page type with no page is a failure the suites report, so
// a half-built site cannot pass by testing nothing.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { normaliseBase } from './server.mjs';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = path.resolve(process.env.DIST_DIR || path.join(REPO, 'dist'));
/** Base path the site was built for (astro.config.mjs reads the same variable). */
export const BASE = normaliseBase(process.env.SITE_BASE || '/');

/**
 * Page types of the site. `pattern` matches the path relative to the base ('' is the home page).
 * `axe`: how many pages of the type the accessibility gate checks ('all' or a number).
 * `data`: the page must show at least one table or chart (checked without JavaScript): the
 *   pages whose point is figures (a measure, a province, a CPI, the data-quality report) and the
 *   list pages, which are a table.
 * `paged`: a list page (page n ≥ 2 of a list longer than src/lib/pagination.ts PAGE_SIZE rows):
 *   it exists only where the data make a list that long, so an edition may have none of a type.
 *   The suites check the ones there are; tests/unit/list-pages.test.ts checks that dist/ holds
 *   exactly the list pages the data imply.
 */
export const PAGE_TYPES = [
  { id: 'home', label: 'home /', pattern: /^$/, axe: 'all', data: false },
  { id: 'misure', label: 'indice /misure/', pattern: /^misure\/$/, axe: 'all', data: false },
  { id: 'misura', label: 'misura /misure/<slug>/', pattern: /^misure\/[^/]+\/$/, axe: 'all', data: true },
  { id: 'provincia', label: 'provincia /province/<slug>/', pattern: /^province\/[^/]+\/$/, axe: 3, data: true },
  { id: 'cpi', label: 'CPI /cpi/<slug>/', pattern: /^cpi\/[^/]+\/$/, axe: 3, data: true },
  { id: 'ente', label: 'ente /enti/<slug>/', pattern: /^enti\/[^/]+\/$/, axe: 3, data: false },
  { id: 'progetto', label: 'progetto /progetti/<cup>/', pattern: /^progetti\/[^/]+\/$/, axe: 3, data: false },
  { id: 'comuni', label: 'indice /comuni/', pattern: /^comuni\/$/, axe: 'all', data: false },
  { id: 'comune', label: 'comune /comuni/<slug>/', pattern: /^comuni\/[^/]+\/$/, axe: 3, data: false },
  { id: 'cerca', label: 'ricerca /cerca/', pattern: /^cerca\/$/, axe: 'all', data: false },
  { id: 'dati', label: 'dati /dati/', pattern: /^dati\/$/, axe: 'all', data: false },
  { id: 'qualita', label: 'qualità /qualita-dei-dati/', pattern: /^qualita-dei-dati\/$/, axe: 'all', data: true },
  { id: 'metodologia', label: 'metodologia /metodologia/', pattern: /^metodologia\/$/, axe: 'all', data: false },
  { id: 'progetti-pagina', label: 'elenco /progetti/pagina/<n>/', pattern: /^progetti\/pagina\/\d+\/$/, axe: 3, data: true, paged: true },
  { id: 'enti-pagina', label: 'indice /enti/pagina/<n>/', pattern: /^enti\/pagina\/\d+\/$/, axe: 3, data: true, paged: true },
  { id: 'comuni-pagina', label: 'indice /comuni/pagina/<n>/', pattern: /^comuni\/pagina\/\d+\/$/, axe: 3, data: true, paged: true },
  { id: 'misura-progetti', label: 'progetti di una misura /misure/<slug>/progetti/pagina/<n>/', pattern: /^misure\/[^/]+\/progetti\/pagina\/\d+\/$/, axe: 3, data: true, paged: true },
  { id: 'provincia-elenco', label: 'enti e progetti di una provincia /province/<slug>/{enti,progetti}/pagina/<n>/', pattern: /^province\/[^/]+\/(?:enti|progetti)\/pagina\/\d+\/$/, axe: 3, data: true, paged: true },
  { id: 'ente-progetti', label: 'progetti di un ente /enti/<slug>/progetti/pagina/<n>/', pattern: /^enti\/[^/]+\/progetti\/pagina\/\d+\/$/, axe: 3, data: true, paged: true },
  { id: 'comune-elenco', label: 'enti e progetti di un comune /comuni/<slug>/{enti,progetti}/pagina/<n>/', pattern: /^comuni\/[^/]+\/(?:enti|progetti)\/pagina\/\d+\/$/, axe: 3, data: true, paged: true },
];

/** Page counts the seed implies, keyed by the seed's sha256 (a new edition falls back to ≥ 1). */
export const EXPECTED_BY_SEED = {
  // seeds/000_e71b61cb0ceb10fc.txt — counts stated in the project issue for this edition.
  eee61c08957ececa4ef8dd7c4548817a8eda1952380eef4b865ad79e84558fde: {
    misura: 14,
    provincia: 12,
    cpi: 81,
    progetto: 313,
    // 313 projects: /progetti/ and /progetti/pagina/2/ to /4/; every other list fits in one page.
    'progetti-pagina': 3,
  },
};

/** Type id of a path relative to the base ('other' when no type matches). */
export function pageType(rel) {
  if (rel === '404.html') return '404';
  for (const t of PAGE_TYPES) if (t.pattern.test(rel)) return t.id;
  return 'other';
}

/** Every HTML page in dist as {rel, file, type}; rel is '' for home, 'cpi/x/' for cpi/x/index.html. */
export function discoverPages(dist = DIST) {
  if (!fs.existsSync(dist)) throw new Error(`${dist.startsWith(REPO + path.sep) ? path.relative(REPO, dist) : dist}/ does not exist: run \`npm run build\` first`);
  const pages = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        walk(full);
      } else if (e.isFile() && e.name.endsWith('.html')) {
        const relFile = path.relative(dist, full).split(path.sep).join('/');
        const rel = relFile === 'index.html' ? '' : relFile.endsWith('/index.html') ? relFile.slice(0, -'index.html'.length) : relFile;
        pages.push({ rel, file: full, type: pageType(rel) });
      }
    }
  };
  walk(dist);
  pages.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  return pages;
}

/** Group pages by type id. */
export function byType(pages) {
  const m = new Map();
  for (const p of pages) {
    if (!m.has(p.type)) m.set(p.type, []);
    m.get(p.type).push(p);
  }
  return m;
}

/** sha256 of each seed text, to look up the counts this edition implies. */
export function expectedCounts() {
  const dir = path.join(REPO, 'seeds');
  if (!fs.existsSync(dir)) return { seed: null, counts: {} };
  for (const name of fs.readdirSync(dir).sort()) {
    if (!name.endsWith('.txt')) continue;
    const sha = crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, name))).digest('hex');
    if (EXPECTED_BY_SEED[sha]) return { seed: name, counts: EXPECTED_BY_SEED[sha] };
  }
  return { seed: null, counts: {} };
}

/**
 * Problems with the set of pages: a missing type, a missing 404 page, a count that differs from
 * what the seed implies, no "distaccata" CPI. Empty array when complete.
 */
export function coverageProblems(pages) {
  const problems = [];
  const groups = byType(pages);
  for (const t of PAGE_TYPES) {
    if (!t.paged && !groups.get(t.id)?.length) problems.push(`no page of type ${t.label} in dist/`);
  }
  if (!groups.get('404')?.length) problems.push('no 404.html in dist/');
  const { seed, counts } = expectedCounts();
  for (const [id, n] of Object.entries(counts)) {
    const have = groups.get(id)?.length ?? 0;
    const type = PAGE_TYPES.find((t) => t.id === id);
    const label = type?.label ?? id;
    // A missing type is reported above; a list page type the seed implies must be there too.
    if ((have > 0 || type?.paged) && have !== n) problems.push(`${label}: ${have} pages in dist/, the seed ${seed} has ${n}`);
  }
  if (groups.get('cpi')?.length && !groups.get('cpi').some((p) => isDistaccata(p.rel))) {
    problems.push('no CPI page for a "sede distaccata" (slug containing "distaccata")');
  }
  return problems;
}

export const isDistaccata = (rel) => /distaccat/.test(rel);

/**
 * Deterministic spread sample of `n` items: first, last, then evenly in between.
 * `must` items (e.g. a distaccata CPI) are always included.
 */
export function spread(items, n, must = []) {
  if (n === 'all' || items.length <= n) return [...items];
  const picked = new Set(must.slice(0, n));
  const slots = n - picked.size;
  for (let k = 0; k < slots * 4 && picked.size < n; k++) {
    const i = Math.round((k * (items.length - 1)) / Math.max(1, slots - 1));
    if (i < items.length) picked.add(items[i]);
  }
  for (const it of items) if (picked.size < n) picked.add(it);
  return items.filter((it) => picked.has(it));
}

/** Read the HTML of a page. */
export const readPage = (p) => fs.readFileSync(p.file, 'utf8');
