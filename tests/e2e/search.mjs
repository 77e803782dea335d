// Search (/cerca/, Pagefind) in Chromium against the served dist/:
//  1. the queries of the project issue find their page among the first five results
//     ("Seregno", "cremona", "salo", "S. Angelo Lodigiano", "Sant'Angelo Lodigiano", a CUP with and
//     without the document's stray space, "housing first");
//  2. every comune is found by its name, also typed without accents or with a curly apostrophe;
//     every CPI by its name; every measure by its code; a sample of projects by CUP with a space;
//  3. only entity pages are in the index (list pages can never outrank them), results show type
//     and province, the result links stay under the base path;
//  4. cold load from the local server: results ≤ 500 ms after the last keystroke and ≤ 300 KB
//     transferred (median of three fresh browsers; every run reported); arriving with ?q=, the
//     files /cerca/ preloads (src/lib/search/bundle.ts) are each downloaded once (the preloaded
//     response is the one Pagefind uses) and no other Pagefind file twice;
//  5. the filters (tipo, provincia, misura) narrow the results; "Mostra altri risultati" works;
//  6. without JavaScript /cerca/ leads to the A–Z indexes of comuni and enti.
// Expected pages come from dist/ and content/data/ (never a hard-coded list), except the issue's
// own examples, which are checked for the edition they were written for.
//
// Plugs into tests/e2e/run.mjs (export `name` and `run(ctx)`); also runs alone:
//   node tests/e2e/search.mjs        (serves dist/ itself; SITE_BASE, DIST_DIR, CHROME_PATH as run.mjs)
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { launchBrowser } from '../support/browser.mjs';
import { BASE, DIST, REPO, byType, discoverPages, pageType, readPage } from '../support/site.mjs';

export const name = 'search';

/** Entity page types: the only pages Pagefind may index. */
const ENTITY_TYPES = ['misura', 'provincia', 'cpi', 'ente', 'progetto', 'comune'];
/** How many results count as "found" (the issue: among the first five). */
const TOP = 5;
/** Done-criteria of the issue for a cold load from a local server. */
const MAX_MS_AFTER_TYPING = 500;
const MAX_BYTES = 300_000;

/** The issue's examples, for the edition they were written for (seed sha256 → cases). */
const ISSUE_CASES = {
  eee61c08957ececa4ef8dd7c4548817a8eda1952380eef4b865ad79e84558fde: [
    { q: 'Seregno', want: [{ rel: 'cpi/seregno/' }, { rel: 'enti/comune-di-seregno/', why: 'the Comune di Seregno and its projects' }], projectsOf: 'enti/comune-di-seregno/' },
    { q: 'cremona', want: [{ rel: 'province/cremona/' }, { re: /^cpi\/cremona/, why: 'a CPI Cremona office' }, { rel: 'enti/comune-di-cremona/', why: 'the Comune di Cremona and its projects' }], projectsOf: 'enti/comune-di-cremona/' },
    { q: 'salo', want: [{ rel: 'cpi/salo/' }] },
    { q: 'S. Angelo Lodigiano', want: [{ rel: 'cpi/s-angelo-lodigiano-distaccata-di-lodi/' }] },
    { q: "Sant'Angelo Lodigiano", want: [{ rel: 'cpi/s-angelo-lodigiano-distaccata-di-lodi/' }] },
    { q: 'sant’angelo lodigiano', want: [{ rel: 'cpi/s-angelo-lodigiano-distaccata-di-lodi/' }] },
    { q: 'D74H22000340001', want: [{ rel: 'progetti/d74h22000340001/', first: true }] },
    { q: 'D74H220003 40001', want: [{ rel: 'progetti/d74h22000340001/', first: true }] },
    { q: 'd74h22000340001', want: [{ rel: 'progetti/d74h22000340001/', first: true }] },
    { q: 'housing first', want: [{ rel: 'misure/m5c2-i1-3-1/' }] },
  ],
};

/** The issue's examples for the seed in seeds/ (by sha256), or null for another edition. */
function issueCases() {
  const dir = path.join(REPO, 'seeds');
  for (const f of fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []) {
    if (!f.endsWith('.txt')) continue;
    const sha = crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, f))).digest('hex');
    if (ISSUE_CASES[sha]) return { seed: f, cases: ISSUE_CASES[sha] };
  }
  return { seed: null, cases: null };
}

const relOf = (href, origin) => {
  const u = new URL(href);
  if (u.origin !== origin || !u.pathname.startsWith(BASE)) return null;
  return decodeURIComponent(u.pathname.slice(BASE.length));
};

const foldAccents = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC');

const h1Of = (page) => (parseHTML(readPage(page)).document.querySelector('h1')?.textContent ?? '').replace(/\s+/g, ' ').trim();

function readData(collection) {
  const p = path.join(REPO, 'content/data', `${collection}.json`);
  if (!fs.existsSync(p)) throw new Error(`content/data/${collection}.json is missing: run \`npm run build\``);
  return JSON.parse(fs.readFileSync(p, 'utf8'));
}

/** Median of numbers. */
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * A search session on /cerca/ (one page, the index warm after the first query): `search(q)` types
 * the query into the page's own box and returns the results on screen once the page says it has
 * rendered them (the `cerca:risultati` performance mark of src/scripts/search/cerca.ts).
 */
async function openSession(context, server) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const resp = await page.goto(server.url('cerca/'), { waitUntil: 'load' });
  if (resp?.status() !== 200) throw new Error(`${server.base}cerca/ answers ${resp?.status()}`);
  const input = page.locator('main form[role="search"] input[name="q"]').first();
  if (!(await input.count())) throw new Error('no search box (input name="q" in a role="search" form) inside <main> of /cerca/');
  /** The `cerca:risultati` marks so far: what was searched (box text, filters) and how many results. */
  const marks = () => page.evaluate(() => performance.getEntriesByName('cerca:risultati').map((m) => m.detail));
  return {
    page,
    errors,
    /** @param {string} q @param {Record<string,string>} [filters] */
    async search(q, filters = {}) {
      const before = (await marks()).length;
      const box = page.locator('main form[role="search"] details');
      if (Object.values(filters).some(Boolean) && (await box.count()) && !(await box.evaluate((d) => d.open))) await box.locator('summary').click();
      for (const k of ['tipo', 'provincia', 'misura']) {
        const sel = page.locator(`main form[role="search"] select[name="${k}"]`);
        if ((await sel.count()) && (await sel.inputValue()) !== (filters[k] ?? '')) await sel.selectOption(filters[k] ?? '');
      }
      await input.fill(q);
      await input.press('Enter');
      // Done when the latest rendering is of this text with these filters (a select's change
      // event starts a search of its own, which may render first).
      const want = JSON.stringify(Object.fromEntries(Object.entries(filters).filter(([, v]) => v).sort()));
      const deadline = Date.now() + 15_000;
      for (;;) {
        const ms = await marks();
        const last = ms.at(-1);
        // (An earlier rendering of the same text and filters shows the same results: enough.)
        if (ms.length > before && last?.input === q && JSON.stringify(Object.fromEntries(Object.entries(last.filtri ?? {}).sort())) === want) break;
        if (Date.now() > deadline) throw new Error(`"${q}": no results rendered within 15 s${errors.length ? ` (errors: ${errors.join('; ')})` : ''}`);
        await page.waitForTimeout(25);
      }
      return page.evaluate(() => {
        const status = document.querySelector('[role="status"]')?.textContent?.trim() ?? '';
        const items = [...document.querySelectorAll('main ol li')].map((li) => ({
          href: li.querySelector('a[href]')?.href ?? '',
          title: li.querySelector('a[href]')?.textContent?.trim() ?? '',
          kind: li.querySelector('.cerca-tipo')?.textContent?.trim() ?? '',
          visible: li.getClientRects().length > 0,
        }));
        return { status, items };
      });
    },
  };
}

/** Position (0-based) of the first result matching `want` ({rel} or {re}), or -1. */
function positionOf(rels, want) {
  return rels.findIndex((r) => r !== null && (want.rel ? r === want.rel : want.re.test(r)));
}

/** Project pages an entity page links to (rel paths). */
function projectsLinkedFrom(pages, rel) {
  const p = pages.find((x) => x.rel === rel);
  if (!p) return [];
  const { document } = parseHTML(readPage(p));
  const out = new Set();
  for (const a of document.querySelectorAll('main a[href]')) {
    const href = a.getAttribute('href');
    if (!href.startsWith(BASE)) continue;
    const r = decodeURIComponent(href.slice(BASE.length)).replace(/#.*$/, '');
    if (pageType(r) === 'progetto') out.add(r);
  }
  return [...out];
}

/** The index holds exactly the entity pages: no list page can ever be a result. */
function indexProblems(pages) {
  const problems = [];
  const entry = path.join(DIST, 'pagefind', 'pagefind-entry.json');
  if (!fs.existsSync(entry)) return [`${path.relative(REPO, entry)} missing: Pagefind did not run (npm run build runs it)`];
  const langs = JSON.parse(fs.readFileSync(entry, 'utf8')).languages ?? {};
  const indexed = Object.values(langs).reduce((n, l) => n + (l.page_count ?? 0), 0);
  if (!langs.it) problems.push(`no Italian index (languages: ${Object.keys(langs).join(', ') || 'none'})`);
  const groups = byType(pages);
  const entity = ENTITY_TYPES.reduce((n, t) => n + (groups.get(t)?.length ?? 0), 0);
  if (indexed !== entity) problems.push(`Pagefind indexed ${indexed} pages, dist/ has ${entity} entity pages (${ENTITY_TYPES.join(', ')})`);
  for (const p of pages) {
    const html = readPage(p);
    const body = (html.match(/data-pagefind-body/g) ?? []).length;
    const isEntity = ENTITY_TYPES.includes(p.type);
    if (isEntity && body !== 1) problems.push(`${BASE}${p.rel}: entity page with ${body} data-pagefind-body (want exactly 1)`);
    if (!isEntity && body > 0) problems.push(`${BASE}${p.rel}: ${p.type} page marked data-pagefind-body (only entity pages may be indexed)`);
  }
  return problems;
}

/** Checks that every result is an entity page under the base, shown with its type. */
function resultShapeProblems(q, res, origin) {
  const problems = [];
  for (const it of res.items.slice(0, 10)) {
    const rel = relOf(it.href, origin);
    if (rel === null) problems.push(`"${q}": result ${it.href} is outside ${BASE}`);
    else if (!ENTITY_TYPES.includes(pageType(rel))) problems.push(`"${q}": result ${BASE}${rel} is a ${pageType(rel)} page, not an entity page`);
    if (!it.kind) problems.push(`"${q}": result ${it.title} shows no type`);
    if (!it.visible) problems.push(`"${q}": result ${it.title} is not visible`);
  }
  return problems;
}

const show = (rels) => rels.slice(0, TOP).map((r, i) => `${i + 1}. ${r}`).join('  ');

/** One cold load: fresh browser, /cerca/, type `q` like a reader; timings and bytes. */
export async function coldRun(server, q, delay = 40) {
  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    // Keystroke times in the page's clock (installed before any page script).
    await page.addInitScript(() => {
      window.__keys = [];
      addEventListener('keydown', () => window.__keys.push(performance.now()), true);
    });
    let bytes = 0;
    let requests = 0;
    const pending = [];
    browser.context.on('requestfinished', (req) => {
      pending.push(
        req.sizes().then(
          (s) => {
            bytes += s.responseBodySize + s.responseHeadersSize;
            requests++;
          },
          () => {},
        ),
      );
    });
    await page.goto(server.url('cerca/'), { waitUntil: 'load' });
    const input = page.locator('main form[role="search"] input[name="q"]').first();
    await input.pressSequentially(q, { delay });
    const deadline = Date.now() + 15_000;
    let t = null;
    while (!t) {
      t = await page.evaluate((q) => {
        const ms = performance.getEntriesByName('cerca:risultati');
        const done = ms.find((m) => m.detail?.q === q && m.detail.n > 0);
        const first = ms.find((m) => m.detail?.n > 0);
        if (!done) return null;
        return { keys: window.__keys, done: done.startTime, first: first.startTime, n: done.detail.n };
      }, q);
      if (!t && Date.now() > deadline) throw new Error(`cold load: "${q}" rendered no results within 15 s`);
      if (!t) await page.waitForTimeout(20);
    }
    await page.waitForTimeout(200);
    await Promise.all(pending);
    return {
      afterTyping: t.done - t.keys[t.keys.length - 1],
      fromFirstKey: t.first - t.keys[0],
      bytes,
      requests,
      n: t.n,
    };
  } finally {
    await browser.close();
  }
}

/**
 * Cold arrival from the header form: /cerca/?q=… opened in a fresh browser. Returns when the
 * results were on screen, the preload links of the page's <head> and every request (of the page
 * and of any worker) up to then.
 */
export async function coldArrival(server, q) {
  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    const requests = [];
    browser.context.on('request', (r) => requests.push(r.url()));
    await page.goto(`${server.url('cerca/')}?q=${encodeURIComponent(q)}`, { waitUntil: 'load' });
    const deadline = Date.now() + 15_000;
    for (;;) {
      const t = await page.evaluate(() => performance.getEntriesByName('cerca:risultati').find((m) => m.detail?.n > 0)?.startTime ?? null);
      if (t !== null) {
        await page.waitForTimeout(300);
        const preloads = await page.evaluate(() =>
          [...document.head.querySelectorAll('link[rel="preload"], link[rel="modulepreload"]')].map((l) => ({ rel: l.rel, href: l.href, as: l.getAttribute('as'), crossorigin: l.getAttribute('crossorigin') })),
        );
        return { ms: t, preloads, requests: [...requests] };
      }
      if (Date.now() > deadline) throw new Error(`cold arrival at /cerca/?q=${q}: no results within 15 s`);
      await page.waitForTimeout(20);
    }
  } finally {
    await browser.close();
  }
}

/**
 * What is wrong with the downloads of a cold arrival: a preload missing or outside the base path;
 * a Pagefind file requested twice, or the entry file, the WebAssembly or pagefind.js requested
 * more than once under any URL (Pagefind asked again instead of taking the preloaded response:
 * another `?ts=`, another file, a request from a worker or with other credentials); a preloaded
 * WebAssembly file that is not the one the index names (dist/pagefind/pagefind-entry.json).
 * Results were on screen, so Pagefind had all three: one request each means the preloaded ones.
 */
export function preloadProblems(arrival, server) {
  const problems = [];
  const bundle = server.url('pagefind/');
  const files = arrival.requests.filter((u) => u.startsWith(bundle)).map((u) => u.slice(bundle.length));
  const counts = new Map();
  for (const f of files) counts.set(f, (counts.get(f) ?? 0) + 1);
  for (const [f, n] of counts) if (n > 1) problems.push(`pagefind/${f} downloaded ${n} times`);
  const entry = JSON.parse(fs.readFileSync(path.join(DIST, 'pagefind', 'pagefind-entry.json'), 'utf8'));
  const wasm = `wasm.${Object.values(entry.languages ?? {})[0]?.wasm ?? 'unknown'}.pagefind`;
  const want = [
    // The module is imported by the page's script itself: no preload to match.
    { rel: null, what: 'pagefind.js', re: /^pagefind\.js$/ },
    { rel: 'preload', what: 'the entry file', re: /^pagefind-entry\.json(\?.*)?$/ },
    { rel: 'preload', what: `the WebAssembly (${wasm})`, re: /^wasm\.[\w-]+\.pagefind$/ },
  ];
  for (const w of want) {
    const requested = files.filter((f) => w.re.test(f));
    if (requested.length !== 1) problems.push(`${w.what} requested ${requested.length} times: ${requested.join(', ') || 'never'}`);
    if (!w.rel) continue;
    const link = arrival.preloads.find((l) => l.rel === w.rel && l.href.startsWith(bundle) && w.re.test(l.href.slice(bundle.length)));
    if (!link) problems.push(`no <link rel="${w.rel}"> for ${w.what} under ${bundle} in the <head> of ${server.base}cerca/`);
    else if (w.rel === 'preload' && (link.as !== 'fetch' || link.crossorigin === null)) problems.push(`the preload of ${w.what} is as="${link.as}" crossorigin=${link.crossorigin}: Pagefind's fetch() would not reuse it`);
  }
  if (!files.includes(wasm)) problems.push(`the index names ${wasm}, which was not downloaded`);
  return problems;
}

export async function run(ctx) {
  const { server, pages, report } = ctx;
  const groups = byType(pages);
  report.check('only entity pages are indexed, in Italian', indexProblems(pages));

  const browser = await launchBrowser();
  let session;
  try {
    session = await openSession(browser.context, server);
    const shape = [];
    const record = (q, res) => {
      shape.push(...resultShapeProblems(q, res, server.origin));
      return res.items.map((it) => relOf(it.href, server.origin));
    };

    // 1. The issue's examples.
    const { seed, cases } = issueCases();
    if (!cases) report.fail('issue examples', `no example queries for this edition of the seed (${seed ?? 'unknown seed'}): add them to ISSUE_CASES`);
    for (const c of cases ?? []) {
      const res = await session.search(c.q);
      const rels = record(c.q, res);
      const problems = [];
      for (const w of c.want) {
        const target = w.rel ?? String(w.re);
        if (w.rel && !pages.some((p) => p.rel === w.rel)) {
          problems.push(`expected page ${BASE}${w.rel} is not in dist/`);
          continue;
        }
        const i = positionOf(rels, w);
        const limit = w.first ? 1 : TOP;
        if (i < 0 || i >= limit) problems.push(`${w.why ?? target} is ${i < 0 ? 'not among the results' : `result ${i + 1}`}, want ${w.first ? 'the first' : `top ${TOP}`}; got ${show(rels)}`);
      }
      if (c.projectsOf) {
        const projects = projectsLinkedFrom(pages, c.projectsOf);
        if (!projects.length) problems.push(`${BASE}${c.projectsOf} links to no project`);
        const found = projects.filter((p) => rels.includes(p));
        if (projects.length && !found.length) problems.push(`none of the ${projects.length} projects of ${BASE}${c.projectsOf} is among the ${rels.length} results shown`);
        report.info(`"${c.q}": ${found.length}/${projects.length} projects of ${c.projectsOf} among the results shown`);
      }
      report.check(`"${c.q}" finds ${c.want.map((w) => w.rel ?? String(w.re)).join(' and ')} (${res.status})`, problems);
    }

    // 2. Every comune by its name, accent-free and with a curly apostrophe; CPI, measures, CUPs.
    const comuni = readData('comuni');
    const missed = [];
    let tried = 0;
    for (const c of comuni) {
      const variants = new Set([c.nome, foldAccents(c.nome).toLowerCase()]);
      if (c.nome.includes("'")) variants.add(c.nome.replace(/'/g, '’').toUpperCase());
      for (const q of variants) {
        tried++;
        const rels = record(q, await session.search(q));
        const i = rels.indexOf(`comuni/${c.id}/`);
        if (i < 0 || i >= TOP) missed.push(`"${q}" → comuni/${c.id}/ ${i < 0 ? 'not found' : `at ${i + 1}`}: ${show(rels)}`);
      }
    }
    report.check(`every comune found by its name (${comuni.length} comuni, ${tried} spellings: as printed, lower case without accents, curly apostrophe)`, missed);

    const cpiMissed = [];
    for (const p of groups.get('cpi') ?? []) {
      const q = h1Of(p);
      const rels = record(q, await session.search(q));
      const i = rels.indexOf(p.rel);
      if (i < 0 || i >= TOP) cpiMissed.push(`"${q}" → ${p.rel} ${i < 0 ? 'not found' : `at ${i + 1}`}: ${show(rels)}`);
    }
    report.check(`every CPI found by its name (${groups.get('cpi')?.length ?? 0})`, cpiMissed);

    const measureMissed = [];
    for (const m of readData('measures')) {
      const rels = record(m.code, await session.search(m.code));
      const i = rels.indexOf(`misure/${m.id}/`);
      if (i < 0 || i >= TOP) measureMissed.push(`"${m.code}" → misure/${m.id}/ ${i < 0 ? 'not found' : `at ${i + 1}`}: ${show(rels)}`);
      const t = m.title.toLowerCase();
      const rt = record(t, await session.search(t));
      const j = rt.indexOf(`misure/${m.id}/`);
      if (j < 0 || j >= TOP) measureMissed.push(`"${t}" → misure/${m.id}/ ${j < 0 ? 'not found' : `at ${j + 1}`}: ${show(rt)}`);
    }
    report.check('every measure found by its code and by its title', measureMissed);

    const projects = readData('projects');
    const sample = projects.filter((_, i) => i % Math.max(1, Math.floor(projects.length / 25)) === 0);
    const cupMissed = [];
    for (const p of sample) {
      for (const q of [p.cup.toLowerCase(), `${p.cup.slice(0, 10)} ${p.cup.slice(10)}`]) {
        const rels = record(q, await session.search(q));
        if (rels[0] !== `progetti/${p.id}/`) cupMissed.push(`"${q}" → progetti/${p.id}/ is not the first result: ${show(rels)}`);
      }
    }
    report.check(`a CUP finds its project first, with or without a stray space (${sample.length} of ${projects.length} projects)`, cupMissed);

    // 3. Results: entity pages only, under the base, with their type; province shown where known.
    report.check('every result is a visible entity page under the base path, shown with its type', [...new Set(shape)].slice(0, 30));
    const seregno = await session.search('Seregno');
    const withProvince = seregno.items.filter((it) => /provincia/i.test(it.kind));
    report.check('results show the province', withProvince.length ? [] : [`no result of "Seregno" shows a province: ${seregno.items.map((i) => i.kind).join(' | ')}`]);

    // 5. Filters narrow the results.
    const filterProblems = [];
    const cpiOnly = await session.search('cremona', { tipo: 'CPI' });
    const notCpi = cpiOnly.items.map((it) => relOf(it.href, server.origin)).filter((r) => pageType(r) !== 'cpi');
    if (!cpiOnly.items.length) filterProblems.push('"cremona" with tipo=CPI: no results');
    if (notCpi.length) filterProblems.push(`"cremona" with tipo=CPI shows non-CPI pages: ${notCpi.join(', ')}`);
    const byProvince = await session.search('', { tipo: 'comune', provincia: 'Lodi' });
    const lodiComuni = comuni.filter((c) => c.provinciaNome === 'Lodi' || c.provincia === 'lodi').map((c) => `comuni/${c.id}/`).sort();
    const gotComuni = byProvince.items.map((it) => relOf(it.href, server.origin)).sort();
    if (lodiComuni.length && JSON.stringify(gotComuni) !== JSON.stringify(lodiComuni)) filterProblems.push(`tipo=comune, provincia=Lodi shows ${gotComuni.join(', ') || 'nothing'}; the data has ${lodiComuni.join(', ')}`);
    const measures = readData('measures');
    const housing = measures.find((m) => /housing first/i.test(m.title));
    if (housing) {
      const hf = await session.search('', { tipo: 'progetto', misura: housing.code });
      const want = projects.filter((p) => p.measure === housing.id).length;
      if (!/\d/.test(hf.status) || Number((hf.status.match(/[\d.]+/) ?? ['0'])[0].replace(/\./g, '')) !== want) filterProblems.push(`tipo=progetto, misura=${housing.code}: status "${hf.status}", the data has ${want} projects`);
    }
    report.check('filters tipo, provincia and misura narrow the results', filterProblems);
    // "Mostra altri risultati": the next ten, focus on the first new one; the count is announced.
    const moreProblems = [];
    const many = await session.search('milano');
    const page = session.page;
    if (!/^\d[\d.]* risultati per «milano»$/.test(many.status)) moreProblems.push(`live region says "${many.status}"`);
    const live = await page.locator('main [role="status"]').getAttribute('aria-live');
    if (live && live !== 'polite') moreProblems.push(`the status region is aria-live="${live}"`);
    const button = page.getByRole('button', { name: 'Mostra altri risultati' });
    if (many.items.length < 10 || !(await button.isVisible())) moreProblems.push(`"milano": ${many.items.length} results shown and no visible "Mostra altri risultati" button`);
    else {
      await button.click();
      const deadline = Date.now() + 10_000;
      while ((await page.locator('main ol li').count()) <= many.items.length && Date.now() < deadline) await page.waitForTimeout(25);
      const after = await page.locator('main ol li').count();
      if (after <= many.items.length) moreProblems.push(`"Mostra altri risultati" added nothing (${after} results)`);
      const focused = await page.evaluate(() => document.activeElement?.closest('li') === document.querySelectorAll('main ol li')[10]);
      if (!focused) moreProblems.push('after "Mostra altri risultati" the focus is not on the first new result');
    }
    report.check('"Mostra altri risultati" shows ten more and moves the focus to them; the live region announces the count', moreProblems);
    report.check('no JavaScript error on /cerca/', session.errors);
  } finally {
    await session?.page.close().catch(() => {});
    await browser.close();
  }

  // 4. Cold load: three fresh browsers, the reader types a town right after the page loads.
  const town = 'seregno';
  const runs = [];
  for (let i = 0; i < 3; i++) runs.push(await coldRun(server, town));
  for (const [i, r] of runs.entries()) {
    report.info(
      `cold run ${i + 1}: "${town}" results ${r.afterTyping.toFixed(0)} ms after the last keystroke, first results ${r.fromFirstKey.toFixed(0)} ms after the first; ${r.requests} requests, ${(r.bytes / 1000).toFixed(1)} kB transferred`,
    );
  }
  const ms = median(runs.map((r) => r.afterTyping));
  const kb = Math.max(...runs.map((r) => r.bytes));
  report.check(`cold load: results ≤ ${MAX_MS_AFTER_TYPING} ms after typing (median ${ms.toFixed(0)} ms)`, ms <= MAX_MS_AFTER_TYPING ? [] : [`median ${ms.toFixed(0)} ms over ${runs.length} cold runs`]);
  report.check(`cold load: ≤ ${MAX_BYTES / 1000} kB transferred (max ${(kb / 1000).toFixed(1)} kB)`, kb <= MAX_BYTES ? [] : [`${(kb / 1000).toFixed(1)} kB in the heaviest of ${runs.length} runs`]);
  // 6. Without JavaScript the header box still leads somewhere useful: the A–Z indexes.
  const nojs = await launchBrowser({ javaScriptEnabled: false });
  try {
    const page = await nojs.context.newPage();
    await page.goto(`${server.url('cerca/')}?q=Seregno`, { waitUntil: 'load' });
    const state = await page.evaluate(() => ({
      text: document.querySelector('main')?.innerText ?? '',
      links: [...document.querySelectorAll('main a[href]')].filter((a) => a.getClientRects().length > 0).map((a) => a.href),
    }));
    const rels = state.links.map((h) => relOf(h, server.origin));
    const problems = [];
    for (const want of ['comuni/', 'enti/']) if (!rels.includes(want)) problems.push(`no visible link to ${BASE}${want} on /cerca/ without JavaScript`);
    if (!/JavaScript/.test(state.text)) problems.push('/cerca/ without JavaScript does not say that search needs it');
    report.check('without JavaScript /cerca/ explains and links the A–Z indexes of comuni and enti', problems);
  } finally {
    await nojs.close();
  }

  const arrival = await coldArrival(server, 'Seregno');
  report.info(`cold arrival at /cerca/?q=Seregno (header form): results ${arrival.ms.toFixed(0)} ms after navigation start`);
  report.check("cold arrival: /cerca/ preloads Pagefind's first files, each downloaded once (the preloaded response is used)", preloadProblems(arrival, server));
}

// Standalone: `node tests/e2e/search.mjs` serves dist/ and runs this module alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { startServer } = await import('../support/server.mjs');
  const { createReport } = await import('../support/report.mjs');
  const report = createReport();
  report.section('site');
  let pages = [];
  try {
    pages = discoverPages();
    report.info(`${pages.length} HTML files in ${DIST} (base ${BASE})`);
  } catch (e) {
    report.fail('dist/', e.message);
    process.exit(report.finish());
  }
  const server = await startServer({ root: DIST, base: BASE });
  try {
    report.section(name);
    await report.attempt(`${name} module`, () => run({ server, pages, report, external: new Set() }));
  } finally {
    await server.close();
  }
  process.exit(report.finish());
}
