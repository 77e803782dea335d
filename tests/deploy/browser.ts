// Browser checks of the deploy suite, in Debian's Chromium (tests/support/browser.mjs):
//  - a reader's journey by clicking: home → measure → CPI → project, with CSS applied on every
//    page, the chart SVG drawn, a CSV downloaded, and the search box;
//  - run on the unzipped archive opened from file://, on a sub-path build served under its
//    prefix, and (crawl) on every page served with the Content-Security-Policy.
// A Place abstracts where the site is: it maps a site path ('' = home, 'cpi/x/') to a URL and
// back, and says which requests are in scope.
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BrowserContext, ConsoleMessage, Download, Page } from 'playwright-core';
import { pageType } from '../support/site.mjs';
import { headerSearch, pickTown, waitForResults } from '../support/search.mjs';

export interface Place {
  label: string;
  /** URL of a site path ('' home, 'cpi/x/' a page, 'dati/x.csv' a file). */
  url(rel: string): string;
  /** Site path of a URL ('' home, 'cpi/x/'), or null when the URL is outside the site. */
  relOf(url: string): string | null;
}

/** The unzipped archive at `root`, opened from disk. */
export function filePlace(root: string): Place {
  const rootUrl = pathToFileURL(root + sep).href;
  return {
    label: 'file://',
    url: (rel) => pathToFileURL(join(root, rel === '' || rel.endsWith('/') ? `${rel}index.html` : rel)).href,
    relOf(u) {
      if (!u.startsWith(rootUrl)) return null;
      const clean = u.replace(/[?#].*$/, '');
      const rel = relative(root, fileURLToPath(clean)).split(sep).join('/');
      if (rel.startsWith('..')) return null;
      if (rel === 'index.html') return '';
      return rel.endsWith('/index.html') ? rel.slice(0, -'index.html'.length) : rel;
    },
  };
}

/** A site served over http at `origin` + `base`. */
export function httpPlace(server: { origin: string; base: string; url(p: string): string }, label = 'http'): Place {
  return {
    label,
    url: (rel) => server.url(rel),
    relOf(u) {
      const x = new URL(u);
      if (x.origin !== server.origin || !x.pathname.startsWith(server.base)) return null;
      return decodeURIComponent(x.pathname.slice(server.base.length));
    },
  };
}

/** Everything that went wrong while a page was open: console errors, failed or outside requests. */
export class Monitor {
  problems: string[] = [];
  csp: string[] = [];
  requests: string[] = [];
  constructor(
    page: Page,
    private place: Place,
    private allow: (url: string) => boolean = () => false,
  ) {
    page.on('console', (m: ConsoleMessage) => {
      const text = m.text();
      if (this.allow(m.location().url ?? '')) return;
      if (/Content Security Policy|Content-Security-Policy/i.test(text)) this.csp.push(`${short(page.url())}: ${text.slice(0, 240)}`);
      else if (m.type() === 'error') this.problems.push(`console error on ${short(page.url())}: ${text.slice(0, 240)}`);
    });
    page.on('pageerror', (e) => this.problems.push(`JavaScript error on ${short(page.url())}: ${e.message.slice(0, 240)}`));
    page.on('request', (r) => {
      const u = r.url();
      this.requests.push(u);
      if (u.startsWith('data:') || u.startsWith('blob:') || this.allow(u)) return;
      if (this.place.relOf(u) === null) this.problems.push(`request outside the site (${this.place.label}): ${u}`);
    });
    page.on('requestfailed', (r) => {
      if (this.allow(r.url())) return;
      // ERR_ABORTED is the browser cancelling a request because the page was closed or navigated
      // away (a late favicon, a search worker still starting): it says nothing about the site.
      // A blocked or missing resource fails differently (ERR_BLOCKED_BY_CSP, an HTTP status).
      if (r.failure()?.errorText === 'net::ERR_ABORTED') return;
      this.problems.push(`request failed: ${short(r.url())} (${r.failure()?.errorText ?? '?'})`);
    });
    page.on('response', (r) => {
      if (r.status() >= 400 && !this.allow(r.url())) this.problems.push(`HTTP ${r.status()} for ${short(r.url())}`);
    });
  }
  take(): string[] {
    const p = [...this.problems, ...this.csp];
    this.problems = [];
    this.csp = [];
    return p;
  }
}

/** Resolve with the first non-null value, or null once every promise has settled with null. */
function firstNonNull<T>(ps: Promise<T | null>[]): Promise<T | null> {
  return new Promise((resolve) => {
    let left = ps.length;
    for (const p of ps) {
      p.then((v) => {
        if (v !== null) resolve(v);
        else if (--left === 0) resolve(null);
      });
    }
  });
}

const short = (u: string) => (u.length > 140 ? `…${u.slice(-139)}` : u);

/** Site paths of the visible links on the page whose target is a page of `type`, in document order. */
async function linksOfType(page: Page, place: Place, type: string): Promise<string[]> {
  const hrefs: string[] = await page.evaluate(() =>
    [...document.querySelectorAll('a[href]')].filter((a) => a.getClientRects().length > 0).map((a) => (a as HTMLAnchorElement).href),
  );
  const out: string[] = [];
  for (const h of hrefs) {
    const rel = place.relOf(h);
    if (rel !== null && pageType(rel) === type && !out.includes(h)) out.push(h);
  }
  return out;
}

/** Click the first visible link to `href` and wait for the next page to load. */
async function clickTo(page: Page, href: string): Promise<void> {
  const handle = await page.evaluateHandle((target) => {
    return [...document.querySelectorAll('a[href]')].find((a) => (a as HTMLAnchorElement).href === target && a.getClientRects().length > 0) ?? null;
  }, href);
  const el = handle.asElement();
  if (!el) throw new Error(`no visible link to ${short(href)} on ${short(page.url())}`);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), el.click()]);
}

/** Font family of an unstyled document in this browser (what "no CSS" looks like). */
export async function unstyledFont(context: BrowserContext): Promise<string> {
  const p = await context.newPage();
  await p.setContent('<!doctype html><html><body><p>x</p></body></html>');
  const f = await p.evaluate(() => getComputedStyle(document.body).fontFamily);
  await p.close();
  return f;
}

/** Problems if the page shows no sign of its stylesheet. */
async function cssProblems(page: Page, plainFont: string): Promise<string[]> {
  const s = await page.evaluate(() => {
    let rules = 0;
    for (const sheet of [...document.styleSheets]) {
      try {
        rules += sheet.cssRules.length;
      } catch {
        /* unreadable sheet */
      }
    }
    return { rules, font: getComputedStyle(document.body).fontFamily, sheets: document.styleSheets.length };
  });
  const out: string[] = [];
  if (s.rules < 5) out.push(`${short(page.url())}: ${s.sheets} stylesheet(s) with ${s.rules} rule(s): the site's CSS did not load`);
  if (s.font === plainFont) out.push(`${short(page.url())}: body font is the browser default (${plainFont}): CSS not applied`);
  return out;
}

/** Number of drawn charts (inline SVG with a size) in <main>. */
async function svgCount(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      [...document.querySelectorAll('main svg')].filter((s) => {
        const r = s.getBoundingClientRect();
        return r.width > 50 && r.height > 30 && s.querySelectorAll('*').length > 5;
      }).length,
  );
}

export interface JourneyResult {
  path: string[];
  problems: string[];
  charts: number;
}

/**
 * home → a measure → a CPI → a project, by clicking. From the CPI page the project is reached
 * directly or through one page the CPI links to (its province, comune or ente) when the CPI page
 * lists no project itself. Checks CSS on every page and at least one chart on the way.
 */
export async function journey(context: BrowserContext, place: Place, plainFont: string, monitor?: Monitor): Promise<JourneyResult> {
  const page = await context.newPage();
  const mon = monitor ?? new Monitor(page, place);
  const path: string[] = [];
  const problems: string[] = [];
  let charts = 0;
  const here = () => place.relOf(page.url()) ?? page.url();
  const visit = async () => {
    problems.push(...(await cssProblems(page, plainFont)));
    charts += await svgCount(page);
    path.push(here() || '(home)');
  };
  try {
    await page.goto(place.url(''), { waitUntil: 'load' });
    await visit();
    const measures = await linksOfType(page, place, 'misura');
    if (!measures.length) throw new Error('the home page links to no measure page');
    let cpi: string | null = null;
    for (const m of measures) {
      await page.goto(place.url(''), { waitUntil: 'load' });
      await clickTo(page, m);
      const cpis = await linksOfType(page, place, 'cpi');
      if (cpis.length) {
        cpi = cpis[0];
        break;
      }
    }
    if (!cpi) throw new Error(`none of the ${measures.length} measure pages linked from home links to a CPI`);
    await visit();
    await clickTo(page, cpi);
    if (pageType(here()) !== 'cpi') throw new Error(`measure → CPI landed on ${here()}`);
    await visit();
    const cpiUrl = page.url();
    let projects = await linksOfType(page, place, 'progetto');
    if (!projects.length) {
      const hops: string[] = [];
      for (const t of ['comune', 'ente', 'provincia']) hops.push(...(await linksOfType(page, place, t)));
      for (const hop of hops.slice(0, 12)) {
        await clickTo(page, hop);
        projects = await linksOfType(page, place, 'progetto');
        if (projects.length) {
          await visit();
          break;
        }
        await page.goto(cpiUrl, { waitUntil: 'load' });
      }
    }
    if (!projects.length) throw new Error(`the CPI page ${place.relOf(cpiUrl)} leads to no project page (directly or through its comune, ente or province)`);
    await clickTo(page, projects[0]);
    if (pageType(here()) !== 'progetto') throw new Error(`→ project landed on ${here()}`);
    await visit();
    const cup = here().split('/').filter(Boolean).pop()!.toUpperCase();
    const text = (await page.locator('body').innerText()).toUpperCase();
    if (!text.includes(cup)) problems.push(`the project page ${here()} does not show its CUP ${cup}`);
    if (charts === 0) problems.push(`no chart (inline SVG in <main>) on any page of the journey ${path.join(' → ')}`);
  } catch (e) {
    problems.push(`${(e as Error).message.split('\n')[0]} (after ${path.join(' → ') || 'nothing'})`);
  } finally {
    problems.push(...mon.take());
    await page.close();
  }
  return { path, problems, charts };
}

/**
 * From the home page, click to the open-data page and download a CSV by clicking its link.
 * `expected(rel)` returns the bytes the CSV should have. Returns the problems and what was fetched.
 */
export async function downloadCsv(context: BrowserContext, place: Place, expected: (rel: string) => Buffer): Promise<{ problems: string[]; got: string | null }> {
  const page = await context.newPage();
  const mon = new Monitor(page, place);
  const problems: string[] = [];
  let got: string | null = null;
  try {
    await page.goto(place.url(''), { waitUntil: 'load' });
    const dati = await linksOfType(page, place, 'dati');
    if (!dati.length) throw new Error('the home page links to no /dati/ page');
    await clickTo(page, dati[0]);
    const handle = await page.evaluateHandle(
      () => [...document.querySelectorAll('main a[href]')].find((x) => /\.csv([?#]|$)/i.test(x.getAttribute('href') ?? '') && x.getClientRects().length > 0) ?? null,
    );
    const link = handle.asElement();
    if (!link) throw new Error(`the open-data page ${place.relOf(page.url())} has no visible link to a .csv file`);
    const csv: string = await link.evaluate((a) => (a as HTMLAnchorElement).href);
    const rel = place.relOf(csv);
    if (rel === null) throw new Error(`the CSV link points outside the site: ${csv}`);
    // A download (Content-Disposition or the download attribute) or a navigation showing the text.
    const download = page.waitForEvent('download', { timeout: 10_000 }).catch(() => null);
    const nav = page.waitForNavigation({ timeout: 10_000 }).catch(() => null);
    await link.click();
    // The first of the two that actually happens: a download aborts the navigation, so the
    // navigation promise can settle (null) before the download event arrives.
    const d = await firstNonNull<Download | 'nav'>([download, nav.then((r) => (r ? ('nav' as const) : null))]);
    let body: Buffer | null = null;
    if (d && d !== 'nav' && typeof d === 'object') {
      const f = await d.path();
      body = f ? readFileSync(f) : null;
      got = `${rel} (download "${d.suggestedFilename()}")`;
    } else if (d === 'nav') {
      body = Buffer.from(await page.evaluate(() => document.body.innerText));
      got = `${rel} (opened in the browser)`;
    }
    if (!body) throw new Error(`clicking the CSV link ${rel} neither downloaded nor opened it`);
    const want = expected(rel);
    const norm = (b: Buffer) => b.toString('utf8').replace(/^\ufeff/, '').replace(/\r\n/g, '\n').trim();
    if (norm(body) !== norm(want)) problems.push(`the CSV ${rel} as received (${body.length} bytes) differs from the file in the build (${want.length} bytes)`);
    const lines = norm(body).split('\n');
    if (lines.length < 2 || !/[,;\t]/.test(lines[0])) problems.push(`${rel} does not look like a CSV: ${JSON.stringify(lines[0]?.slice(0, 80))}`);
  } catch (e) {
    problems.push((e as Error).message.split('\n')[0]);
  } finally {
    problems.push(...mon.take());
    await page.close();
  }
  return { problems, got };
}

/**
 * On file://: type a query in the header search box and submit. The search page must say that
 * search needs a web server, link the A–Z indexes of comuni and enti, start nothing that fails
 * (no console errors, no Pagefind request) and its comuni link must work.
 */
export async function offlineSearch(context: BrowserContext, place: Place): Promise<{ problems: string[]; note: string }> {
  const page = await context.newPage();
  const mon = new Monitor(page, place);
  const problems: string[] = [];
  let note = '';
  try {
    await page.goto(place.url(''), { waitUntil: 'load' });
    const form = await page.evaluate(() => {
      const f = document.querySelector('header form');
      const input = f?.querySelector('input[name]') as HTMLInputElement | null;
      return f && input ? { action: (f as HTMLFormElement).action, name: input.name } : null;
    });
    if (!form) throw new Error('no search form in the page header');
    if (place.relOf(form.action) !== 'cerca/') throw new Error(`the header search form goes to ${form.action}, not the archive's cerca/index.html`);
    const input = page.locator(`header form input[name="${form.name}"]`).first();
    await input.fill('milano');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), input.press('Enter')]);
    if (place.relOf(page.url()) !== 'cerca/') throw new Error(`submitting the search landed on ${page.url()}`);
    await page.waitForTimeout(500); // let any script run (and fail) before looking
    // No named helpers inside evaluate(): tsx would wrap them in a __name() the page lacks.
    const state = await page.evaluate(() => {
      const main = document.querySelector('main') ?? document.body;
      return {
        text: (main as HTMLElement).innerText,
        links: [...main.querySelectorAll('a[href]')]
          .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
          .map((a) => (a as HTMLAnchorElement).href),
        widget: [...document.querySelectorAll('.pagefind-ui, [class*="pagefind-ui"]')].some(
          (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden',
        ),
      };
    });
    if (!/server/i.test(state.text)) problems.push('the search page on file:// does not explain that search needs a web server (no "server" in its text)');
    const rels = state.links.map((h) => place.relOf(h));
    if (!rels.includes('comuni/')) problems.push('the search page on file:// does not link the A–Z index of comuni (comuni/index.html)');
    if (!rels.includes('enti/')) problems.push('the search page on file:// does not link the A–Z index of enti (enti/index.html)');
    if (state.widget) problems.push('the Pagefind widget is shown on file://, where it cannot work');
    const pf = mon.requests.filter((u) => /pagefind\/(pagefind\.js|pagefind-worker\.js|.*\.pagefind|.*\.pf_)/.test(u));
    if (pf.length) problems.push(`on file:// the search page still loads Pagefind's index: ${pf.map(short).join(', ')}`);
    const comuni = state.links.find((h) => place.relOf(h) === 'comuni/');
    if (comuni) {
      await clickTo(page, comuni);
      if (place.relOf(page.url()) !== 'comuni/') problems.push(`the comuni link of the search page landed on ${page.url()}`);
    }
    note = state.text.replace(/\s+/g, ' ').slice(0, 160);
  } catch (e) {
    problems.push((e as Error).message.split('\n')[0]);
  } finally {
    problems.push(...mon.take());
    await page.close();
  }
  return { problems, note };
}

/**
 * Over http: search for a town from the header box; results must appear, stay under the base,
 * and the first one must open. `pages` are the build's pages (tests/support/site.mjs).
 */
export async function onlineSearch(
  context: BrowserContext,
  place: Place,
  server: { base: string; origin: string },
  pages: unknown[],
  monitor?: (page: Page) => Monitor,
): Promise<{ problems: string[]; note: string }> {
  const page = await context.newPage();
  const mon = monitor ? monitor(page) : new Monitor(page, place);
  const problems: string[] = [];
  let note = '';
  try {
    const town = pickTown(pages);
    if (!town) throw new Error('no comune page that links to a project: nothing to search for');
    await page.goto(place.url(''), { waitUntil: 'load' });
    const form = await headerSearch(page, server.base);
    if (!form) throw new Error(`no header search form with action ${server.base}cerca/`);
    const input = page.locator(`header form input[name="${form.name}"]`).first();
    await input.fill(town.name);
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), input.press('Enter')]);
    if (place.relOf(page.url()) !== 'cerca/') throw new Error(`the search landed on ${page.url()}`);
    const results: string[] = await waitForResults(page, server.base);
    const outside = results.filter((h) => place.relOf(h) === null);
    if (outside.length) problems.push(`result links outside ${server.base}: ${outside.slice(0, 3).join(', ')}`);
    await clickTo(page, results[0]);
    const rel = place.relOf(page.url());
    if (rel === null || pageType(rel) === 'other') problems.push(`the first result opened ${page.url()}`);
    note = `"${town.name}": ${results.length} results, first → ${rel}`;
  } catch (e) {
    problems.push((e as Error).message.split('\n')[0]);
  } finally {
    problems.push(...mon.take());
    await page.close();
  }
  return { problems, note };
}

/**
 * Open each site path in turn on `tabs` reused tabs; per page, the monitor's problems plus
 * whatever `check` finds. Reusing tabs keeps a crawl of hundreds of pages to seconds.
 */
export async function visitAll(
  context: BrowserContext,
  place: Place,
  rels: string[],
  tabs: number,
  check: (page: Page, rel: string) => Promise<string[]>,
): Promise<string[]> {
  const problems: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(tabs, rels.length) }, async () => {
      const page = await context.newPage();
      const mon = new Monitor(page, place);
      try {
        while (next < rels.length) {
          const rel = rels[next++];
          try {
            await page.goto(place.url(rel), { waitUntil: 'load' });
            problems.push(...(await check(page, rel)));
          } catch (e) {
            problems.push(`${rel || '(home)'}: ${(e as Error).message.split('\n')[0]}`);
          }
          problems.push(...mon.take());
        }
      } finally {
        await page.close();
      }
    }),
  );
  return problems;
}

/** Problem if the page is unstyled (its body font is the browser default). */
export async function styled(page: Page, rel: string, plainFont: string): Promise<string[]> {
  const font = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
  return font === plainFont ? [`${rel || '(home)'}: CSS not applied`] : [];
}
