/**
 * Cold loads in Debian's Chromium (playwright-core, tests/support/browser.mjs): every measured
 * load starts a fresh browser on an empty profile, so nothing is cached. Every request of the
 * page and its workers is counted with its resource type and its bytes on the wire (encoded
 * body + headers) as served by tests/support/server.mjs, which gzips text like a static host.
 *
 * Search: /cerca/?q=<query> is what the header form of every page submits; "first results" is
 * the moment the first result link is in the DOM, read in the page (performance.now(), i.e.
 * milliseconds since navigation started) by an observer installed before any script runs.
 */
import type { Page, Request } from 'playwright-core';
import { launchBrowser } from '../../tests/support/browser.mjs';
import { resultLinks } from '../../tests/support/search.mjs';
import { PAGE_TYPES } from '../../tests/support/site.mjs';

export interface ColdLoad {
  url: string;
  requests: number;
  bytes: number;
  /** Requests and bytes by DevTools resource type (Document, Stylesheet, Script, Fetch…). */
  byType: Record<string, { requests: number; bytes: number }>;
  scriptRequests: number;
  /** Milliseconds from navigation start to the load event. */
  loadMs: number | null;
  failed: string[];
}

export interface SearchRun extends ColdLoad {
  query: string;
  /** ms from navigation start to the first result link in the DOM (null if none appeared). */
  firstResultMs: number | null;
  /** Bytes transferred up to the first result (the rest is results' fragments and late requests). */
  bytesAtFirstResult: number | null;
  results: number;
  /** The critical path, ms since the document was requested (null when not observed). */
  milestones: { documentMs: number | null; uiScriptMs: number | null; wasmMs: number | null; indexMs: number | null } | null;
}

/**
 * Watch the network of a page through Playwright's events, which (unlike a CDP session on the
 * page) include the requests of dedicated workers — where Pagefind fetches its index.
 */
function watch(page: Page) {
  const reqs = new Map<Request, Req>();
  const pending: Promise<void>[] = [];
  let lastActivity = Date.now();
  page.on('request', (r) => {
    reqs.set(r, { url: r.url(), type: r.resourceType(), bytes: 0 });
    lastActivity = Date.now();
  });
  page.on('requestfinished', (r) => {
    lastActivity = Date.now();
    pending.push(
      r.sizes().then(
        (s) => {
          const x = reqs.get(r);
          if (x) {
            x.bytes = s.responseBodySize + s.responseHeadersSize;
            const t = r.timing();
            if (t.responseEnd >= 0) x.end = t.startTime + t.responseEnd;
            x.start = t.startTime;
          }
        },
        () => {},
      ),
    );
  });
  page.on('requestfailed', (r) => {
    lastActivity = Date.now();
    const x = reqs.get(r);
    if (x) x.failed = true;
  });
  return {
    reqs,
    /** Bytes of the requests finished so far. */
    async bytes() {
      await Promise.all(pending);
      return [...reqs.values()].reduce((n, r) => n + r.bytes, 0);
    },
    /** Resolve once no request started or finished for `quietMs` (or after `maxMs`), sizes read. */
    async idle(quietMs = 500, maxMs = 10_000) {
      const start = Date.now();
      lastActivity = Math.max(lastActivity, start);
      while (Date.now() - lastActivity < quietMs && Date.now() - start < maxMs) await new Promise((r) => setTimeout(r, 50));
      await Promise.all(pending);
    },
  };
}

interface Req {
  url: string;
  type: string;
  bytes: number;
  failed?: boolean;
  /** Epoch ms (Playwright's request timing). */
  start?: number;
  end?: number;
}

/**
 * When the search's critical resources arrived, in ms since the document was requested:
 * Pagefind's script (pagefind.js, or pagefind-ui.js for the default UI), its WebAssembly, and the
 * last index/meta chunk before the first result.
 */
function searchMilestones(reqs: Map<Request, Req>, firstResultMs: number | null): SearchRun['milestones'] {
  const all = [...reqs.values()];
  const doc = all.find((r) => r.type === 'document');
  if (!doc?.start) return null;
  const rel = (r: Req | undefined) => (r?.end !== undefined ? Math.round(r.end - doc.start!) : null);
  const index = all
    .filter((r) => /\.pf_(index|meta)$|pagefind-entry\.json/.test(r.url.replace(/\?.*$/, '')) && r.end !== undefined)
    .map(rel)
    .filter((t): t is number => t !== null && (firstResultMs === null || t <= firstResultMs));
  return {
    documentMs: rel(doc),
    uiScriptMs: rel(all.find((r) => /\/pagefind(-ui)?\.js$/.test(r.url.replace(/\?.*$/, '')))),
    wasmMs: rel(all.find((r) => /wasm\.[^/]*\.pagefind$/.test(r.url))),
    indexMs: index.length ? Math.max(...index) : null,
  };
}

function summarizeRequests(url: string, reqs: Map<Request, Req>): Omit<ColdLoad, 'loadMs'> {
  const byType: ColdLoad['byType'] = {};
  let bytes = 0;
  const failed: string[] = [];
  for (const r of reqs.values()) {
    if (r.url.startsWith('data:')) continue;
    const t = (byType[r.type] ??= { requests: 0, bytes: 0 });
    t.requests++;
    t.bytes += r.bytes;
    bytes += r.bytes;
    if (r.failed) failed.push(r.url);
  }
  const count = Object.values(byType).reduce((n, t) => n + t.requests, 0);
  return { url, requests: count, bytes, byType, scriptRequests: byType.script?.requests ?? 0, failed };
}

async function loadMs(page: Page): Promise<number | null> {
  // A string for the same reason as observeFirstResult.
  const end = (await page.evaluate("performance.getEntriesByType('navigation')[0]?.loadEventEnd ?? 0")) as number;
  return end > 0 ? Math.round(end) : null;
}

/** One cold load of `url`: requests and bytes until the network is quiet after the load event. */
export async function coldLoad(url: string): Promise<ColdLoad> {
  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    const net = watch(page);
    await page.goto(url, { waitUntil: 'load' });
    await net.idle();
    return { ...summarizeRequests(url, net.reqs), loadMs: await loadMs(page) };
  } finally {
    await browser.close();
  }
}

const ENTITY_TYPES = ['misura', 'provincia', 'cpi', 'ente', 'progetto', 'comune'];

/**
 * Runs in the page before its scripts: note when the first search result appears — a visible link
 * to an entity page (misura, provincia, CPI, ente, progetto, comune: the patterns of
 * tests/support/site.mjs) outside header, nav and footer, whatever UI renders it. A string, not a
 * function: tsx would wrap a function's inner helpers in its own `__name` calls, which do not
 * exist in the page.
 */
function observeFirstResult(base: string): string {
  const patterns = (PAGE_TYPES as { id: string; pattern: RegExp }[]).filter((t) => ENTITY_TYPES.includes(t.id)).map((t) => t.pattern.source);
  return `(() => {
  const base = ${JSON.stringify(base)};
  const res = ${JSON.stringify(patterns)}.map((p) => new RegExp(p));
  const isResult = (a) => {
    if (a.closest('header, nav, footer, [role="banner"], [role="navigation"], [role="contentinfo"]')) return false;
    const u = new URL(a.href, location.href);
    if (u.origin !== location.origin || !u.pathname.startsWith(base)) return false;
    const rel = decodeURIComponent(u.pathname.slice(base.length));
    return res.some((r) => r.test(rel)) && a.getClientRects().length > 0;
  };
  const obs = new MutationObserver(() => {
    if (window.__firstResult === undefined && [...document.querySelectorAll('a[href]')].some(isResult)) {
      window.__firstResult = performance.now();
      obs.disconnect();
    }
  });
  obs.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['hidden', 'class', 'style'] });
})();`;
}

/** A cold load of the search page with `query`, as the header form submits it. */
export async function coldSearch(origin: string, base: string, query: string, timeoutMs = 15_000): Promise<SearchRun> {
  const url = `${origin}${base}cerca/?q=${encodeURIComponent(query)}`;
  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    await page.addInitScript(observeFirstResult(base));
    const net = watch(page);
    let firstResultMs: number | null = null;
    let bytesAtFirstResult: number | null = null;
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    try {
      await page.waitForFunction('window.__firstResult !== undefined', null, { timeout: timeoutMs, polling: 20 });
      bytesAtFirstResult = await net.bytes();
      firstResultMs = Math.round((await page.evaluate('window.__firstResult')) as number);
    } catch {
      /* no result within the timeout: reported as null */
    }
    await net.idle();
    const results = (await resultLinks(page, base)).length;
    return { ...summarizeRequests(url, net.reqs), loadMs: await loadMs(page), query, firstResultMs, bytesAtFirstResult, results, milestones: searchMilestones(net.reqs, firstResultMs) };
  } finally {
    await browser.close();
  }
}
