// Mobile: at 390 px wide no page scrolls horizontally. Content wider than the screen is allowed
// only inside a table wrapper (an element with overflow-x auto/scroll that holds a table).
// Every page of dist/ is checked, plus the 404 page and /cerca/ with results on screen.
import { launchBrowser, mapLimit } from '../support/browser.mjs';
import { headerSearch, pickTown, waitForResults } from '../support/search.mjs';

export const name = 'mobile';
export const WIDTH = 390;

/** Runs in the page: what sticks out to the right of the viewport, and why it is not allowed. */
function inspectOverflow() {
  const vw = document.documentElement.clientWidth;
  const problems = [];
  const docWidth = Math.max(document.documentElement.scrollWidth, document.body?.scrollWidth ?? 0);
  if (docWidth > vw + 1) problems.push(`the page is ${docWidth} px wide at a ${vw} px viewport`);

  const describe = (el) => {
    let d = el.tagName.toLowerCase();
    if (el.id) d += `#${el.id}`;
    const cls = typeof el.className === 'string' ? el.className.trim().split(/\s+/).filter(Boolean).slice(0, 2) : [];
    if (cls.length) d += `.${cls.join('.')}`;
    const text = (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40);
    return text ? `${d} "${text}"` : d;
  };
  /**
   * Nearest ancestor (below body) that clips or scrolls `el` horizontally. An absolutely
   * positioned element escapes every overflow box below its containing block (a visually-hidden
   * label inside a scrolling table can still widen the page).
   */
  const clipper = (el) => {
    let escapeUntil = null;
    const pos = el.nodeType === 1 ? getComputedStyle(el).position : 'static';
    if (pos === 'absolute') {
      for (let a = el.parentElement; a; a = a.parentElement) {
        if (getComputedStyle(a).position !== 'static' || getComputedStyle(a).transform !== 'none') {
          escapeUntil = a;
          break;
        }
      }
      if (!escapeUntil) return null;
    }
    let passed = escapeUntil === null;
    for (let a = el.parentElement; a && a !== document.body && a !== document.documentElement; a = a.parentElement) {
      if (a === escapeUntil) passed = true;
      if (!passed) continue;
      const ox = getComputedStyle(a).overflowX;
      if (ox !== 'visible') return { el: a, ox };
    }
    return null;
  };
  const reported = new Set();
  for (const el of document.body?.querySelectorAll('*') ?? []) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.right <= vw + 1) continue;
    const s = getComputedStyle(el);
    if (s.visibility === 'hidden' || s.position === 'fixed') continue;
    const c = clipper(el);
    if (c && (c.ox === 'auto' || c.ox === 'scroll') && c.el.querySelector('table')) continue; // table wrapper
    if (c && (c.ox === 'hidden' || c.ox === 'clip')) {
      // Clipped, not scrolling; but a wrapper that hides a table's columns loses data.
      if (el.tagName === 'TABLE') problems.push(`${describe(el)} is cut off by ${describe(c.el)} (overflow-x: ${c.ox}); wrap it in a scrolling table wrapper`);
      continue;
    }
    // Report only the outermost offender of each subtree.
    let parentReported = false;
    for (let a = el.parentElement; a; a = a.parentElement) if (reported.has(a)) parentReported = true;
    reported.add(el);
    if (parentReported) continue;
    if (c) problems.push(`${describe(el)} overflows to ${Math.round(r.right)} px inside ${describe(c.el)} (overflow-x: ${c.ox}), which holds no table`);
    else problems.push(`${describe(el)} overflows to ${Math.round(r.right)} px (viewport ${vw} px)`);
    if (problems.length > 12) break;
  }
  // Text wider than its box (a long unbreakable word, a URL) does not widen any element.
  const walker = document.createTreeWalker(document.body ?? document.documentElement, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n && problems.length <= 12; n = walker.nextNode()) {
    if (!n.textContent.trim() || !n.parentElement) continue;
    const range = document.createRange();
    range.selectNodeContents(n);
    const r = range.getBoundingClientRect();
    if (r.width === 0 || r.right <= vw + 1) continue;
    const c = clipper(n.parentElement) ?? (getComputedStyle(n.parentElement).overflowX !== 'visible' ? { el: n.parentElement, ox: getComputedStyle(n.parentElement).overflowX } : null);
    if (c && (c.ox === 'hidden' || c.ox === 'clip' || c.el.querySelector('table'))) continue;
    if ([...reported].some((e) => e.contains(n))) continue;
    const longest = n.textContent.split(/\s+/).sort((a, b) => b.length - a.length)[0];
    problems.push(`text in ${describe(n.parentElement)} overflows to ${Math.round(r.right)} px (longest word: "${longest.slice(0, 60)}")`);
  }
  return problems;
}

export async function run(ctx) {
  const { server, pages, report } = ctx;
  const browser = await launchBrowser({ viewport: { width: WIDTH, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  const targets = pages.map((p) =>
    p.type === '404'
      ? { label: `404 at ${server.base}pagina-inesistente/`, url: server.url('pagina-inesistente/'), expect: 404 }
      : { label: `${server.base}${p.rel}`, url: server.url(p.rel), expect: 200 },
  );
  if (!targets.length) report.fail('pages at 390 px', 'no page in dist/');
  // The search page also with results on screen (they are drawn by script, after load).
  const town = pickTown(pages);
  if (pages.some((p) => p.type === 'cerca') && town) {
    const probe = await browser.context.newPage();
    await probe.goto(server.url(''));
    const form = await headerSearch(probe, server.base);
    await probe.close();
    if (form) targets.push({ label: `${form.action}?${form.name}=${town.name} (with results)`, url: server.origin + `${form.action}?${new URLSearchParams({ [form.name]: town.name })}`, expect: 200, search: true });
    else report.fail(`/cerca/ with results at ${WIDTH} px`, 'no header search form on the home page to build a search URL from');
  }
  const tabs = [];
  const started = Date.now();
  try {
    await mapLimit(targets, 3, async (t) => {
      const page = tabs.pop() ?? (await browser.context.newPage());
      try {
        const resp = await page.goto(t.url, { waitUntil: 'load' });
        if (resp?.status() !== t.expect) return report.fail(`${t.label} at ${WIDTH} px`, `answers ${resp?.status()}, expected ${t.expect}`);
        if (t.search) await waitForResults(page, server.base);
        report.check(`${t.label} at ${WIDTH} px`, await page.evaluate(inspectOverflow));
      } catch (e) {
        report.fail(`${t.label} at ${WIDTH} px`, `could not check: ${String(e.message || e).split('\n')[0]}`);
      } finally {
        tabs.push(page);
      }
    });
  } finally {
    await browser.close();
  }
  report.info(`${targets.length} pages checked at ${WIDTH} px in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
