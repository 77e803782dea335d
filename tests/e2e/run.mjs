// Browser suite: serves dist/ on loopback and runs the gates in a real Chromium.
//   npm run test:browser                 all modules
//   npm run test:browser -- crawl a11y   only these (server, crawl, a11y, nojs, mobile, journeys, search)
// Env: CHROME_PATH (default /usr/bin/chromium), SITE_BASE (base the site was built for),
// DIST_DIR (default dist/), VERBOSE=1 (print passing checks too).
import { startServer } from '../support/server.mjs';
import { createReport } from '../support/report.mjs';
import { BASE, DIST, coverageProblems, discoverPages, byType } from '../support/site.mjs';
import * as serverCheck from './server-check.mjs';
import * as crawl from './crawl.mjs';
import * as a11y from './a11y.mjs';
import * as nojs from './nojs.mjs';
import * as mobile from './mobile.mjs';
import * as journeys from './journeys.mjs';
import * as search from './search.mjs';

const MODULES = [serverCheck, crawl, a11y, nojs, mobile, journeys, search];

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((w) => !MODULES.some((m) => m.name === w));
const report = createReport();

if (unknown.length) {
  report.section('setup');
  report.fail('arguments', `unknown module(s): ${unknown.join(', ')}; known: ${MODULES.map((m) => m.name).join(', ')}`);
  process.exit(report.finish());
}

let pages = [];
report.section('site');
try {
  pages = discoverPages();
  const counts = [...byType(pages)].map(([t, l]) => `${t} ${l.length}`).join(', ');
  report.info(`${pages.length} HTML files in ${DIST} (base ${BASE}): ${counts || 'none'}`);
  report.check('dist/ has every page type', coverageProblems(pages));
} catch (e) {
  report.fail('dist/', e.message);
  process.exit(report.finish());
}

const server = await startServer({ root: DIST, base: BASE });
report.info(`serving at ${server.url()}`);
const ctx = { server, pages, report, external: new Set() };
try {
  for (const m of MODULES) {
    if (wanted.length && !wanted.includes(m.name)) continue;
    report.section(m.name);
    const t0 = Date.now();
    await report.attempt(`${m.name} module`, () => m.run(ctx));
    report.info(`(${m.name}: ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
} finally {
  await server.close();
}
process.exit(report.finish());
