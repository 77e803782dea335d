// html-validate (recommended rules, config in tests/html/htmlvalidate.json) on every HTML page of
// dist/ — the whole site, not a sample. Pages are split across one worker thread per core.
//   npm run test:html            Env: DIST_DIR (default dist/), SITE_BASE.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { HtmlValidate, StaticConfigLoader } from 'html-validate';

const here = path.dirname(fileURLToPath(import.meta.url));
const CONFIG = path.join(here, 'htmlvalidate.json');

/** Validate files; one result per file: error lines (severity 2) and the warning count. */
async function validateFiles(files, distDir) {
  const config = JSON.parse(fs.readFileSync(CONFIG, 'utf8'));
  const validator = new HtmlValidate(new StaticConfigLoader(config));
  const out = [];
  for (const file of files) {
    const name = path.join(path.basename(distDir), path.relative(distDir, file));
    const result = await validator.validateString(fs.readFileSync(file, 'utf8'), name);
    const errors = [];
    let warnings = 0;
    for (const r of result.results) {
      for (const m of r.messages) {
        if (m.severity !== 2) warnings++;
        else errors.push(`${name}:${m.line}:${m.column} ${m.ruleId}: ${m.message}${m.selector ? ` (at ${m.selector})` : ''}`);
      }
    }
    out.push({ file, errors, warnings });
  }
  return out;
}

if (!isMainThread) {
  parentPort.postMessage(await validateFiles(workerData.files, workerData.dist));
} else {
  const { createReport } = await import('../support/report.mjs');
  const { BASE, DIST, byType, coverageProblems, discoverPages } = await import('../support/site.mjs');
  const report = createReport();
  report.section('html-validate');
  let pages = [];
  try {
    pages = discoverPages();
  } catch (e) {
    report.fail('dist/', e.message);
    process.exit(report.finish());
  }
  report.check('dist/ has every page type', coverageProblems(pages));

  const started = Date.now();
  // Deal pages biggest-first onto the lightest lane, so the lanes take about the same time.
  const lanes = Math.max(1, Math.min(os.availableParallelism?.() ?? os.cpus().length, 4, pages.length));
  const chunks = Array.from({ length: lanes }, () => ({ files: [], bytes: 0 }));
  for (const p of [...pages].map((p) => ({ p, size: fs.statSync(p.file).size })).sort((a, b) => b.size - a.size)) {
    const lane = chunks.reduce((a, b) => (b.bytes < a.bytes ? b : a));
    lane.files.push(p.p.file);
    lane.bytes += p.size;
  }
  const results = (
    await Promise.all(
      chunks.map(
        (c) =>
          new Promise((resolve, reject) => {
            const w = new Worker(fileURLToPath(import.meta.url), { workerData: { files: c.files, dist: DIST } });
            w.once('message', resolve);
            w.once('error', reject);
            w.once('exit', (code) => code !== 0 && reject(new Error(`html-validate worker exited ${code}`)));
          }),
      ),
    )
  ).flat();
  const byFile = new Map(results.map((r) => [r.file, r]));

  let errors = 0;
  let warnings = 0;
  let clean = 0;
  const rules = new Map();
  for (const p of pages) {
    const r = byFile.get(p.file);
    const label = p.type === '404' ? '404.html' : `${BASE}${p.rel}`;
    if (!r) {
      report.fail(label, 'not validated (worker lost it)');
      continue;
    }
    errors += r.errors.length;
    warnings += r.warnings;
    for (const e of r.errors) {
      const rule = e.split(' ')[1].replace(/:$/, '');
      rules.set(rule, (rules.get(rule) ?? 0) + 1);
    }
    if (r.errors.length) report.fail(label, r.errors);
    else {
      clean++;
      report.pass(label);
    }
  }
  const counts = [...byType(pages)].map(([t, l]) => `${t} ${l.length}`).join(', ');
  report.info(`${pages.length} pages validated (${counts}) in ${((Date.now() - started) / 1000).toFixed(1)} s on ${lanes} threads: ${clean} clean, ${errors} errors, ${warnings} warnings`);
  if (rules.size) report.info(`errors by rule: ${[...rules].sort((a, b) => b[1] - a[1]).map(([r, n]) => `${r} ${n}`).join(', ')}`);
  process.exit(report.finish());
}
