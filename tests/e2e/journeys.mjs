// Journeys a reader makes, by clicking (no typed URLs after the home page):
//  1. home → a measure → a CPI → its province (which lists that CPI);
//  2. home → type a town in the header search box, submit → results on /cerca/ → a project.
import { launchBrowser } from '../support/browser.mjs';
import { pageType } from '../support/site.mjs';
import { headerSearch, pickTown, resultLinks, waitForResults } from '../support/search.mjs';

export const name = 'journeys';

/** Visible links on the current page whose target is a page of `type`, in document order. */
async function linksOfType(page, server, type) {
  const hrefs = await page.evaluate(() =>
    [...document.querySelectorAll('main a[href], a[href]')].filter((a) => a.getClientRects().length > 0).map((a) => a.href),
  );
  const seen = new Set();
  return hrefs.filter((h) => {
    const u = new URL(h);
    if (u.origin !== server.origin || !u.pathname.startsWith(server.base)) return false;
    const ok = pageType(decodeURIComponent(u.pathname).slice(server.base.length)) === type && !seen.has(u.pathname);
    seen.add(u.pathname);
    return ok;
  });
}

/** Click the first visible link with this href and wait for the new page; returns its status. */
async function clickTo(page, href) {
  const u = new URL(href);
  const attr = await page.evaluate((target) => {
    const a = [...document.querySelectorAll('a[href]')].find((x) => x.href === target && x.getClientRects().length > 0);
    return a ? a.getAttribute('href') : null;
  }, href);
  if (attr === null) throw new Error(`no visible link to ${u.pathname}`);
  const [resp] = await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    page.locator(`a[href="${attr.replace(/"/g, '\\"')}"]:visible`).first().click(),
  ]);
  return resp?.status() ?? 0;
}

const where = (page) => decodeURIComponent(new URL(page.url()).pathname);

async function measureToProvince(page, server) {
  const steps = [];
  const step = (s) => steps.push(s);
  await page.goto(server.url(''));
  const measures = await linksOfType(page, server, 'misura');
  if (!measures.length) throw new Error('the home page links to no measure page');
  // The first measure (in page order) whose page links to a CPI.
  let cpiHref = null;
  for (const m of measures) {
    await page.goto(server.url(''));
    const status = await clickTo(page, m);
    if (status !== 200) throw new Error(`home → ${new URL(m).pathname} answers ${status}`);
    const cpis = await linksOfType(page, server, 'cpi');
    if (cpis.length) {
      step(`home → ${where(page)}`);
      cpiHref = cpis[0];
      break;
    }
  }
  if (!cpiHref) throw new Error(`none of the ${measures.length} measures linked from home links to a CPI page`);
  let status = await clickTo(page, cpiHref);
  if (status !== 200 || pageType(where(page).slice(server.base.length)) !== 'cpi') throw new Error(`${steps.at(-1)} → CPI: landed on ${where(page)} (${status})`);
  const cpiPath = new URL(page.url()).pathname;
  step(`→ ${where(page)}`);
  const provinces = await linksOfType(page, server, 'provincia');
  if (!provinces.length) throw new Error(`the CPI page ${where(page)} links to no province page`);
  status = await clickTo(page, provinces[0]);
  if (status !== 200 || pageType(where(page).slice(server.base.length)) !== 'provincia') throw new Error(`CPI → province: landed on ${where(page)} (${status})`);
  step(`→ ${where(page)}`);
  const back = await page.evaluate((p) => [...document.querySelectorAll('a[href]')].some((a) => new URL(a.href).pathname === p), cpiPath);
  if (!back) throw new Error(`the province page ${where(page)} does not link back to its CPI ${decodeURIComponent(cpiPath)}`);
  return steps.join(' ');
}

async function searchToProject(page, server, pages) {
  const town = pickTown(pages);
  if (!town) throw new Error('no comune page that links to a project: nothing to search for');
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url(''));
  const form = await headerSearch(page, server.base);
  if (!form) throw new Error(`no search box in the header of the home page (a <form> in <header> with action ${server.base}cerca/ and a named text input)`);
  const input = page.locator(`header form[action] input[name="${form.name}"], [role="banner"] form[action] input[name="${form.name}"]`).first();
  await input.click();
  await input.pressSequentially(town.name, { delay: 10 });
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), input.press('Enter')]);
  const landed = where(page);
  if (landed !== `${server.base}cerca/`) throw new Error(`submitting "${town.name}" landed on ${landed}, not ${server.base}cerca/`);
  let results;
  try {
    results = await waitForResults(page, server.base);
  } catch (e) {
    throw new Error(`searched "${town.name}": ${e.message} on ${page.url().slice(server.origin.length)}`);
  }
  const steps = [`home → search "${town.name}" → ${page.url().slice(server.origin.length)} (${results.length} result links)`];
  const isType = (h, t) => pageType(decodeURIComponent(new URL(h).pathname).slice(server.base.length)) === t;
  // Through the town's own page when the search lists it (the reader's likely click), else
  // straight to a project result.
  const townPath = server.base + town.page.rel;
  const comune = results.find((h) => decodeURIComponent(new URL(h).pathname) === townPath);
  let project = comune ? null : results.find((h) => isType(h, 'progetto'));
  if (!comune && !project) {
    throw new Error(`searched "${town.name}": neither ${townPath} nor a project among the results (${results.map((h) => new URL(h).pathname).join(', ')})`);
  }
  if (comune) {
    const status = await clickTo(page, comune);
    if (status !== 200) throw new Error(`result ${new URL(comune).pathname} answers ${status}`);
    steps.push(`→ ${where(page)}`);
    project = (await linksOfType(page, server, 'progetto'))[0];
    if (!project) throw new Error(`the comune page ${where(page)} links to no project`);
  }
  const status = await clickTo(page, project);
  if (status !== 200 || !isType(page.url(), 'progetto')) throw new Error(`→ project: landed on ${where(page)} (${status})`);
  steps.push(`→ ${where(page)}`);
  const cup = where(page).split('/').filter(Boolean).pop().toUpperCase();
  const text = (await page.locator('body').innerText()).toUpperCase();
  if (!text.includes(cup)) throw new Error(`the project page ${where(page)} never shows its CUP ${cup}`);
  if (errors.length) throw new Error(`JavaScript errors on the way: ${errors.join('; ')}`);
  return steps.join(' ');
}

export async function run(ctx) {
  const { server, pages, report } = ctx;
  const browser = await launchBrowser();
  try {
    for (const [label, fn] of [
      ['home → measure → CPI → province', measureToProvince],
      ['home → header search for a town → results on /cerca/ → project', searchToProject],
    ]) {
      const page = await browser.context.newPage();
      try {
        const path = await fn(page, server, pages);
        report.pass(label);
        report.info(`${label}: ${path}`);
      } catch (e) {
        report.fail(label, String(e.message || e).split('\n')[0]);
      } finally {
        await page.close();
      }
    }
  } finally {
    await browser.close();
  }
}
