// Without JavaScript: the site is static HTML, so a page of every type must show its tables and
// charts with JavaScript disabled. And content pages ship none: no <script> (JSON data blocks
// aside) and no inline handler in any page of dist/ except /cerca/. (The crawl also counts the
// script requests each page makes with JavaScript enabled.)
import { parseHTML } from 'linkedom';
import { launchBrowser } from '../support/browser.mjs';
import { PAGE_TYPES, byType, readPage } from '../support/site.mjs';

export const name = 'nojs';

/** A chart: an <svg> in a <figure> or with role="img", not decorative (legend swatches are aria-hidden), not nested. */
const CHART = 'figure svg:not([aria-hidden="true"]), svg[role="img"]:not([aria-hidden="true"])';
const JS_TYPE = /^(|text\/javascript|application\/javascript|module|text\/ecmascript|application\/ecmascript)$/i;

/** JavaScript a page's HTML ships: script elements and inline event handlers. */
export function jsInHtml(html) {
  const { document } = parseHTML(html);
  const found = [];
  for (const s of document.querySelectorAll('script')) {
    if (JS_TYPE.test((s.getAttribute('type') || '').trim())) found.push(`<script${s.getAttribute('src') ? ` src="${s.getAttribute('src')}"` : ''}> ${s.getAttribute('src') ? '' : `(${s.textContent.length} bytes inline)`}`.trim());
  }
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) if (/^on/i.test(a.name)) found.push(`inline handler ${a.name} on <${el.tagName.toLowerCase()}>`);
  }
  for (const a of document.querySelectorAll('[href^="javascript:" i]')) found.push(`javascript: URL on <${a.tagName.toLowerCase()}>`);
  return found;
}

/** Tables and charts in a page's HTML. */
function dataCount(html) {
  const { document } = parseHTML(html);
  return document.querySelectorAll('table').length + [...document.querySelectorAll(CHART)].filter((s) => !s.parentElement?.closest('svg')).length;
}

/** Runs in the page (JavaScript off for the page, not for Playwright's evaluation). */
function inspectData(chartSelector) {
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none' && Number(s.opacity) > 0 && el.checkVisibility?.({ opacityProperty: true, visibilityProperty: true }) !== false;
  };
  const label = (el, i) => {
    const cap = el.querySelector('caption')?.textContent || el.getAttribute('aria-label') || el.closest('figure')?.querySelector('figcaption')?.textContent || '';
    return `${el.tagName.toLowerCase()} #${i + 1}${cap ? ` "${cap.trim().replace(/\s+/g, ' ').slice(0, 50)}"` : ''}`;
  };
  const problems = [];
  const tables = [...document.querySelectorAll('table')];
  tables.forEach((t, i) => {
    if (!visible(t)) problems.push(`${label(t, i)} is not visible without JavaScript`);
    const cells = [...t.querySelectorAll('tbody td, tbody th, tr td')].filter((c) => c.textContent.trim());
    if (!cells.length) problems.push(`${label(t, i)} has no filled data cell`);
    else if (!cells.some(visible)) problems.push(`${label(t, i)}: its cells are not visible`);
  });
  const charts = [...document.querySelectorAll(chartSelector)].filter((s) => !s.parentElement?.closest('svg'));
  charts.forEach((c, i) => {
    const r = c.getBoundingClientRect();
    if (!visible(c)) problems.push(`${label(c, i)} (chart) is not visible without JavaScript`);
    else if (r.width < 50 || r.height < 30) problems.push(`${label(c, i)} (chart) is only ${Math.round(r.width)}×${Math.round(r.height)} px`);
    if (!c.querySelector('path, rect, circle, line, polyline, polygon, text, ellipse')) problems.push(`${label(c, i)} (chart) draws nothing`);
  });
  return { tables: tables.length, charts: charts.length, problems };
}

export async function run(ctx) {
  const { server, pages, report } = ctx;

  // 1. No JavaScript in any content page of dist/ (static scan of every page).
  let scanned = 0;
  let withJs = 0;
  for (const p of pages) {
    if (p.type === 'cerca') continue;
    scanned++;
    const js = jsInHtml(readPage(p));
    if (js.length) {
      withJs++;
      report.fail(`no JavaScript in ${server.base}${p.rel}`, js);
    }
  }
  if (scanned === 0) report.fail('no JavaScript in content pages', 'no content page in dist/ to scan');
  else if (withJs === 0) report.pass(`no JavaScript in ${scanned} content pages`);

  // 2. With JavaScript disabled, one page of each type — the one with the most tables and charts.
  const groups = byType(pages);
  const browser = await launchBrowser({ javaScriptEnabled: false });
  let checked = 0;
  try {
    const page = await browser.context.newPage();
    const types = [...PAGE_TYPES, { id: '404', label: '404', data: false }];
    for (const t of types) {
      const list = groups.get(t.id) ?? [];
      if (!list.length) {
        // List pages exist only where a list is longer than a page (site.mjs `paged`).
        if (t.paged) report.info(`no page of type ${t.label} in this edition: every such list fits in one page`);
        else report.fail(`${t.label} without JavaScript`, `no page of type ${t.label} in dist/`);
        continue;
      }
      const richest = list.map((p) => ({ p, n: dataCount(readPage(p)) })).sort((a, b) => b.n - a.n)[0].p;
      const url = t.id === '404' ? server.url('pagina-inesistente/') : server.url(richest.rel);
      const where = t.id === '404' ? `404 at ${server.base}pagina-inesistente/` : `${server.base}${richest.rel}`;
      const resp = await page.goto(url, { waitUntil: 'load' });
      checked++;
      const expect = t.id === '404' ? 404 : 200;
      if (resp?.status() !== expect) {
        report.fail(`${where} without JavaScript`, `answers ${resp?.status()}, expected ${expect}`);
        continue;
      }
      const { tables, charts, problems } = await page.evaluate(inspectData, CHART);
      if (t.data && tables + charts === 0) problems.push(`a ${t.label} page must show at least one table or chart; none found`);
      const h1 = await page.locator('h1').first().isVisible().catch(() => false);
      if (!h1) problems.push('no visible <h1>');
      report.check(`${where} without JavaScript (${tables} tables, ${charts} charts shown)`, problems);
    }
  } finally {
    await browser.close();
  }
  report.info(`${scanned} pages scanned for JavaScript; ${checked} pages rendered with JavaScript off`);
}
