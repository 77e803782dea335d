// Crawl: start at the home page and follow every internal link in a real browser (JavaScript on).
// Per page: it answers 200 without a redirect; every link from it resolves (pages 200, downloads
// 200 and not HTML, `#anchors` exist on the target); every request the browser makes goes to the
// local origin and succeeds; no JavaScript is loaded except on /cerca/.
// Site-wide: every page in dist/ is reachable from the home page.
import { launchBrowser, mapLimit } from '../support/browser.mjs';
import { pageType } from '../support/site.mjs';

export const name = 'crawl';

const CONCURRENCY = 3;
/** Non-navigational <link> relations that do not cause a request (or point off-site by design). */
const LINK_REL_IGNORED = /\b(canonical|alternate|author|license|me|help|search|prev|next|dns-prefetch|preconnect)\b/i;

/** Collected inside the page: links, referenced resources, ids, scripts. */
function collect() {
  const abs = (v) => {
    try {
      return new URL(v, document.baseURI).href;
    } catch {
      return `invalid:${v}`;
    }
  };
  const describe = (el) => (el.textContent || el.getAttribute('aria-label') || '').trim().replace(/\s+/g, ' ').slice(0, 60);
  const links = [...document.querySelectorAll('a[href], area[href]')].map((a) => ({
    raw: a.getAttribute('href'),
    url: abs(a.getAttribute('href')),
    download: a.hasAttribute('download'),
    text: describe(a),
  }));
  const resources = [];
  const add = (kind, v) => v && resources.push({ kind, raw: v, url: abs(v) });
  document.querySelectorAll('img[src], video[src], audio[src], source[src], track[src], iframe[src], embed[src], script[src]').forEach((e) => add(e.tagName.toLowerCase(), e.getAttribute('src')));
  document.querySelectorAll('object[data]').forEach((e) => add('object', e.getAttribute('data')));
  document.querySelectorAll('img[srcset], source[srcset]').forEach((e) =>
    e.getAttribute('srcset').split(',').forEach((part) => add('srcset', part.trim().split(/\s+/)[0])),
  );
  document.querySelectorAll('link[href]').forEach((e) => {
    const rel = e.getAttribute('rel') || '';
    resources.push({ kind: `link rel=${rel}`, rel, raw: e.getAttribute('href'), url: abs(e.getAttribute('href')) });
  });
  const ids = new Set([...document.querySelectorAll('[id]')].map((e) => e.id));
  document.querySelectorAll('a[name]').forEach((e) => ids.add(e.getAttribute('name')));
  const jsTypes = /^(|text\/javascript|application\/javascript|module|text\/ecmascript|application\/ecmascript)$/i;
  const scripts = [...document.querySelectorAll('script')].filter((s) => jsTypes.test((s.getAttribute('type') || '').trim())).map((s) => s.src || `inline: ${s.textContent.trim().slice(0, 50)}`);
  const handlers = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) if (/^on/i.test(attr.name)) handlers.push(`<${el.tagName.toLowerCase()} ${attr.name}>`);
  }
  return { links, resources, ids: [...ids], scripts, handlers };
}

export async function run(ctx) {
  const { server, pages, report } = ctx;
  const origin = server.origin;
  const local = (u) => u.startsWith(origin + '/');
  const relOf = (u) => {
    const { pathname, search } = new URL(u);
    return decodeURIComponent(pathname).slice(server.base.length) + search;
  };
  const show = (u) => (local(u) ? decodeURIComponent(new URL(u).pathname) + new URL(u).search + new URL(u).hash : u);

  const visits = new Map(); // url without hash → record
  const queue = [];
  const enqueue = (url, expect = 200) => {
    if (!visits.has(url)) {
      visits.set(url, { url, expect, status: null, problems: [], data: null, linkedFrom: new Set() });
      queue.push(url);
    }
    return visits.get(url);
  };
  enqueue(server.url(''));
  // The 404 page is reached by no link: visit it at a nested path so its own links get checked too.
  enqueue(server.url('cpi/pagina-che-non-esiste/'), 404);

  const fetched = new Map(); // download / resource url → Promise<{status, type}>
  const check = (u) => {
    if (!fetched.has(u)) {
      fetched.set(
        u,
        fetch(u, { method: 'HEAD', redirect: 'manual' })
          .then((r) => ({ status: r.status, type: r.headers.get('content-type') || '', bytes: Number(r.headers.get('content-length') ?? -1) }))
          .catch((e) => ({ status: 0, type: '', bytes: 0, error: String(e) })),
      );
    }
    return fetched.get(u);
  };

  const browser = await launchBrowser();
  const started = Date.now();
  try {
    const visit = async (page, rec) => {
      const requests = [];
      const failed = [];
      const onRequest = (r) => requests.push(r);
      const onFailed = (r) => failed.push(`${r.method()} ${show(r.url())}: ${r.failure()?.errorText ?? 'failed'}`);
      const onResponse = (r) => {
        if (r.request().resourceType() !== 'document' && r.status() >= 400) failed.push(`${show(r.url())} answers ${r.status()}`);
      };
      const onConsole = (m) => {
        // Resource failures are reported once, by onFailed/onResponse.
        if (m.type() === 'error' && !/^Failed to load resource/.test(m.text())) failed.push(`console error: ${m.text().slice(0, 200)}`);
      };
      const onPageError = (e) => failed.push(`uncaught exception: ${String(e.message).slice(0, 200)}`);
      page.on('request', onRequest);
      page.on('requestfailed', onFailed);
      page.on('response', onResponse);
      page.on('console', onConsole);
      page.on('pageerror', onPageError);
      try {
        const resp = await page.goto(rec.url, { waitUntil: 'load', timeout: 30_000 });
        rec.status = resp?.status() ?? 0;
        if (resp?.request().redirectedFrom()) {
          rec.redirect = show(resp.url());
        }
        const type = resp?.headers()['content-type'] || '';
        // Links are followed only from pages that answered as expected (a 404 for a broken
        // link serves 404.html, whose links are checked once, from the 404 seed below).
        if (rec.status !== rec.expect) return;
        if (type.startsWith('text/html')) rec.data = await page.evaluate(collect);
        else rec.notHtml = type;
        // Only /cerca/ may start work after load (Pagefind); let its requests surface.
        if (pageType(relOf(rec.url).replace(/\?.*$/, '')) === 'cerca') await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
      } catch (e) {
        rec.status = 0;
        rec.problems.push(`could not load: ${String(e.message || e).split('\n')[0]}`);
      } finally {
        page.off('request', onRequest);
        page.off('requestfailed', onFailed);
        page.off('response', onResponse);
        page.off('console', onConsole);
        page.off('pageerror', onPageError);
      }
      const third = requests.map((r) => r.url()).filter((u) => !local(u) && !u.startsWith('data:') && !u.startsWith('blob:'));
      for (const u of [...new Set(third)]) rec.problems.push(`third-party request: ${u}`);
      for (const f of [...new Set(failed)]) rec.problems.push(f.startsWith('console') || f.startsWith('uncaught') ? f : `request failed: ${f}`);
      rec.scriptRequests = requests.filter((r) => r.resourceType() === 'script').map((r) => show(r.url()));
      if (!rec.data) return;

      for (const l of rec.data.links) {
        let u;
        try {
          u = new URL(l.url);
        } catch {
          rec.problems.push(`unparseable link href="${l.raw}"`);
          continue;
        }
        if (u.protocol === 'mailto:' || u.protocol === 'tel:') continue;
        if (u.protocol === 'javascript:') {
          rec.problems.push(`javascript: link "${l.text}"`);
          continue;
        }
        if (u.origin !== origin) {
          if (u.protocol === 'http:' || u.protocol === 'https:') ctx.external.add(u.href);
          else rec.problems.push(`link with unsupported scheme: ${l.raw}`);
          continue;
        }
        if (l.raw === '#' || l.raw === '') {
          rec.problems.push(`empty link href="${l.raw}" ("${l.text}")`);
          continue;
        }
        const target = u.origin + u.pathname + u.search;
        // A page is a directory URL; a path whose last segment has no extension is a page too
        // (linked without its trailing slash, which the judging below reports).
        const last = u.pathname.split('/').pop();
        const isPage = !l.download && (last === '' || last.endsWith('.html') || !/\.[A-Za-z0-9_]+$/.test(last));
        const hash = u.hash ? decodeURIComponent(u.hash.slice(1)) : null;
        if (isPage && target === rec.url) {
          // Same-document link (skip link, table of contents): only its anchor matters.
          if (hash !== null && !rec.data.ids.includes(hash)) rec.problems.push(`broken anchor ${l.raw} ("${l.text}"): no id="${hash}" on this page`);
          if (hash !== null) ctx.anchors = (ctx.anchors ?? 0) + 1;
        } else if (isPage) {
          const t = enqueue(target);
          t.linkedFrom.add(rec.url);
          (rec.outLinks ??= []).push({ target, hash, raw: l.raw, text: l.text });
        } else {
          (rec.downloads ??= []).push({ target, raw: l.raw, text: l.text });
        }
      }
      for (const r of rec.data.resources) {
        if (r.rel !== undefined && LINK_REL_IGNORED.test(r.rel)) continue;
        if (!r.url.startsWith(origin + '/')) {
          if (!r.url.startsWith('data:')) rec.problems.push(`third-party resource (${r.kind}): ${r.raw}`);
          continue;
        }
        (rec.resources ??= []).push(r);
      }
    };

    // Worker pool over a growing queue: each worker owns one tab.
    let active = 0;
    await new Promise((resolve, reject) => {
      const tabs = [];
      const pump = async () => {
        while (queue.length && active < CONCURRENCY) {
          const url = queue.shift();
          active++;
          const tab = tabs.pop() ?? (await browser.context.newPage());
          visit(tab, visits.get(url))
            .catch((e) => visits.get(url).problems.push(`crawler error: ${e.message}`))
            .finally(() => {
              tabs.push(tab);
              active--;
              if (!queue.length && active === 0) resolve();
              else pump().catch(reject);
            });
        }
      };
      pump().catch(reject);
    });
  } finally {
    await browser.close();
  }

  // Judge every page once all targets are known; files first, a few requests at a time.
  const records = [...visits.values()];
  const files = new Set();
  for (const rec of records) {
    for (const d of rec.downloads ?? []) files.add(d.target);
    for (const r of rec.resources ?? []) files.add(r.url.replace(/#.*$/, ''));
  }
  const crawlSeconds = ((Date.now() - started) / 1000).toFixed(1);
  await mapLimit([...files], 16, check);
  let downloads = 0;
  let anchors = ctx.anchors ?? 0;
  for (const rec of records) {
    const p = rec.problems;
    const where = show(rec.url);
    if (rec.status !== rec.expect || rec.redirect) {
      // A URL the crawl reached but that is broken is reported on the pages that link to it.
      if (rec.linkedFrom.size) continue;
      if (rec.status !== rec.expect) p.unshift(`answers ${rec.status}, expected ${rec.expect}`);
    }
    if (rec.redirect) p.unshift(`redirects to ${rec.redirect}`);
    if (rec.notHtml) p.push(`served as ${rec.notHtml}, not HTML`);
    const rel = relOf(rec.url).replace(/\?.*$/, '');
    const type = rec.expect === 404 ? '404' : pageType(rel);
    if (type !== 'cerca' && rec.data) {
      for (const s of rec.data.scripts) p.push(`ships JavaScript: <script> ${s}`);
      for (const h of [...new Set(rec.data.handlers)]) p.push(`ships JavaScript: inline handler ${h}`);
      for (const s of rec.scriptRequests ?? []) p.push(`loads JavaScript: ${s}`);
    }
    for (const l of rec.outLinks ?? []) {
      const t = visits.get(l.target);
      if (t.status !== 200) p.push(`broken link to ${show(l.target)} ("${l.text}"): answers ${t.status}${t.redirect ? ` (redirect to ${t.redirect})` : ''}`);
      else if (t.redirect) p.push(`link to ${show(l.target)} ("${l.text}") redirects to ${t.redirect}: link the final URL`);
      if (l.hash !== null && t.data) {
        anchors++;
        if (!t.data.ids.includes(l.hash)) p.push(`broken anchor ${l.raw} ("${l.text}"): no id="${l.hash}" on ${show(l.target)}`);
      }
    }
    for (const d of rec.downloads ?? []) {
      downloads++;
      const r = await check(d.target);
      if (r.status !== 200) p.push(`broken download ${show(d.target)} ("${d.text}"): answers ${r.status}`);
      else if (r.type.startsWith('text/html') && !/\.html?$/.test(new URL(d.target).pathname)) p.push(`download ${show(d.target)} is served as HTML`);
      else if (r.bytes === 0) p.push(`download ${show(d.target)} is empty`);
    }
    if (rec.data && rec.status === 200 && !rec.data.resources.some((r) => /(^|\s)icon(\s|$)/i.test(r.rel ?? ''))) {
      // Without <link rel="icon"> every browser asks for /favicon.ico at the origin's root.
      const fav = await check(origin + '/favicon.ico');
      if (fav.status !== 200) p.push(`no <link rel="icon">, so browsers request /favicon.ico, which answers ${fav.status}`);
    }
    for (const r of rec.resources ?? []) {
      const res = await check(r.url.replace(/#.*$/, ''));
      if (res.status !== 200) p.push(`broken resource (${r.kind}) ${show(r.url)}: answers ${res.status}`);
    }
    if (rec.status === rec.expect || p.length) report.check(`page ${where}`, p);
  }

  // The same broken target on many pages is one defect: name it once with its count.
  const brokenTargets = new Map();
  for (const rec of records) {
    if (!rec.linkedFrom.size || (rec.status === 200 && !rec.redirect)) continue;
    brokenTargets.set(`${show(rec.url)} (${rec.redirect ? `redirects to ${rec.redirect}` : `answers ${rec.status}`})`, rec.linkedFrom.size);
  }
  for (const [t, n] of [...brokenTargets].sort((a, b) => b[1] - a[1]).slice(0, 30)) report.info(`broken target ${t}: linked from ${n} page(s)`);
  if (brokenTargets.size > 30) report.info(`… and ${brokenTargets.size - 30} more broken targets`);

  const ok = records.filter((r) => r.status === 200 && !r.redirect && r.expect === 200);
  // A link may name the file (…/index.html, as in relative offline builds): same page.
  const reached = new Set(ok.map((r) => relOf(r.url).replace(/(^|\/)index\.html$/, '$1')));
  const orphans = pages.filter((p) => p.type !== '404' && !reached.has(p.rel)).map((p) => `${server.base}${p.rel} (in dist/, linked from no page reachable from the home page)`);
  report.check('every page in dist/ is reachable from the home page', orphans);
  const third = records.flatMap((r) => r.problems.filter((x) => x.startsWith('third-party')));
  report.check('no third-party request across the crawl', third.length ? [`${third.length} third-party requests (listed on their pages above)`] : []);

  ctx.crawled = ok.map((r) => r.url);
  report.info(
    `${ok.length} pages crawled (200), ${records.length - ok.length} other URLs, ${downloads} download links, ${fetched.size} distinct files fetched, ${anchors} anchors, ${ctx.external.size} external links (not requested); ${crawlSeconds} s in the browser, ${((Date.now() - started) / 1000).toFixed(1)} s in all`,
  );
}
