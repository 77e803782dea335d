// Lighthouse 12.2.3, mobile preset (its default), on the home page, a measure, a CPI, a project
// and the search page, served from dist/ by the local server. Fails below 100 in Accessibility,
// Best Practices and SEO, and below 95 in Performance; prints the four scores of every page and,
// for a category below its threshold, the audits that cost points.
//   npm run audit:lighthouse     Env: CHROME_PATH, SITE_BASE, DIST_DIR, LH_RUNS (default 1),
//   LH_REPORT_DIR (keep every JSON report there).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { CHROME_FLAGS, chromePath, freshProfileDir } from '../support/browser.mjs';
import { createReport } from '../support/report.mjs';
import { startServer } from '../support/server.mjs';
import { BASE, DIST, byType, discoverPages } from '../support/site.mjs';

const require = createRequire(import.meta.url);
const LH_CLI = path.join(path.dirname(require.resolve('lighthouse/package.json')), 'cli', 'index.js');
const CATEGORIES = [
  { id: 'performance', label: 'Performance', min: 95 },
  { id: 'accessibility', label: 'Accessibility', min: 100 },
  { id: 'best-practices', label: 'Best Practices', min: 100 },
  { id: 'seo', label: 'SEO', min: 100 },
];
/** Page types audited, in order; the first page of each type in dist/ (sorted by URL). */
const TARGETS = [
  { type: 'home', label: 'home' },
  { type: 'misura', label: 'misura' },
  { type: 'cpi', label: 'CPI' },
  { type: 'progetto', label: 'progetto' },
  { type: 'cerca', label: 'ricerca' },
];

/** Run the Lighthouse CLI once; resolves to the parsed JSON report. */
function lighthouse(url) {
  const profile = freshProfileDir('pnrr-lighthouse-');
  const out = path.join(profile, 'report.json');
  const args = [
    LH_CLI,
    url,
    '--output=json',
    `--output-path=${out}`,
    `--only-categories=${CATEGORIES.map((c) => c.id).join(',')}`,
    `--chrome-flags=${[...CHROME_FLAGS, `--user-data-dir=${path.join(profile, 'chrome')}`].join(' ')}`,
    '--quiet',
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, CHROME_PATH: chromePath() }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', () => {});
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      try {
        if (code !== 0 || !fs.existsSync(out)) throw new Error(`lighthouse exited ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`);
        const json = fs.readFileSync(out, 'utf8');
        if (process.env.LH_REPORT_DIR) {
          // Keep the full reports (open them in the Lighthouse viewer) as CI artifacts.
          fs.mkdirSync(process.env.LH_REPORT_DIR, { recursive: true });
          const name = new URL(url).pathname.replace(/^\/|\/$/g, '').replace(/[^a-z0-9]+/gi, '_') || 'home';
          fs.writeFileSync(path.join(process.env.LH_REPORT_DIR, `${name}-${Date.now()}.json`), json);
        }
        resolve(JSON.parse(json));
      } catch (e) {
        reject(e);
      } finally {
        fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
      }
    });
  });
}

/** Audits of a category that did not score full marks (weighted ones first). */
function lostPoints(lhr, categoryId) {
  const cat = lhr.categories[categoryId];
  return cat.auditRefs
    .map((ref) => ({ ref, audit: lhr.audits[ref.id] }))
    .filter(({ ref, audit }) => audit && audit.score !== null && audit.score < 1 && (ref.weight > 0 || categoryId !== 'performance'))
    .filter(({ audit }) => audit.scoreDisplayMode === 'binary' || audit.scoreDisplayMode === 'numeric' || audit.scoreDisplayMode === 'metricSavings')
    .sort((a, b) => b.ref.weight - a.ref.weight)
    .map(({ ref, audit }) => {
      const items = (audit.details?.items ?? [])
        .slice(0, 3)
        .map((it) => it.node?.selector || it.url || it.source?.url || it.description || '')
        .filter(Boolean);
      return `${audit.id} (weight ${ref.weight}, score ${audit.score})${audit.displayValue ? ` ${audit.displayValue}` : ''}: ${audit.title}${items.length ? ` — ${items.join(' ; ')}` : ''}`;
    });
}

const report = createReport();
report.section('lighthouse');
let pages;
try {
  pages = discoverPages();
} catch (e) {
  report.fail('dist/', e.message);
  process.exit(report.finish());
}
const groups = byType(pages);
const server = await startServer({ root: DIST, base: BASE });
const runs = Math.max(1, Number(process.env.LH_RUNS) || 1);
const rows = [];
try {
  for (const t of TARGETS) {
    const page = groups.get(t.type)?.[0];
    if (!page) {
      report.fail(t.label, `no page of type ${t.type} in dist/ to audit`);
      continue;
    }
    const url = server.url(page.rel);
    const where = `${server.base}${page.rel}`;
    const t0 = Date.now();
    // Each category keeps its best score over the runs: LH_RUNS runs, plus up to two more while
    // Performance is under its threshold (it varies with the machine's load; the other three
    // categories do not).
    let best = null;
    let lhrs = [];
    const perfOf = (l) => Math.round((l.categories.performance?.score ?? 0) * 100);
    try {
      for (let i = 0; i < runs; i++) lhrs.push(await lighthouse(url));
      for (let extra = 0; extra < 2 && Math.max(...lhrs.map(perfOf)) < CATEGORIES[0].min; extra++) {
        report.info(`${t.label} ${where}: Performance ${Math.max(...lhrs.map(perfOf))}, running Lighthouse again`);
        lhrs.push(await lighthouse(url));
      }
    } catch (e) {
      report.fail(`${t.label} ${where}`, `Lighthouse did not run: ${e.message}`);
      continue;
    }
    best = Object.fromEntries(CATEGORIES.map((c) => [c.id, Math.max(...lhrs.map((l) => Math.round((l.categories[c.id]?.score ?? 0) * 100)))]));
    const lhr = lhrs.find((l) => perfOf(l) === best.performance) ?? lhrs[0];
    const problems = [];
    for (const err of [lhr.runtimeError].filter(Boolean)) problems.push(`runtime error: ${err.code} ${err.message}`);
    if (lhr.finalDisplayedUrl && !lhr.finalDisplayedUrl.startsWith(url)) problems.push(`ended on ${lhr.finalDisplayedUrl}`);
    for (const c of CATEGORIES) {
      if (best[c.id] < c.min) {
        problems.push(`${c.label} ${best[c.id]} < ${c.min}`);
        const worst = lhrs.find((l) => Math.round((l.categories[c.id]?.score ?? 0) * 100) === best[c.id]) ?? lhr;
        for (const lost of lostPoints(worst, c.id).slice(0, 8)) problems.push(`  ${c.label}: ${lost}`);
      }
    }
    const scores = CATEGORIES.map((c) => `${c.label} ${best[c.id]}`).join(', ');
    report.info(`${t.label.padEnd(9)} ${where}: ${scores} (${lhrs.length} run${lhrs.length > 1 ? 's' : ''}, ${((Date.now() - t0) / 1000).toFixed(0)} s)`);
    rows.push({ label: t.label, where, ...best });
    report.check(`${t.label} ${where}`, problems);
  }
} finally {
  await server.close();
}
if (rows.length) {
  console.log('\n  page       | Perf | A11y | BP  | SEO | URL');
  for (const r of rows) {
    console.log(`  ${r.label.padEnd(10)} | ${String(r.performance).padStart(4)} | ${String(r.accessibility).padStart(4)} | ${String(r['best-practices']).padStart(3)} | ${String(r.seo).padStart(3)} | ${r.where}`);
  }
}
process.exit(report.finish());
