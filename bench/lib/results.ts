/**
 * The shape of bench/results.json, the budgets of the project issue and how RESULTS.md reads.
 * Pure: results in, budget lines and Markdown out (tested in tests/unit/bench-results.test.ts).
 */
import type { RouteCost, AstroPhases } from './astro-log.ts';
import type { ColdLoad, SearchRun } from './browser.ts';
import type { HotSpot } from './profile.ts';
import type { DistSize, TypeWeight } from './pages.ts';
import type { Summary } from './stats.ts';
import { formatBytes, formatMs, formatNumber } from './stats.ts';

export interface StageResult {
  name: string;
  command: string;
  wallMs: number;
  peakRssBytes: number | null;
  peakProcessHwmBytes: number | null;
  peakProcessName: string | null;
  exitCode: number | null;
  timedOut: boolean;
  loadBefore: number[];
  loadAfter: number[];
  startedAt: number;
  /** [ms since the stage started, peak RSS of its process tree in that step]. */
  timeline: [number, number][];
}

export interface BuildResult {
  /** "real", "x10", "x100" */
  label: string;
  factor: number;
  records: { projects: number; entities: number; comuni: number };
  ok: boolean;
  error: string | null;
  stages: StageResult[];
  /** Sum of the stages' wall times. */
  wallMs: number;
  /** Wall time of the site stages (astro build + pagefind), the part that scales with pages. */
  siteMs: number;
  /** Largest peak of any stage (stages run one after another). */
  peakRssBytes: number | null;
  htmlPages: number | null;
  astro: { phases: AstroPhases; routes: RouteCost[] } | null;
  /** Peak RSS of `astro build` up to the end of bundling (before any page is rendered) and after it. */
  astroMemory: { bundledAtMs: number; untilBundledBytes: number; afterBundledBytes: number | null } | null;
  dist: DistSize | null;
  pagefind: { files: number; bytes: number; pagesIndexed: number | null } | null;
  /** HTML pages per second of end-to-end wall time. */
  pagesPerSec: number | null;
  pageWeight: TypeWeight[] | null;
  coldLoads: (ColdLoad & { type: string })[] | null;
  search: SearchRun[] | null;
  logFile: string | null;
  /** Load average when the browser measurements started (they are the most load-sensitive). */
  browserLoad: number[] | null;
  /** Why the browser measurements (cold loads, search) are missing, e.g. no Chromium. */
  browserError: string | null;
  /** When the build stopped before the end: how far it got. */
  partial: { htmlPages: number; lastRoute: string | null } | null;
}

export interface NormaliseResult {
  runs: number;
  warmup: number;
  /** In-process normalizeSeed, ms. */
  inProcess: Summary;
  /** Importing the pipeline's modules (first time, in-process), ms. */
  importMs: number;
  /** `tsx scripts/normalize.ts --quiet --out <tmp>` end to end (process start-up + normalise + write), ms. */
  cli: Summary;
  /** `node --import tsx -e ""`: the start-up of a tsx process alone, ms. */
  tsxStartup: Summary;
  load: { before: number[]; after: number[] };
  profile: { totalMs: number; spots: HotSpot[] } | null;
}

export interface ScalingStep {
  from: string;
  to: string;
  pagesRatio: number;
  /** (site time ratio) / (pages ratio): 1 = linear, < 1 = fixed costs amortised, > 1 = superlinear. */
  timeRatioPerPage: number | null;
  rssRatioPerPage: number | null;
  /** Extra site-build ms per extra page between the two sizes. */
  marginalMsPerPage: number | null;
  /** Extra peak RSS per extra page between the two sizes, bytes. */
  marginalRssPerPage: number | null;
}

export interface BudgetLine {
  id: string;
  budget: string;
  measured: string;
  pass: boolean | null;
  note: string;
}

export interface Results {
  schema: 1;
  /** Measurement date (the one place the wall clock is recorded: this is a measurement record). */
  date: string;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryBytes: number;
    os: string;
    node: string;
    npm: string | null;
    astro: string | null;
    pagefind: string | null;
    chromium: string | null;
  };
  options: Record<string, unknown>;
  load: { start: number[]; end: number[]; waited: { ms: number; reached: boolean; threshold: number | null } };
  normalise: NormaliseResult | null;
  builds: BuildResult[];
  scaling: ScalingStep[];
  budgets: BudgetLine[];
  notes: string[];
}

export const KB = 1024;
export const MB = 1024 ** 2;
export const GB = 1024 ** 3;

/** The budgets of the project issue. */
export const BUDGETS = {
  normaliseMs: 100,
  buildMs: 30_000,
  x100BuildMs: 10 * 60_000,
  x100RssBytes: 4 * GB,
  /** Marginal site-build cost per page from ×10 to ×100 at most this multiple of the one from ×1 to ×10. */
  linearTolerance: 1.5,
  pageGzipBytes: 25 * KB,
  searchMs: 500,
  searchBytes: 300 * KB,
} as const;

/** Page types that are not "content pages" for the page-weight budget. */
const NOT_CONTENT = new Set(['cerca', '404']);

/** Ratios of cost to pages between consecutive sizes. */
export function scalingSteps(builds: BuildResult[]): ScalingStep[] {
  const ok = builds.filter((b) => b.ok && b.htmlPages).sort((a, b) => a.factor - b.factor);
  const out: ScalingStep[] = [];
  for (let i = 1; i < ok.length; i++) {
    const a = ok[i - 1];
    const b = ok[i];
    const pa = a.htmlPages!;
    const pb = b.htmlPages!;
    const pr = pb / pa;
    const rr = a.peakRssBytes && b.peakRssBytes ? b.peakRssBytes / a.peakRssBytes / pr : null;
    out.push({
      from: a.label,
      to: b.label,
      pagesRatio: round2(pr),
      timeRatioPerPage: round2(b.siteMs / a.siteMs / pr),
      rssRatioPerPage: rr === null ? null : round2(rr),
      marginalMsPerPage: pb > pa ? round2((b.siteMs - a.siteMs) / (pb - pa)) : null,
      marginalRssPerPage: pb > pa && a.peakRssBytes && b.peakRssBytes ? Math.round((b.peakRssBytes - a.peakRssBytes) / (pb - pa)) : null,
    });
  }
  return out;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function contentMedians(b: BuildResult): { type: string; median: number }[] {
  return (b.pageWeight ?? []).filter((t) => !NOT_CONTENT.has(t.type)).map((t) => ({ type: t.type, median: t.gzipWithCss.median }));
}

/** One line per budget, pass/fail with what was measured and, when it fails, what limits it. */
export function budgetLines(r: Pick<Results, 'normalise' | 'builds' | 'scaling'>): BudgetLine[] {
  const lines: BudgetLine[] = [];
  const real = r.builds.find((b) => b.factor === 1);
  const x100 = r.builds.find((b) => b.factor === 100);
  const n = r.normalise;
  lines.push({
    id: 'normalise',
    budget: `normalise ≤ ${BUDGETS.normaliseMs} ms (in-process median)`,
    measured: n ? `${formatMs(n.inProcess.median)} (min ${formatMs(n.inProcess.min)}, max ${formatMs(n.inProcess.max)})` : 'not measured',
    pass: n ? n.inProcess.median <= BUDGETS.normaliseMs : null,
    note: '',
  });
  lines.push({
    id: 'build',
    budget: `full build ≤ ${BUDGETS.buildMs / 1000} s on 2 cores`,
    measured: real?.ok ? `${formatMs(real.wallMs)} (${real.stages.map((s) => `${s.name} ${formatMs(s.wallMs)}`).join(', ')})` : real ? `failed: ${real.error}` : 'not measured',
    pass: real ? real.ok && real.wallMs <= BUDGETS.buildMs : null,
    note: '',
  });
  lines.push({
    id: 'x100-time',
    budget: `×100 build ≤ ${BUDGETS.x100BuildMs / 60_000} min`,
    measured: x100 ? (x100.ok ? formatMs(x100.wallMs) : `failed: ${x100.error}`) : 'not measured',
    pass: x100 ? x100.ok && x100.wallMs <= BUDGETS.x100BuildMs : null,
    note: '',
  });
  lines.push({
    id: 'x100-rss',
    budget: `×100 build peak RSS ≤ ${formatBytes(BUDGETS.x100RssBytes)}`,
    measured: x100 ? formatBytes(x100.peakRssBytes) + (x100.ok ? '' : ' (build did not complete)') : 'not measured',
    pass: x100 ? x100.ok && x100.peakRssBytes !== null && x100.peakRssBytes <= BUDGETS.x100RssBytes : null,
    note: '',
  });
  const steps = r.scaling;
  const first = steps.find((s) => s.to !== 'x100');
  const last = steps.find((s) => s.to === 'x100');
  const linear = first?.marginalMsPerPage && last?.marginalMsPerPage ? last.marginalMsPerPage / first.marginalMsPerPage : null;
  // A ×100 build that did not complete did not grow linearly either: that is a failure, not a gap.
  const x100Failed = !!x100 && !x100.ok;
  lines.push({
    id: 'x100-linear',
    budget: `roughly linear growth (marginal cost per page ×10→×100 ≤ ${BUDGETS.linearTolerance}× that of ×1→×10)`,
    measured:
      linear !== null
        ? `${formatNumber(first!.marginalMsPerPage, 2)} → ${formatNumber(last!.marginalMsPerPage, 2)} ms/page (×${formatNumber(linear, 2)})`
        : x100Failed
          ? `×100 did not complete${first?.marginalMsPerPage ? ` (real → ×10: ${formatNumber(first.marginalMsPerPage, 2)} ms and ${formatBytes(first.marginalRssPerPage)} per extra page)` : ''}`
          : 'not measurable (needs a completed ×100 build and a smaller one)',
    pass: linear !== null ? linear <= BUDGETS.linearTolerance : x100Failed ? false : null,
    note: '',
  });
  // At scale: the largest synthetic edition that was built (×100 when it completes).
  const scaled = r.builds.filter((b) => b.factor > 1 && b.ok).sort((a, b) => b.factor - a.factor)[0];
  const pairs = [
    [real, 'real edition'],
    [scaled, `${scaled?.label ?? ''} edition`],
  ] as const;
  for (const [b, label] of pairs) {
    if (!b?.pageWeight) continue;
    const meds = contentMedians(b);
    const over = meds.filter((m) => m.median > BUDGETS.pageGzipBytes);
    const worst = [...meds].sort((a, c) => c.median - a.median)[0];
    lines.push({
      id: b.factor === 1 ? 'page-weight' : 'page-weight-scale',
      budget: `median content page ≤ ${formatBytes(BUDGETS.pageGzipBytes)} gzip incl. CSS, per page type (${label})`,
      measured: over.length
        ? `over: ${over.map((m) => `${m.type} ${formatBytes(m.median)}`).join(', ')}`
        : `heaviest type: ${worst?.type ?? '—'} ${formatBytes(worst?.median)}`,
      pass: meds.length ? over.length === 0 : null,
      note: '',
    });
  }
  if (real?.pageWeight) {
    const js = real.pageWeight.filter((t) => t.type !== 'cerca' && t.js.max > 0);
    const browserJs = (real.coldLoads ?? []).filter((c) => c.type !== 'cerca' && c.scriptRequests > 0);
    lines.push({
      id: 'no-js',
      budget: '0 JS on content pages (every page but /cerca/)',
      measured:
        js.length || browserJs.length
          ? `JS on: ${[...js.map((t) => `${t.type} (max ${formatBytes(t.js.max)})`), ...browserJs.map((c) => `${c.type}: ${c.scriptRequests} script requests`)].join(', ')}`
          : `0 bytes on ${formatNumber(real.pageWeight.filter((t) => t.type !== 'cerca').reduce((s, t) => s + t.count, 0))} pages; 0 script requests in the cold loads`,
      pass: js.length === 0 && browserJs.length === 0,
      note: '',
    });
  }
  for (const [b, label] of pairs) {
    if (!b?.search?.length) continue;
    const times = b.search.map((s) => s.firstResultMs);
    const missing = b.search.filter((s) => s.firstResultMs === null);
    const maxMs = Math.max(...times.map((t) => t ?? Infinity));
    const maxBytes = Math.max(...b.search.map((s) => s.bytes));
    const suffix = b.factor === 1 ? '' : '-scale';
    lines.push({
      id: `search-time${suffix}`,
      budget: `first search results ≤ ${BUDGETS.searchMs} ms on a cold load (${label})`,
      measured: missing.length
        ? `no results for ${missing.map((s) => `«${s.query}»`).join(', ')}`
        : `max ${formatMs(maxMs)} (${b.search.map((s) => `«${s.query}» ${formatMs(s.firstResultMs)}`).join(', ')})`,
      pass: missing.length === 0 && maxMs <= BUDGETS.searchMs,
      note: '',
    });
    lines.push({
      id: `search-bytes${suffix}`,
      budget: `cold search ≤ ${formatBytes(BUDGETS.searchBytes)} transferred (page + Pagefind) (${label})`,
      measured: `max ${formatBytes(maxBytes)} (${b.search.map((s) => `«${s.query}» ${formatBytes(s.bytes)}`).join(', ')})`,
      pass: maxBytes <= BUDGETS.searchBytes,
      note: '',
    });
  }
  return lines;
}

const pf = (p: boolean | null) => (p === null ? '—' : p ? '✅ pass' : '❌ fail');
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const loads = (l: number[]) => l.map((x) => x.toFixed(2)).join(' / ');

/** RESULTS.md: budgets first, then each measurement with what is needed to read it. */
export function renderMarkdown(r: Results): string {
  const out: string[] = [];
  const m = r.machine;
  out.push('# Benchmark: what the build and the pages cost');
  out.push('');
  out.push('Written by `npm run bench` (bench/run.ts); every number is in `bench/results.json`. It measures and reports: no test or CI gate depends on these timings.');
  out.push('');
  out.push(`- **Measured on:** ${r.date}`);
  out.push(`- **Machine:** ${m.cpus} cores (${m.cpuModel}), ${formatBytes(m.memoryBytes)} RAM, ${m.os}`);
  out.push(`- **Versions:** Node ${m.node}, npm ${m.npm ?? '—'}, Astro ${m.astro ?? '—'}, Pagefind ${m.pagefind ?? '—'}, ${m.chromium ?? 'Chromium —'}`);
  const lw = r.load.waited;
  out.push(
    `- **Load average (1/5/15 min):** ${loads(r.load.start)} at the start, ${loads(r.load.end)} at the end` +
      (lw.threshold !== null ? `; waited ${formatMs(lw.ms)} in all for the 1-min load to drop below ${lw.threshold}${lw.reached ? '' : ' (not always reached: some phases ran on a busy machine)'}` : '') +
      '. Each phase records its own load before and after: the machine is shared and timings are noisy.',
  );
  out.push('');
  out.push('## Budgets');
  out.push('');
  out.push('| budget | measured | result |');
  out.push('|---|---|---|');
  for (const b of r.budgets) out.push(`| ${cell(b.budget)} | ${cell(b.measured)} | ${pf(b.pass)} |`);
  out.push('');
  if (r.notes.length) {
    out.push('## What limits the failing budgets, and the fix');
    out.push('');
    for (const n of r.notes) out.push(`- ${n}`);
    out.push('');
  }

  const n = r.normalise;
  if (n) {
    out.push('## 1. Normaliser on the real seed');
    out.push('');
    out.push(`\`normalizeSeed\` in-process, ${n.runs} runs after ${n.warmup} warm-up runs (1-min load ${n.load.before[0]} → ${n.load.after[0]}):`);
    out.push('');
    out.push('| what | median | min | max |');
    out.push('|---|---|---|---|');
    out.push(`| normalizeSeed (in-process) | ${formatMs(n.inProcess.median)} | ${formatMs(n.inProcess.min)} | ${formatMs(n.inProcess.max)} |`);
    out.push(`| \`tsx scripts/normalize.ts\` (whole process, ${n.cli.n} runs) | ${formatMs(n.cli.median)} | ${formatMs(n.cli.min)} | ${formatMs(n.cli.max)} |`);
    out.push(`| start-up of a tsx process alone (${n.tsxStartup.n} runs) | ${formatMs(n.tsxStartup.median)} | ${formatMs(n.tsxStartup.min)} | ${formatMs(n.tsxStartup.max)} |`);
    out.push('');
    out.push(`Importing the pipeline's modules (first time, in-process): ${formatMs(n.importMs)}.`);
    if (n.profile) {
      out.push('');
      out.push(
        `CPU profile (V8 sampling profiler, positions mapped back to the TypeScript sources; ${formatMs(n.profile.totalMs)} sampled per run): functions by self time.`,
      );
      out.push('');
      out.push('| function | file:line | ms per run | % |');
      out.push('|---|---|---|---|');
      for (const s of n.profile.spots) out.push(`| \`${cell(s.fn)}\` | \`${cell(s.where)}\` | ${formatNumber(s.selfMs, 1)} | ${formatNumber(s.pct, 1)} |`);
    }
    out.push('');
  }

  const real = r.builds.find((b) => b.factor === 1);
  if (real) {
    out.push('## 2. Full build on the real seed');
    out.push('');
    out.push('The stages of the `build` script of package.json, one after another, in a scratch copy of the project.');
    out.push('');
    out.push(buildSummary(real));
    out.push('');
    out.push(stageTable(real));
    out.push('');
    if (real.dist) {
      out.push(`dist/: ${formatNumber(real.dist.files)} files, ${formatBytes(real.dist.bytes)} (gzip ${formatBytes(real.dist.gzipBytes)}: each text file gzipped at level 6); ${formatNumber(real.htmlPages)} HTML pages.`);
      out.push('');
      out.push(dirTable(real.dist));
      out.push('');
    }
    out.push(routeTable(real));
    out.push('');
  }

  const scaled = r.builds.filter((b) => b.factor !== 1);
  if (scaled.length) {
    out.push('## 3. Scale: synthetic editions');
    out.push('');
    out.push(
      'Made by `bench/generate.ts` (deterministic, seeded PRNG): the real projects and entities multiplied, new CUPs in the right format, plausible names over the Lombard comuni of the gazetteer, amounts varied around the originals; validated with the zod schemas and the cross-references before building. The build starts from the normalised JSON: `generate` takes the place of `normalise`.',
    );
    out.push('');
    out.push('| edition | projects | entities | comuni | HTML pages | files in dist | end to end | astro + pagefind | peak RSS | pages/s | Pagefind index | result |');
    out.push('|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (const b of r.builds) {
      out.push(
        `| ${b.label} | ${formatNumber(b.records.projects)} | ${formatNumber(b.records.entities)} | ${formatNumber(b.records.comuni)} | ${b.htmlPages !== null ? formatNumber(b.htmlPages) : b.partial ? `${formatNumber(b.partial.htmlPages)} (when stopped)` : '—'} | ${formatNumber(b.dist?.files)} | ${formatMs(b.wallMs)} | ${formatMs(b.siteMs)} | ${formatBytes(b.peakRssBytes)} | ${formatNumber(b.pagesPerSec, 1)} | ${b.pagefind ? `${formatBytes(b.pagefind.bytes)} (${formatNumber(b.pagefind.files)} files)` : '—'} | ${b.ok ? 'ok' : `❌ ${cell(b.error ?? '')}`} |`,
      );
    }
    out.push('');
    if (r.scaling.length) {
      out.push('Cost against pages between sizes (time = astro build + pagefind). Ratio per page: 1 = linear, < 1 = fixed costs amortised, > 1 = superlinear.');
      out.push('');
      out.push('| from → to | pages × | time ratio per page | RSS ratio per page | marginal ms per page | marginal RSS per page |');
      out.push('|---|---|---|---|---|---|');
      for (const s of r.scaling)
        out.push(
          `| ${s.from} → ${s.to} | ${formatNumber(s.pagesRatio, 1)} | ${formatNumber(s.timeRatioPerPage, 2)} | ${formatNumber(s.rssRatioPerPage, 2)} | ${formatNumber(s.marginalMsPerPage, 2)} | ${formatBytes(s.marginalRssPerPage)} |`,
        );
      out.push('');
    }
    for (const b of scaled) {
      out.push(`### ${b.label}`);
      out.push('');
      out.push(buildSummary(b));
      out.push('');
      out.push(stageTable(b));
      out.push('');
      if (b.dist) {
        out.push(dirTable(b.dist));
        out.push('');
      }
      out.push(routeTable(b));
      out.push('');
    }
  }

  const weighed = r.builds.filter((b) => b.pageWeight);
  if (weighed.length) {
    out.push('## 4. Page weight by page type');
    out.push('');
    out.push(
      'From every HTML file of dist/ (no sampling). gzip at level 6, as static hosts send it. "gzip + CSS" = the HTML gzipped plus each linked stylesheet gzipped (stylesheets under Astro\'s threshold are already inline). JS = executable scripts (inline, external, on… attributes); JSON-LD is data, not script. Requests: a cold load in Chromium (empty profile) of the type\'s median page, until the network is quiet.',
    );
    out.push('');
    for (const b of weighed) {
      out.push(`### ${b.label}`);
      out.push('');
      out.push('| page type | pages | HTML median | HTML max | gzip median | gzip max | gzip + CSS median | gzip + CSS max | CSS median | JS max | cold-load requests (bytes) | heaviest page |');
      out.push('|---|---|---|---|---|---|---|---|---|---|---|---|');
      for (const t of b.pageWeight!) {
        const cl = b.coldLoads?.find((c) => c.type === t.type);
        out.push(
          `| ${cell(t.label)} | ${formatNumber(t.count)} | ${formatBytes(t.html.median)} | ${formatBytes(t.html.max)} | ${formatBytes(t.gzip.median)} | ${formatBytes(t.gzip.max)} | ${formatBytes(t.gzipWithCss.median)} | ${formatBytes(t.gzipWithCss.max)} | ${formatBytes(t.css.median)} | ${formatBytes(t.js.max)} | ${cl ? `${cl.requests} (${formatBytes(cl.bytes)})` : '—'} | \`/${t.heaviest}\` |`,
        );
      }
      out.push('');
    }
  }

  const searched = r.builds.filter((b) => b.search?.length);
  if (searched.length) {
    out.push('## 5. Search');
    out.push('');
    out.push(
      'A cold load of `/cerca/?q=…` (what the header search form submits) in Chromium with an empty profile, from a local server that gzips like a static host, without network throttling: time from the start of navigation to the first result link in the DOM; bytes on the wire (compressed bodies + headers) until the network is quiet. Queries are taken from the built pages: a town, the entity with most projects, a CUP.',
    );
    out.push('');
    out.push('| edition | query | first results | bytes up to first results | bytes in all | requests | of which Pagefind | results | critical path: HTML → Pagefind script → wasm → index | 1-min load |');
    out.push('|---|---|---|---|---|---|---|---|---|---|');
    for (const b of searched) {
      for (const s of b.search!) {
        const m = s.milestones;
        out.push(
          `| ${b.label} | «${cell(s.query)}» | ${formatMs(s.firstResultMs)} | ${formatBytes(s.bytesAtFirstResult)} | ${formatBytes(s.bytes)} | ${s.requests} | ${pagefindRequests(s)} | ${s.results} | ${m ? [m.documentMs, m.uiScriptMs, m.wasmMs, m.indexMs].map((x) => formatMs(x)).join(' → ') : '—'} | ${b.browserLoad?.[0] ?? '—'} |`,
        );
      }
    }
    out.push('');
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n') + '\n';
}

function pagefindRequests(s: SearchRun): string {
  // On /cerca/ everything but the document and its stylesheets is Pagefind's (script, wasm, index, fragments).
  const t = s.byType;
  const kinds = ['fetch', 'script', 'xhr', 'other'];
  const n = kinds.reduce((x, k) => x + (t[k]?.requests ?? 0), 0);
  const b = kinds.reduce((x, k) => x + (t[k]?.bytes ?? 0), 0);
  return `${n} (${formatBytes(b)})`;
}

function buildSummary(b: BuildResult): string {
  const parts = [
    `**${b.ok ? 'completed' : 'did NOT complete'}**${b.error ? ` (${b.error})` : ''}`,
    `end to end ${formatMs(b.wallMs)}`,
    `peak RSS ${formatBytes(b.peakRssBytes)}`,
    `${formatNumber(b.htmlPages)} HTML pages`,
  ];
  if (b.astro?.phases.pagesBuilt) parts.push(`Astro: "${formatNumber(b.astro.phases.pagesBuilt)} page(s) built"`);
  if (b.pagefind) parts.push(`Pagefind index ${formatBytes(b.pagefind.bytes)} in ${formatNumber(b.pagefind.files)} files${b.pagefind.pagesIndexed ? ` (${formatNumber(b.pagefind.pagesIndexed)} pages indexed)` : ''}`);
  if (b.browserError) parts.push(`browser measurements missing: ${b.browserError}`);
  if (b.partial) parts.push(`when stopped: ${formatNumber(b.partial.htmlPages)} HTML pages written, last route \`${b.partial.lastRoute ?? '—'}\``);
  return parts.join('; ') + '.';
}

function stageTable(b: BuildResult): string {
  const rows = ['| stage | command | wall | peak RSS (process tree) | largest process | 1-min load before → after | result |', '|---|---|---|---|---|---|---|'];
  for (const s of b.stages)
    rows.push(
      `| ${s.name} | \`${cell(s.command)}\` | ${formatMs(s.wallMs)} | ${formatBytes(s.peakRssBytes)} | ${s.peakProcessName ?? '—'} ${formatBytes(s.peakProcessHwmBytes)} | ${s.loadBefore[0]} → ${s.loadAfter[0]} | ${s.timedOut ? 'stopped (timeout)' : s.exitCode === 0 ? 'ok' : `exit ${s.exitCode}`} |`,
    );
  const p = b.astro?.phases;
  if (p) {
    rows.push('');
    rows.push(
      `Astro's phases: types and content sync ${formatMs(p.typesMs)}, build info ${formatMs(p.collectMs)}, bundling the static entrypoints (Vite) ${formatMs(p.entrypointsMs)}, generating the routes ${formatMs(p.routesMs)}${p.downloads ? `, writing the per-page downloads ${formatMs(p.downloads.ms)} (${formatNumber(p.downloads.files)} files, ${formatBytes(p.downloads.bytes)}, for ${formatNumber(p.downloads.pages)} pages)` : ''}.` +
        (b.astroMemory
          ? ` Memory of \`astro build\`: ${formatBytes(b.astroMemory.untilBundledBytes)} by the end of bundling (${formatMs(b.astroMemory.bundledAtMs)} in, before any page is rendered), ${formatBytes(b.astroMemory.afterBundledBytes)} peak afterwards.`
          : ''),
    );
  }
  return rows.join('\n');
}

function dirTable(d: DistSize): string {
  const rows = ['| dist/ directory | files | bytes |', '|---|---|---|'];
  for (const [dir, v] of Object.entries(d.byDir).sort((a, b) => b[1].bytes - a[1].bytes).slice(0, 8)) rows.push(`| ${dir} | ${formatNumber(v.files)} | ${formatBytes(v.bytes)} |`);
  return rows.join('\n');
}

function routeTable(b: BuildResult): string {
  if (!b.astro?.routes.length) return '';
  const rows = [
    'Costliest routes (wall time from the timestamps of Astro\'s log, 1 s resolution, getStaticPaths included; "render" = sum of the per-file times Astro prints):',
    '',
    '| route | files | wall | ms per file | render |',
    '|---|---|---|---|---|',
  ];
  for (const r of [...b.astro.routes].sort((a, c) => (c.wallMs ?? c.ms) - (a.wallMs ?? a.ms) || c.ms - a.ms).slice(0, 8))
    rows.push(
      `| \`${r.route}\` | ${formatNumber(r.files)} | ${r.wallMs === 0 ? '< 1 s' : formatMs(r.wallMs)} | ${r.wallMs ? formatNumber(r.files ? r.wallMs / r.files : null, 1) : '—'} | ${formatMs(r.ms)} |`,
    );
  return rows.join('\n');
}
