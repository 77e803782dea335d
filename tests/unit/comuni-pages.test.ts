/**
 * The built comune pages, the A–Z index /comuni/ and the search page /cerca/ against the data:
 * every comune the document touches has a page listing its CPI, entities, projects and province;
 * comune pages are indexed for search as `tipo: comune` with their aliases, the index is not;
 * /cerca/ works without JavaScript as a way to the A–Z indexes.
 *
 * Runs after `npm run build` (CI does so). Without dist/ the test fails and says how to make it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeLinks, normalizeBase } from '../../src/lib/links.ts';
import { pageCount } from '../../src/lib/pagination.ts';
import type { Comune, Entity, Project } from '../../src/schemas/projects.ts';
import type { Cpi } from '../../src/schemas/cpi.ts';

const ROOT = process.cwd();
const DIST = resolve(ROOT, process.env.DIST_DIR ?? 'dist');
const links = makeLinks(normalizeBase(process.env.SITE_BASE));

function data<T>(name: string): T[] {
  const p = join(ROOT, 'content/data', `${name}.json`);
  if (!existsSync(p)) throw new Error(`content/data/${name}.json is missing: run \`npm run build\``);
  return JSON.parse(readFileSync(p, 'utf8')) as T[];
}
const page = (rel: string) => parseHTML(readFileSync(join(DIST, rel), 'utf8')).document;
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const hrefs = (root: Element | Document) => new Set([...root.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')!));
/** dist/ file of a site URL (under the base). */
const fileOf = (url: string) => join(url.replace(/#.*$/, '').slice(links.home().length), 'index.html');
/** <main> of every page of a list: page 1 and its list pages …/pagina/<n>/ (src/lib/pagination.ts). */
const listMains = (url: (n: number) => string, length: number) => Array.from({ length: pageCount(length) }, (_, i) => page(fileOf(url(i + 1))).querySelector('main')!);

beforeAll(() => {
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error(`${DIST} has no index.html: run \`npm run build\` before this test (CI runs it after the build)`);
  }
});

describe('comune pages', () => {
  const comuni = data<Comune>('comuni');
  const cpi = new Map(data<Cpi>('cpi').map((c) => [c.slug, c]));
  const entities = new Map(data<Entity>('entities').map((e) => [e.id, e]));
  const projects = new Map(data<Project>('projects').map((p) => [p.id, p]));

  it('every comune the document places a CPI or an entity in has a record, hence a page', () => {
    const istat = new Set(comuni.map((c) => c.istat));
    const missing = [
      ...[...cpi.values()].filter((c) => c.comune && !istat.has(c.comune.istat)).map((c) => `CPI ${c.name} → ${c.comune!.name}`),
      ...[...entities.values()].filter((e) => e.comune && !istat.has(e.comune.istat)).map((e) => `${e.name} → ${e.comune!.nome}`),
    ];
    expect(missing).toEqual([]);
    const noPage = comuni.filter((c) => !existsSync(join(DIST, 'comuni', c.id, 'index.html'))).map((c) => c.id);
    expect(noPage).toEqual([]);
  });

  it('each page: name, province, its CPI, entities and projects, indexed as a comune with its aliases', () => {
    const problems: string[] = [];
    for (const c of comuni) {
      const doc = page(`comuni/${c.id}/index.html`);
      const main = doc.querySelector('main')!;
      const where = `comuni/${c.id}/`;
      if (text(doc.querySelector('h1')) !== c.nome) problems.push(`${where}: <h1> "${text(doc.querySelector('h1'))}" ≠ "${c.nome}"`);
      if (!main.hasAttribute('data-pagefind-body')) problems.push(`${where}: <main> not indexed (data-pagefind-body)`);
      if (main.getAttribute('data-pagefind-filter') !== 'tipo:comune') problems.push(`${where}: tipo filter "${main.getAttribute('data-pagefind-filter')}"`);
      const h = hrefs(main);
      const prov = main.querySelector(`a[href="${links.provincia(c.provincia)}"]`);
      if (!prov) problems.push(`${where}: no link to its province ${c.provincia}`);
      else if (prov.getAttribute('data-pagefind-filter') !== 'provincia') problems.push(`${where}: the province link is not the provincia filter`);
      for (const id of c.cpi) if (!h.has(links.cpi(id))) problems.push(`${where}: no link to CPI ${id}`);
      // A long list continues on list pages: every entity and project is on one of them.
      const entityPages = listMains((n) => links.comuneEnti(c.id, n), c.entities.length);
      const projectPages = listMains((n) => links.comuneProgetti(c.id, n), c.projects.length);
      const he = new Set(entityPages.flatMap((m) => [...hrefs(m)]));
      const hp = new Set(projectPages.flatMap((m) => [...hrefs(m)]));
      for (const id of c.entities) if (!he.has(links.ente(id))) problems.push(`${where}: no link to entity ${id} on its pages`);
      for (const id of c.projects) if (!hp.has(links.progetto(id))) problems.push(`${where}: no link to project ${id} on its pages`);
      const rows = projectPages.reduce((n, m) => n + m.querySelectorAll('#tabella-progetti tbody tr').length, 0);
      if (rows !== c.projects.length) problems.push(`${where}: ${rows} project rows for ${c.projects.length} projects`);
      for (const id of c.projects) {
        const p = projects.get(id);
        if (!p || !c.entities.includes(p.entity)) problems.push(`${where}: project ${id} is not of an entity based there`);
      }
      const hidden = text(main.querySelector('.search-index[hidden]'));
      for (const a of c.aliases) if (!hidden.includes(a)) problems.push(`${where}: alias "${a}" not in the indexed aliases`);
      if (!main.querySelector('.search-index[hidden] [data-pagefind-meta^="dettaglio:"]')) problems.push(`${where}: no dettaglio meta`);
    }
    expect(problems).toEqual([]);
  });

  it('a distaccata CPI is listed on the page of the comune it is in', () => {
    const distaccate = [...cpi.values()].filter((c) => c.kind === 'sede distaccata' && c.comune);
    expect(distaccate.length).toBeGreaterThan(0);
    for (const d of distaccate) {
      const c = comuni.find((x) => x.istat === d.comune!.istat)!;
      expect(hrefs(page(`comuni/${c.id}/index.html`).querySelector('main')!).has(links.cpi(d.slug))).toBe(true);
    }
  });
});

describe('A–Z index /comuni/', () => {
  it('links every comune, by letter, and is not in the search index', () => {
    const comuni = data<Comune>('comuni');
    // A long index continues on /comuni/pagina/<n>/: every comune is on one of its pages.
    const mains = listMains((n) => links.comuniPagina(n), comuni.length);
    const h = new Set(mains.flatMap((m) => [...hrefs(m)]));
    expect(comuni.filter((c) => !h.has(links.comune(c.id))).map((c) => c.id)).toEqual([]);
    mains.forEach((main, i) => {
      const url = links.comuniPagina(i + 1);
      expect(main.hasAttribute('data-pagefind-body')).toBe(false);
      // Each letter points at its heading, on this page ("#lettera-c") or on the page where it starts.
      const letters = [...main.querySelectorAll('nav a[href*="#lettera-"]')].map((a) => a.getAttribute('href')!);
      expect(letters.length).toBeGreaterThan(5);
      for (const l of letters) {
        const [target, id] = l.split('#');
        const doc = target ? page(fileOf(target)) : main.ownerDocument;
        expect(doc.querySelector(`main [id="${id}"]`), `anchor ${l} from ${url}`).not.toBeNull();
      }
      // One table under each letter heading of the page.
      expect(main.querySelectorAll('table').length).toBe(main.querySelectorAll('h2[id^="lettera-"]').length);
    });
  });
});

describe('/cerca/', () => {
  it('has its own search form with filters, a live region, and visible links to the A–Z indexes', () => {
    const doc = page('cerca/index.html');
    const main = doc.querySelector('main')!;
    expect(main.hasAttribute('data-pagefind-body')).toBe(false);
    const form = main.querySelector('form[role="search"]')!;
    expect(form).not.toBeNull();
    expect(form.getAttribute('action')).toBe(links.cerca());
    expect(form.querySelector('input[name="q"]')).not.toBeNull();
    const input = form.querySelector('input[name="q"]')!;
    expect(doc.querySelector(`label[for="${input.getAttribute('id')}"]`)).not.toBeNull();
    for (const k of ['tipo', 'provincia', 'misura']) {
      const sel = form.querySelector(`select[name="${k}"]`);
      expect(sel, `select ${k}`).not.toBeNull();
      expect(sel!.querySelectorAll('option').length).toBeGreaterThan(2);
    }
    expect(main.querySelector('[role="status"]')).not.toBeNull();
    // The fallback is plain HTML (not inside <noscript>): it also serves a copy opened from disk.
    const visibleLinks = [...main.querySelectorAll('a[href]')].filter((a) => !a.closest('noscript, [hidden]')).map((a) => a.getAttribute('href'));
    expect(visibleLinks).toEqual(expect.arrayContaining([links.comuni(), links.enti()]));
    expect(text(main)).toMatch(/server web/);
  });

  it('loads one script, from a file (no inline JavaScript), and Pagefind from the base path', () => {
    const doc = page('cerca/index.html');
    const scripts = [...doc.querySelectorAll('script')].filter((s) => !/json/i.test(s.getAttribute('type') ?? ''));
    expect(scripts.length).toBe(1);
    expect(scripts[0].getAttribute('src')).toMatch(new RegExp(`^${links.home()}_astro/.+\\.js$`));
    expect(doc.querySelector('[data-cerca]')?.getAttribute('data-bundle')).toBe(links.pagefind());
    const js = readFileSync(join(DIST, scripts[0].getAttribute('src')!.slice(links.home().length)), 'utf8');
    expect(js).toContain('pagefind.js');
    expect(js).not.toMatch(/innerHTML|insertAdjacentHTML|outerHTML/);
  });
});
