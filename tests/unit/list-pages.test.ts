/**
 * The built list pages against the data: every list of a growing collection (the projects of a
 * measure, a province, an entity, a comune; the entities of a province and a comune; the
 * /progetti/, /enti/ and /comuni/ indexes) shows at most PAGE_SIZE rows a page, every record on
 * exactly one of its list's pages, on exactly the pages the list's length implies (page 1 is
 * the record's or index's own page, the others …/pagina/<n>/) and no others; a list longer than
 * a page has a page navigation on each of its pages, a list that fits has none.
 *
 * Runs after `npm run build` (CI does so). Without dist/ the test fails and says how to make it.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeLinks, normalizeBase } from '../../src/lib/links.ts';
import { PAGE_SIZE, pageCount } from '../../src/lib/pagination.ts';

const ROOT = process.cwd();
const DIST = resolve(ROOT, process.env.DIST_DIR ?? 'dist');
const BASE = normalizeBase(process.env.SITE_BASE);
const links = makeLinks(BASE);

type Rec = { id: string; [k: string]: unknown };
function data(name: string): Rec[] {
  const p = join(ROOT, 'content/data', `${name}.json`);
  if (!existsSync(p)) throw new Error(`content/data/${name}.json is missing: run \`npm run build\``);
  return JSON.parse(readFileSync(p, 'utf8')) as Rec[];
}

/** dist/ file of a site URL (under the base). */
const fileOf = (url: string) => join(DIST, url.replace(/#.*$/, '').slice(BASE.length), 'index.html');
const page = (url: string) => parseHTML(readFileSync(fileOf(url), 'utf8')).document;
const path = (href: string | null | undefined) => (href ?? '').replace(/#.*$/, '');

/** One list as the site pages it. */
interface List {
  name: string;
  /** URL of page n (1 = the record's or index's own page). */
  url: (n: number) => string;
  /** Rows of this list on a page. */
  rows: string;
  /** URLs of the records, in any order. */
  items: string[];
  /** Name of the page navigation of this list. */
  pager: string;
}

function lists(): List[] {
  const projects = data('projects');
  const entities = data('entities');
  const comuni = data('comuni');
  const projectsOf = (e: Rec) => e.projects as string[];
  const out: List[] = [];
  const PROJ = "Pagine dell'elenco dei progetti";
  const ENTI = "Pagine dell'elenco degli enti";
  for (const m of data('measures')) {
    out.push({ name: `misura ${m.id}`, url: (n) => links.misuraProgetti(m.id, n), rows: 'table[id^="tabella-progetti-"] tbody tr', items: projects.filter((p) => p.measure === m.id).map((p) => links.progetto(p.id)), pager: PROJ });
  }
  for (const pr of data('provinces')) {
    const here = entities.filter((e) => e.province === pr.id);
    out.push({ name: `provincia ${pr.id} enti`, url: (n) => links.provinciaEnti(pr.id, n), rows: '#tabella-enti tbody tr', items: here.map((e) => links.ente(e.id)), pager: ENTI });
    out.push({ name: `provincia ${pr.id} progetti`, url: (n) => links.provinciaProgetti(pr.id, n), rows: '#tabella-progetti tbody tr', items: here.flatMap(projectsOf).map((id) => links.progetto(id)), pager: PROJ });
  }
  for (const e of entities) {
    out.push({ name: `ente ${e.id}`, url: (n) => links.enteProgetti(e.id, n), rows: '#tabella-progetti tbody tr', items: projectsOf(e).map((id) => links.progetto(id)), pager: PROJ });
  }
  for (const c of comuni) {
    out.push({ name: `comune ${c.id} enti`, url: (n) => links.comuneEnti(c.id, n), rows: '#tabella-enti tbody tr', items: (c.entities as string[]).map((id) => links.ente(id)), pager: ENTI });
    out.push({ name: `comune ${c.id} progetti`, url: (n) => links.comuneProgetti(c.id, n), rows: '#tabella-progetti tbody tr', items: projectsOf(c).map((id) => links.progetto(id)), pager: PROJ });
  }
  out.push({ name: 'indice progetti', url: (n) => links.progettiPagina(n), rows: 'main table tbody tr', items: projects.map((p) => links.progetto(p.id)), pager: PROJ });
  out.push({ name: 'indice enti', url: (n) => links.entiPagina(n), rows: 'main table tbody tr', items: entities.map((e) => links.ente(e.id)), pager: "Pagine dell'indice degli enti" });
  out.push({ name: 'indice comuni', url: (n) => links.comuniPagina(n), rows: 'main table tbody tr', items: comuni.map((c) => links.comune(c.id)), pager: "Pagine dell'indice dei comuni" });
  return out;
}

/** Every list page (…/pagina/<n>/) in dist/, as site URLs. */
function listPagesInDist(): string[] {
  const found: string[] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(join(DIST, rel), { withFileTypes: true })) {
      if (!e.isDirectory() || e.name === 'pagefind' || e.name === '_astro' || e.name === 'dati') continue;
      const sub = rel ? `${rel}/${e.name}` : e.name;
      if (/(^|\/)pagina\/\d+$/.test(sub) && existsSync(join(DIST, sub, 'index.html'))) found.push(`${BASE}${sub}/`);
      walk(sub);
    }
  };
  walk('');
  return found.sort();
}

beforeAll(() => {
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error(`${DIST} has no index.html: run \`npm run build\` before this test (CI runs it after the build)`);
  }
});

describe('list pages', () => {
  const all = lists();

  it('are exactly the pages the length of each list implies', () => {
    const expected = all.flatMap((l) => Array.from({ length: pageCount(l.items.length) - 1 }, (_, i) => l.url(i + 2)));
    expect(new Set(expected).size).toBe(expected.length);
    expect(listPagesInDist()).toEqual([...expected].sort());
  });

  it('show every record of a list on exactly one of its pages, at most PAGE_SIZE rows a page', () => {
    const problems: string[] = [];
    for (const l of all) {
      const count = pageCount(l.items.length);
      const seen: string[] = [];
      for (let n = 1; n <= count; n++) {
        const rows = [...page(l.url(n)).querySelectorAll(l.rows)];
        if (rows.length > PAGE_SIZE) problems.push(`${l.name}, page ${n}: ${rows.length} rows`);
        if (n < count && rows.length !== PAGE_SIZE) problems.push(`${l.name}, page ${n} of ${count}: ${rows.length} rows, not ${PAGE_SIZE}`);
        for (const r of rows) seen.push(r.querySelector('th[scope="row"] a')?.getAttribute('href') ?? `row without a link on page ${n}`);
      }
      if (seen.length !== new Set(seen).size) problems.push(`${l.name}: a record is listed twice`);
      const want = [...l.items].sort();
      const got = [...seen].sort();
      if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`${l.name}: ${got.length} rows for ${want.length} records, ${want.filter((u) => !got.includes(u)).length} missing`);
    }
    expect(problems).toEqual([]);
  });

  it('have a page navigation when the list is longer than a page, none when it fits', () => {
    const problems: string[] = [];
    let paged = 0;
    for (const l of all) {
      const count = pageCount(l.items.length);
      for (let n = 1; n <= count; n++) {
        const doc = page(l.url(n));
        const nav = [...doc.querySelectorAll('nav')].filter((x) => x.getAttribute('aria-label') === l.pager);
        const where = `${l.name}, page ${n} of ${count}`;
        if (count === 1) {
          if (nav.length) problems.push(`${where}: a page navigation for a list that fits in one page`);
          continue;
        }
        paged++;
        if (nav.length !== 1) {
          problems.push(`${where}: ${nav.length} navigations "${l.pager}"`);
          continue;
        }
        const current = [...nav[0].querySelectorAll('a[aria-current="page"]')];
        if (current.length !== 1 || path(current[0].getAttribute('href')) !== l.url(n)) problems.push(`${where}: aria-current on ${current.map((a) => a.getAttribute('href')).join(', ') || 'nothing'}`);
        const prev = nav[0].querySelector('a[rel="prev"]');
        const next = nav[0].querySelector('a[rel="next"]');
        if (n > 1 ? path(prev?.getAttribute('href')) !== l.url(n - 1) : prev) problems.push(`${where}: previous link ${prev?.getAttribute('href') ?? 'missing'}`);
        if (n < count ? path(next?.getAttribute('href')) !== l.url(n + 1) : next) problems.push(`${where}: next link ${next?.getAttribute('href') ?? 'missing'}`);
        for (const a of nav[0].querySelectorAll('a[href]')) {
          if (!existsSync(fileOf(a.getAttribute('href')!))) problems.push(`${where}: link to ${a.getAttribute('href')}, not in dist/`);
        }
        if (n > 1 && !doc.querySelector(`main a[href="${l.url(1)}"]`)) problems.push(`${where}: no link back to ${l.url(1)}`);
      }
    }
    expect(problems).toEqual([]);
    // This edition has at least the project index on several pages (313 projects).
    expect(paged).toBeGreaterThan(0);
  });
});
