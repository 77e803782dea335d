/**
 * The benchmark's measuring and reporting helpers (bench/lib): statistics and formats, the page
 * weigher, the Astro log reader, the process-tree memory sampler, budget lines and RESULTS.md.
 * No timing is asserted anywhere: the benchmark measures and reports.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseAstroLog } from '../../bench/lib/astro-log.ts';
import { runMeasured } from '../../bench/lib/measure.ts';
import { distSize, otherType, weighPage } from '../../bench/lib/pages.ts';
import { budgetLines, renderMarkdown, scalingSteps, type BuildResult, type Results } from '../../bench/lib/results.ts';
import { formatBytes, formatMs, formatNumber, summarize } from '../../bench/lib/stats.ts';
import { notesFor, where } from '../../bench/notes.ts';

describe('stats', () => {
  test('summarize: median of odd and even lists, min, max', () => {
    expect(summarize([5, 1, 3])).toMatchObject({ n: 3, median: 3, min: 1, max: 5 });
    expect(summarize([4, 1, 3, 2])).toMatchObject({ median: 2.5, min: 1, max: 4, mean: 2.5 });
    expect(() => summarize([])).toThrow();
  });

  test('Italian formats', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(25 * 1024)).toBe('25,0 KB');
    expect(formatBytes(4 * 1024 ** 3)).toBe('4,00 GB');
    expect(formatBytes(null)).toBe('—');
    expect(formatMs(42.4)).toBe('42 ms');
    expect(formatMs(30_500)).toBe('30,5 s');
    expect(formatMs(605_000)).toBe('10 min 05 s');
    expect(formatNumber(31300)).toBe('31.300');
    expect(formatNumber(1234567.891, 2)).toBe('1.234.567,89');
  });
});

describe('weighPage', () => {
  let dist: string;
  beforeAll(() => {
    dist = mkdtempSync(join(tmpdir(), 'bench-dist-'));
    mkdirSync(join(dist, '_astro'));
    writeFileSync(join(dist, '_astro', 'site.css'), 'body{color:red}'.repeat(100));
    writeFileSync(join(dist, '_astro', 'app.js'), 'console.log(1)');
  });
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  test('counts inline and linked CSS, and no JS in a page without scripts; JSON-LD is not script', () => {
    const html = `<!doctype html><html><head><style>a{b:c}</style><link rel="stylesheet" href="/_astro/site.css"><script type="application/ld+json">{"@type":"Dataset"}</script></head><body><p>x</p></body></html>`;
    const w = weighPage(html, { dist, rel: 'cpi/x/', type: 'cpi' });
    expect(w.htmlBytes).toBe(Buffer.byteLength(html));
    expect(w.cssBytes).toBe('a{b:c}'.length + 1500);
    expect(w.gzipWithCssBytes).toBeGreaterThan(w.gzipBytes);
    expect(w.jsBytes).toBe(0);
    expect(w.scripts).toBe(0);
  });

  test('counts inline scripts, external scripts (relative links too) and inline handlers', () => {
    const html = `<html><body><script>let a=1</script><script type="module" src="../../_astro/app.js"></script><button onclick="go()">x</button></body></html>`;
    const w = weighPage(html, { dist, rel: 'cerca/x/', type: 'cerca' });
    expect(w.jsBytes).toBe('let a=1'.length + 'console.log(1)'.length + 'go()'.length);
    expect(w.scripts).toBe(3);
  });

  test('pages the quality gates call "other" are told apart: section indexes (they grow with the data) and datasets', () => {
    expect(otherType('progetti/')).toBe('indice-progetti');
    expect(otherType('dati/dataset/progetti/')).toBe('dataset');
    expect(otherType('x/y/z/')).toBe('other');
  });

  test('distSize sums files by top-level directory', () => {
    const d = distSize(dist, { gzip: true });
    expect(d.files).toBe(2);
    expect(d.byDir._astro.files).toBe(2);
    expect(d.gzipBytes).toBeLessThan(d.bytes);
  });
});

test('parseAstroLog reads phases, routes, files and times', () => {
  const log = [
    '10:00:00 [types] Generated 2.50s',
    '10:00:00 [build] Collecting build info...',
    '10:00:03 [build] ✓ Completed in 3.00s.',
    '10:00:03 [build] Building static entrypoints...',
    '10:00:13 [build] ✓ Completed in 10.10s.',
    '',
    '\x1b[42m generating static routes \x1b[49m',
    '10:00:13 ▶ src/pages/progetti/[cup].astro',
    '10:00:13   ├─ /progetti/a/index.html (+5ms) ',
    '10:00:14   └─ /progetti/b/index.html (+7ms) ',
    '10:00:15 λ src/pages/dati/[file].ts',
    '10:00:15   └─ /dati/x.csv (+0ms) ',
    '10:00:20 ✓ Completed in 7.00s.',
    '10:00:21 [pnrr:page-downloads] 12 download files (3456 bytes) for 4 pages in 789 ms',
    '10:00:21 [build] 3 page(s) built in 20.00s',
  ].join('\n');
  const { phases, routes } = parseAstroLog(log);
  expect(phases).toEqual({ typesMs: 2500, collectMs: 3000, entrypointsMs: 10100, routesMs: 7000, pagesBuilt: 3, totalMs: 20000, downloads: { files: 12, bytes: 3456, pages: 4, ms: 789 }, firstAt: 36_000, entrypointsDoneAt: 36_013 });
  expect(routes).toEqual([
    { route: 'src/pages/progetti/[cup].astro', files: 2, ms: 12, wallMs: 2000 },
    { route: 'src/pages/dati/[file].ts', files: 1, ms: 0, wallMs: 5000 },
  ]);
});

test.skipIf(!existsSync('/proc/self/status'))('runMeasured sees the memory of a grandchild process and its exit code', async () => {
  // sh → node: the peak must include the node process holding ~150 MB.
  const r = await runMeasured(`"${process.execPath}" -e "const b=Buffer.alloc(150*2**20,1); setTimeout(()=>process.exit(3), 600)"`, { cwd: tmpdir(), interval: 50 });
  expect(r.exitCode).toBe(3);
  expect(r.peakRssBytes!).toBeGreaterThan(140 * 2 ** 20);
  expect(r.peakProcessHwmBytes!).toBeGreaterThan(140 * 2 ** 20);
  expect(r.loadBefore).toHaveLength(3);
});

function build(label: string, factor: number, htmlPages: number, siteMs: number, rss: number, extra: Partial<BuildResult> = {}): BuildResult {
  return {
    label,
    factor,
    records: { projects: 313 * factor, entities: 91 * factor, comuni: 97 },
    ok: true,
    error: null,
    stages: [],
    wallMs: siteMs + 1000,
    siteMs,
    peakRssBytes: rss,
    htmlPages,
    astro: null,
    astroMemory: null,
    dist: null,
    pagefind: null,
    pagesPerSec: null,
    pageWeight: null,
    coldLoads: null,
    search: null,
    logFile: null,
    browserError: null,
    browserLoad: null,
    partial: null,
    ...extra,
  };
}

test('notes locate code by pattern, and say so when it is gone', () => {
  expect(where('bench/notes.ts', /^export function where/)).toMatch(/^bench\/notes\.ts:\d+$/);
  expect(where('bench/notes.ts', /no such line anywhere \d{9}/)).toBeNull();
  expect(where('src/missing.ts', /x/)).toBeNull();
});

describe('budgets and RESULTS.md', () => {
  const builds = [build('real', 1, 700, 20_000, 600 * 2 ** 20), build('x10', 10, 4_900, 140_000, 1_900 * 2 ** 20), build('x100', 100, 47_000, 1_600_000, 5 * 2 ** 30)];

  test('scalingSteps: ratios of cost to pages and marginal cost per page', () => {
    const [a, b] = scalingSteps(builds);
    expect(a).toMatchObject({ from: 'real', to: 'x10', pagesRatio: 7, timeRatioPerPage: 1 });
    expect(a.marginalMsPerPage).toBeCloseTo(120_000 / 4_200, 2);
    expect(b.marginalMsPerPage).toBeCloseTo(1_460_000 / 42_100, 2);
  });

  test('one line per budget with pass/fail; a failed build fails its lines', () => {
    const lines = budgetLines({ normalise: null, builds, scaling: scalingSteps(builds) });
    const by = Object.fromEntries(lines.map((l) => [l.id, l]));
    expect(by.normalise.pass).toBeNull();
    expect(by.build.pass).toBe(true);
    expect(by['x100-time'].pass).toBe(false);
    expect(by['x100-rss'].pass).toBe(false);
    expect(by['x100-linear'].pass).toBe(true);
    const failed = budgetLines({ normalise: null, builds: [builds[0], { ...builds[2], ok: false, error: 'astro: exit 134' }], scaling: [] });
    expect(failed.find((l) => l.id === 'x100-time')).toMatchObject({ pass: false, measured: 'failed: astro: exit 134' });
  });

  test('page weight, JS and search budgets come from the measured pages and searches', () => {
    const weight = (type: string, median: number, js = 0) => ({
      type,
      label: type,
      count: 1,
      html: { median, max: median },
      gzip: { median, max: median },
      css: { median: 0, max: 0 },
      gzipWithCss: { median, max: median },
      js: { median: js, max: js },
      heaviest: '',
      medianPage: '',
    });
    const search = (query: string, firstResultMs: number | null, bytes: number) => ({
      url: '',
      requests: 10,
      bytes,
      byType: {},
      scriptRequests: 3,
      loadMs: 100,
      failed: [],
      query,
      firstResultMs,
      bytesAtFirstResult: bytes,
      results: 1,
      milestones: null,
    });
    const real = build('real', 1, 700, 20_000, 1, {
      pageWeight: [weight('cpi', 30 * 1024), weight('cerca', 40 * 1024, 5000), weight('progetto', 5 * 1024)],
      coldLoads: [],
      search: [search('Milano', 300, 100 * 1024), search('X', null, 20 * 1024)],
    });
    const by = Object.fromEntries(budgetLines({ normalise: null, builds: [real], scaling: [] }).map((l) => [l.id, l]));
    expect(by['page-weight']).toMatchObject({ pass: false });
    expect(by['page-weight'].measured).toContain('cpi');
    expect(by['page-weight'].measured).not.toContain('cerca');
    expect(by['no-js'].pass).toBe(true);
    expect(by['search-time']).toMatchObject({ pass: false, measured: 'no results for «X»' });
    expect(by['search-bytes'].pass).toBe(true);
  });

  test('RESULTS.md carries date, machine, load and every budget line with its outcome', () => {
    const results: Results = {
      schema: 1,
      date: '2026-01-01T00:00:00.000Z',
      machine: { cpus: 2, cpuModel: 'cpu', memoryBytes: 24 * 2 ** 30, os: 'Linux', node: 'v20.20.2', npm: '11', astro: '5.18.2', pagefind: '1.6.0', chromium: null },
      options: {},
      load: { start: [0.5, 0.4, 0.3], end: [1, 1, 1], waited: { ms: 0, reached: true, threshold: 3 } },
      normalise: null,
      builds,
      scaling: scalingSteps(builds),
      budgets: [],
      notes: [],
    };
    results.budgets = budgetLines(results);
    results.notes = notesFor(results);
    const md = renderMarkdown(results);
    expect(md).toContain('2026-01-01T00:00:00.000Z');
    expect(md).toContain('Node v20.20.2');
    expect(md).toContain('0.50 / 0.40 / 0.30');
    for (const b of results.budgets) expect(md).toContain(b.budget.replace(/\|/g, '\\|'));
    expect(md).toContain('❌ fail');
    expect(md).toContain('✅ pass');
    // Every failed budget is explained: here the ×100 time and memory lines share one note.
    expect(results.budgets.filter((b) => b.pass === false).map((b) => b.id)).toEqual(['x100-time', 'x100-rss']);
    expect(results.notes).toHaveLength(1);
    expect(results.notes[0]).toMatch(/^\*\*×100 build\*\*/);
    expect(md).toContain('What limits the failing budgets');
  });
});
