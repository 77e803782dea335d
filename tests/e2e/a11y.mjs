// Accessibility: axe-core (WCAG 2.0/2.1 A+AA, 2.2 AA) must report 0 violations on every measure
// page, every single page (home, indexes, dati, metodologia, qualità) and at least three pages of
// every other type — a "distaccata" among the CPI, three searches with results on screen, and the
// 404 page reached at three different paths.
import fs from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { launchBrowser, mapLimit } from '../support/browser.mjs';
import { PAGE_TYPES, byType, isDistaccata, spread } from '../support/site.mjs';
import { headerSearch, nameFromPage, pickTown, resultLinks, waitForResults } from '../support/search.mjs';

export const name = 'a11y';
export const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** One line per violating node: rule, impact, what axe says, where. */
export function formatViolations(violations) {
  const lines = [];
  for (const v of violations) {
    for (const n of v.nodes) {
      const html = n.html.replace(/\s+/g, ' ').slice(0, 120);
      lines.push(`${v.id} (${v.impact}): ${v.help} — at ${n.target.join(' > ')} ${html}${n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, ' ').slice(0, 160)}` : ''}`);
    }
  }
  return lines;
}

export async function run(ctx) {
  const { server, pages, report } = ctx;
  const groups = byType(pages);
  /** @type {{label: string, url: string, expect: number, search?: boolean}[]} */
  const targets = [];
  const missing = [];

  for (const t of PAGE_TYPES) {
    if (t.id === 'cerca') continue;
    const list = groups.get(t.id) ?? [];
    if (!list.length) {
      // List pages exist only where a list is longer than a page (site.mjs `paged`): check those there are.
      if (t.paged) report.info(`no page of type ${t.label} in this edition: every such list fits in one page`);
      else missing.push(`no page of type ${t.label} to check`);
      continue;
    }
    const must = t.id === 'cpi' ? list.filter((p) => isDistaccata(p.rel)).slice(0, 1) : [];
    if (t.id === 'cpi' && !must.length) missing.push('no CPI "sede distaccata" page to check');
    if (typeof t.axe === 'number' && list.length < t.axe && !t.paged) missing.push(`only ${list.length} page(s) of type ${t.label}, the gate checks ${t.axe}`);
    for (const p of spread(list, t.axe, must)) targets.push({ label: `${server.base}${p.rel}`, url: server.url(p.rel), expect: 200, file: p.file });
  }
  for (const p of spread(groups.get('other') ?? [], 5)) targets.push({ label: `${server.base}${p.rel}`, url: server.url(p.rel), expect: 200, file: p.file });
  if (groups.get('404')?.length) {
    for (const rel of ['pagina-inesistente/', 'cpi/pagina-inesistente/', 'progetti/x/y/z/']) {
      targets.push({ label: `404 at ${server.base}${rel}`, url: server.url(rel), expect: 404 });
    }
  } else missing.push('no 404.html to check');

  const browser = await launchBrowser();
  try {
    // Searches: the query parameter is the one the header form submits (read from the home page).
    if (groups.get('cerca')?.length) {
      const page = await browser.context.newPage();
      await page.goto(server.url(''));
      const form = await headerSearch(page, server.base);
      await page.goto(server.url('cerca/'));
      const baseline = (await resultLinks(page, server.base)).length;
      await page.close();
      if (!form) missing.push('no header search form on the home page: cannot build search URLs');
      else {
        const town = pickTown(pages);
        const terms = [
          town?.name,
          groups.get('progetto')?.[0]?.rel.split('/')[1]?.toUpperCase(),
          groups.get('provincia')?.length ? nameFromPage(groups.get('provincia')[0]) : null,
        ].filter(Boolean);
        if (terms.length < 3) missing.push(`only ${terms.length} search terms available (need a comune with projects, a project, a province)`);
        for (const term of terms) {
          targets.push({ label: `${form.action}?${form.name}=${term} (with results)`, url: server.origin + `${form.action}?${new URLSearchParams({ [form.name]: term })}`, expect: 200, search: true, baseline });
        }
      }
    } else missing.push('no /cerca/ page to check');

    report.check('pages of every type available for the accessibility gate', missing);

    // Biggest pages first (axe time grows with the DOM), so the two lanes finish together.
    const size = (t) => (t.file ? fs.statSync(t.file).size : 0);
    targets.sort((a, b) => size(b) - size(a));
    await mapLimit(targets, 2, async (t) => {
      const page = await browser.context.newPage();
      try {
        const resp = await page.goto(t.url, { waitUntil: 'load' });
        if (resp?.status() !== t.expect) {
          report.fail(t.label, `answers ${resp?.status()}, expected ${t.expect}`);
          return;
        }
        if (t.search) {
          try {
            await waitForResults(page, server.base, t.baseline);
          } catch (e) {
            report.fail(t.label, `search results never appeared: ${e.message}`);
            return;
          }
        }
        const t0 = Date.now();
        // resultTypes: only violations carry every node (passes on a 900-row table are slow to ship).
        // options() replaces the whole option object, so it must come before withTags().
        const results = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).withTags(TAGS).analyze();
        report.check(t.label, formatViolations(results.violations));
        if (process.env.VERBOSE) report.info(`axe ${t.label}: ${Date.now() - t0} ms`);
      } catch (e) {
        report.fail(t.label, `could not audit: ${String(e.message || e).split('\n')[0]}`);
      } finally {
        await page.close();
      }
    });
  } finally {
    await browser.close();
  }
  report.info(`${targets.length} pages audited with axe (${TAGS.join(', ')})`);
}
