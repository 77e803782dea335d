// Helpers for the search page: what to search for (taken from the built pages, not hard-coded),
// how to find the header search box, and how to tell that results are on screen.
import { parseHTML } from 'linkedom';
import { PAGE_TYPES, readPage } from './site.mjs';

/** Same rule as scripts/lib/slug.ts (duplicated: these tests run as plain Node, not tsx). */
export function slugify(s) {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The entity's display name: the run of words in the page's <h1> whose slug is the page slug. */
export function nameFromPage(page) {
  const slug = page.rel.split('/').filter(Boolean).pop();
  const { document } = parseHTML(readPage(page));
  const h1 = (document.querySelector('h1')?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const words = h1.split(' ');
  for (let i = 0; i < words.length; i++) {
    for (let j = words.length; j > i; j--) {
      const cand = words.slice(i, j).join(' ').replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
      if (slugify(cand) === slug) return cand;
    }
  }
  return slug.replace(/-/g, ' ');
}

/** Number of links from a page's HTML to project pages. */
function projectLinkCount(page) {
  return (readPage(page).match(/href="[^"]*\/progetti\/[^"/]+\/(#[^"]*)?"/g) ?? []).length;
}

/**
 * A town to search for: a comune page that links to projects, preferring one-word names
 * (least ambiguous to type), then the most projects. Null when there is none.
 */
export function pickTown(pages) {
  const cands = pages
    .filter((p) => p.type === 'comune')
    .map((p) => ({ page: p, projects: projectLinkCount(p) }))
    .filter((c) => c.projects > 0)
    .map((c) => ({ ...c, name: nameFromPage(c.page) }))
    .sort((a, b) => a.name.split(' ').length - b.name.split(' ').length || b.projects - a.projects || (a.page.rel < b.page.rel ? -1 : 1));
  return cands[0] ?? null;
}

const ENTITY_TYPES = ['misura', 'provincia', 'cpi', 'ente', 'progetto', 'comune'];
const ENTITY_PATTERNS = PAGE_TYPES.filter((t) => ENTITY_TYPES.includes(t.id)).map((t) => t.pattern.source);

/**
 * Runs in the page: links to entity pages outside header/nav/footer — i.e. search results.
 * @param {{base: string, patterns: string[]}} arg
 */
function resultLinksInPage({ base, patterns }) {
  const res = patterns.map((p) => new RegExp(p));
  return [...document.querySelectorAll('a[href]')]
    .filter((a) => !a.closest('header, nav, footer, [role="banner"], [role="navigation"], [role="contentinfo"]'))
    .filter((a) => {
      const u = new URL(a.href);
      if (u.origin !== location.origin || !u.pathname.startsWith(base)) return false;
      const rel = decodeURIComponent(u.pathname.slice(base.length));
      return res.some((r) => r.test(rel));
    })
    .filter((a) => a.getClientRects().length > 0)
    .map((a) => a.href);
}

/** Visible result links currently on the page. */
export async function resultLinks(page, base) {
  return page.evaluate(resultLinksInPage, { base, patterns: ENTITY_PATTERNS });
}

/** Wait until more than `baseline` result links are visible; returns them (throws on timeout). */
export async function waitForResults(page, base, baseline = 0, timeout = 15_000) {
  // Polled from Node rather than page.waitForFunction: no eval in the page, so it works under a CSP.
  const deadline = Date.now() + timeout;
  for (;;) {
    const links = await resultLinks(page, base);
    if (links.length > baseline) return links;
    if (Date.now() > deadline) throw new Error(`no search results appeared within ${timeout / 1000} s`);
    await page.waitForTimeout(150);
  }
}

/**
 * The header search box on the current page: a <form> inside the page header whose action
 * leads to /cerca/, and its text input. Null when missing.
 */
export async function headerSearch(page, base) {
  return page.evaluate((base) => {
    const forms = [...document.querySelectorAll('header form, [role="banner"] form')];
    for (const f of forms) {
      const action = new URL(f.getAttribute('action') || location.href, document.baseURI);
      if (action.origin !== location.origin || action.pathname !== `${base}cerca/`) continue;
      const input = f.querySelector('input[type="search"], input[type="text"], input:not([type])');
      if (!input || !input.name) continue;
      return { action: action.pathname, method: (f.getAttribute('method') || 'get').toLowerCase(), name: input.name, id: input.id || null };
    }
    return null;
  }, base);
}
