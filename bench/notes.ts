/**
 * The "what limits it and what the fix would be" note of each failing budget. The reasoning was
 * written by reading the site's code against the measurements; the figures come from the run,
 * and every code location is looked up in the sources at run time (`file:line`), so a note
 * whose cause has been removed says so instead of pointing at code that is gone.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BuildResult, Results } from './lib/results.ts';
import { BUDGETS } from './lib/results.ts';
import { PAGE_SIZE } from '../src/lib/pagination.ts';
import { formatBytes, formatMs, formatNumber } from './lib/stats.ts';

const REPO = resolve(import.meta.dirname, '..');

/** `file:line` of the first line of `file` matching `re`, or null when the code is no longer there. */
export function where(file: string, re: RegExp): string | null {
  const path = join(REPO, file);
  if (!existsSync(path)) return null;
  const lines = readFileSync(path, 'utf8').split('\n');
  const i = lines.findIndex((l) => re.test(l));
  return i === -1 ? null : `${file}:${i + 1}`;
}

const at = (file: string, re: RegExp) => {
  const w = where(file, re);
  return w ? `\`${w}\`` : `\`${file}\` (pattern no longer found: this cause may be fixed)`;
};

/** The largest synthetic edition that was built (the one the "at scale" budget lines use). */
const largestScaled = (r: Results) => r.builds.filter((b) => b.factor > 1 && b.ok).sort((a, b) => b.factor - a.factor)[0];

const route = (b: BuildResult | undefined, pattern: RegExp) => b?.astro?.routes.find((r) => pattern.test(r.route));

/** Kinds of hot spot in the normaliser, each with what limits it and the fix; matched on the profile's function names and files. */
const HOT_KINDS: { test: (fn: string, where: string) => boolean; cause: string; fix: string }[] = [
  {
    test: (fn, w) => /territory\.ts/.test(w),
    cause: 'gazetteer lookups recomputed on every call (`provincesOf` rebuilds the provinces from the region’s comuni, `regionNames` the regions from all 7,904)',
    fix: 'memoise `provincesOf`/`regionNames` per region as `comuniOf` already is',
  },
  {
    test: (fn) => /^(plain|squash|cleanCell|placeKey|stripAccents|normalize)$/.test(fn),
    cause: 'the same text normalised again and again (NFD + regexes) by every matcher that looks at a line',
    fix: 'normalise each line once when the lines are built (`toLines`) and let the matchers read the stored forms',
  },
  {
    test: (fn) => /^(fixText|correctionsIn|phrasePatterns)$/.test(fn),
    cause: 'every entry of corrections.json tried as its own Unicode regex on every text',
    fix: 'test one alternation regex of all correction keys (or an index by first word) once per text',
  },
  {
    test: (fn) => /^(foreignRegions|regionPatterns|regionIn)$/.test(fn),
    cause: 'one regex per Italian region run on every heading',
    fix: 'one alternation regex of the region names, or a word lookup, per heading',
  },
  {
    test: (fn) => /^(parseItalianNumber|readValue|markerStatus|isFigure)$/.test(fn),
    cause: 'each cell parsed as a number several times (to test whether it is a figure, then to read it)',
    fix: 'read each cell once and keep the result on the cell',
  },
];

function normaliseNote(r: Results): string {
  const n = r.normalise!;
  const spots = n.profile?.spots ?? [];
  const own = spots.filter((s) => /^scripts\//.test(s.where)).slice(0, 8);
  const zod = spots.filter((s) => /zod/.test(s.where)).reduce((x, s) => x + s.selfMs, 0);
  const gc = spots.find((s) => /garbage/.test(s.fn))?.selfMs ?? 0;
  const kinds = HOT_KINDS.filter((k) => own.some((s) => k.test(s.fn, s.where)));
  return (
    `**normalise** — ${formatMs(n.inProcess.median)} per run in-process, ${formatNumber(n.inProcess.median / BUDGETS.normaliseMs, 1)}× the budget; ` +
    `this is the pipeline's own work, not process start-up (measured apart: a bare tsx process takes ${formatMs(n.tsxStartup.median)}, the whole CLI ${formatMs(n.cli.median)}). ` +
    (own.length ? `Hot spots by self time per run (table in section 1): ${own.map((s) => `\`${s.fn}\` ${s.where} (${formatNumber(s.selfMs, 1)} ms)`).join(', ')}; ` : '') +
    `zod validation ≈ ${formatNumber(zod, 1)} ms, garbage collection ≈ ${formatNumber(gc, 1)} ms per run. ` +
    (kinds.length ? `What limits it: ${kinds.map((k) => k.cause).join('; ')}. Fix (parser owners): ${kinds.map((k) => k.fix).join('; ')}. ` : 'No single hot spot: the time is spread over the parsers. ') +
    'Keep the zod validation (it is the contract). Process start-up is outside the budget: tsx alone costs more than 100 ms, so `npm run normalize` as a command cannot be under it.'
  );
}

/** Where an `astro build` spends its time, from its own log: sync, bundling, pages (top routes), per-page downloads. */
function astroBreakdown(b: BuildResult): string {
  const p = b.astro?.phases;
  if (!p) return '';
  const top = [...(b.astro?.routes ?? [])].sort((a, c) => (c.wallMs ?? 0) - (a.wallMs ?? 0) || c.ms - a.ms).slice(0, 3);
  return (
    `inside \`astro build\`: types and content sync ${formatMs(p.typesMs)}, build info ${formatMs(p.collectMs)}, Vite bundle ${formatMs(p.entrypointsMs)}, pages ${formatMs(p.routesMs)}` +
    (top.length ? ` (led by ${top.map((t) => `\`${t.route}\` ${formatNumber(t.files)} files in ${formatMs(t.wallMs)}`).join(', ')})` : '') +
    (p.downloads ? `, per-page downloads ${formatMs(p.downloads.ms)} (${formatNumber(p.downloads.files)} files)` : '')
  );
}

const stageList = (b: BuildResult) => b.stages.map((s) => `${s.name} ${formatMs(s.wallMs)} (${formatBytes(s.peakRssBytes)})`).join(', ');

function buildNote(r: Results): string {
  const b = r.builds.find((x) => x.factor === 1)!;
  if (!b.ok) return `**full build** — did not complete: ${b.error}. It is built from a snapshot of the working tree; re-run when the pages are not mid-edit.`;
  const load = Math.max(...b.stages.map((s) => s.loadBefore[0]));
  return (
    `**full build** — ${formatMs(b.wallMs)}: ${stageList(b)}; ${astroBreakdown(b)}. ` +
    (load >= 3 ? `The 1-min load was up to ${load} during the stages, so part of this is waiting for a core. ` : '') +
    'Astro renders the pages on one core; the stage that leads the list above is the one to shorten.'
  );
}

function x100Note(r: Results): string {
  const b = r.builds.find((x) => x.factor === 100)!;
  const peak = [...b.stages].sort((a, c) => (c.peakRssBytes ?? 0) - (a.peakRssBytes ?? 0))[0];
  const parts: string[] = [
    `**×100 build** — ${b.ok ? `${formatMs(b.wallMs)}, peak RSS ${formatBytes(b.peakRssBytes)}` : `did not complete (${b.error}); peak RSS ${formatBytes(b.peakRssBytes)}${b.partial ? `, ${formatNumber(b.partial.htmlPages)} HTML pages written, last route \`${b.partial.lastRoute}\`` : ''}`}. ` +
      `Stages: ${stageList(b)}; ${astroBreakdown(b)}.`,
  ];
  const slow = b.wallMs > BUDGETS.x100BuildMs;
  const heavy = (b.peakRssBytes ?? 0) > BUDGETS.x100RssBytes;
  if (heavy && peak?.name === 'pagefind')
    parts.push(
      'What limits the memory: Pagefind holds the whole index while it writes it, in proportion to the pages indexed and their words. Fix: index fewer pages (a project is reachable from its entity, comune and measure pages; a CUP could be looked up in a small sharded table instead of the full-text index) or fewer words (`exclude_selectors` in pagefind.yml).',
    );
  else if (heavy)
    parts.push(
      `What limits the memory: \`${peak?.name}\` — Astro keeps its content store (every record, validated) for the whole build, and the open-data catalogue reads the same records from content/data once more (${at('src/lib/opendata/load.ts', /export function loadInput/)}). Fix: let the catalogue take its records from the content layer, or write the open data in a separate process after the pages.`,
    );
  if (slow)
    parts.push(
      'What limits the time: the stages above add up page by page (the per-page cost stays flat as the data grows: see the linear-growth line), and Astro renders on one core. Fix: fewer pages per record (the three download formats and the page of each project are the largest share), or split the page rendering across cores.',
    );
  return parts.join(' ');
}

function linearNote(r: Results): string {
  const s = r.scaling;
  const grew = (() => {
    const [a, c] = [r.builds.find((x) => x.factor === 10), r.builds.find((x) => x.factor === 100)];
    if (!a?.astro || !c?.astro) return [];
    return c.astro.routes
      .map((rt) => {
        const before = a.astro!.routes.find((x) => x.route === rt.route);
        const per = (x: typeof rt) => (x.wallMs && x.files ? x.wallMs / x.files : null);
        const [p0, p1] = [before ? per(before) : null, per(rt)];
        return { route: rt.route, p0, p1 };
      })
      .filter((x) => x.p0 && x.p1 && x.p1 > 1.5 * x.p0 && x.p1 > 2)
      .map((x) => `\`${x.route}\` ${formatNumber(x.p0!, 1)} → ${formatNumber(x.p1!, 1)} ms per file`);
  })();
  return (
    `**linear growth** — marginal cost per page ${s.map((x) => `${x.from}→${x.to} ${formatNumber(x.marginalMsPerPage, 1)} ms and ${formatBytes(x.marginalRssPerPage)}`).join('; ')}${r.builds.some((b) => b.factor === 100 && !b.ok) ? '; ×100 did not complete' : ''}. ` +
    (grew.length ? `Routes whose cost per file grew with the data (×10 → ×100): ${grew.join(', ')}: a page of those routes does work proportional to a whole collection; index what it looks up once per build.` : 'No route’s cost per file grew by half or more between ×10 and ×100; the difference is fixed work (content sync, catalogue) growing with the records, and a busy machine.')
  );
}

function pageWeightNote(r: Results, id: string): string {
  const b = id === 'page-weight' ? r.builds.find((x) => x.factor === 1)! : largestScaled(r)!;
  const over = (b.pageWeight ?? []).filter((t) => !['cerca', '404'].includes(t.type) && t.gzipWithCss.median > BUDGETS.pageGzipBytes);
  const grows = (t: { type: string; count: number }) => t.count === 1 || t.type.startsWith('indice-') || ['misura', 'provincia', 'comune', 'ente'].includes(t.type);
  return (
    `**page weight (${b.label})** — over ${formatBytes(BUDGETS.pageGzipBytes)}: ${over.map((t) => `${t.label} (median ${formatBytes(t.gzipWithCss.median)}, max ${formatBytes(t.gzipWithCss.max)}, \`/${t.heaviest}\`)`).join(', ')}. ` +
    (over.some(grows)
      ? `Every list on these pages is already cut at ${formatNumber(PAGE_SIZE)} rows a page (src/lib/pagination.ts), so the weight is the rest of the page: charts with their data tables, per-row provenance and notes. Fix: lower PAGE_SIZE for the heaviest list, or move long tables behind links to the detail pages or to the downloads.`
      : 'Fix: move long repeated tables (per-row provenance, long lists) behind links to the detail pages or to the downloads.')
  );
}

function searchNote(r: Results, id: string): string {
  const b = id.endsWith('-scale') ? largestScaled(r)! : r.builds.find((x) => x.factor === 1)!;
  const s = b.search ?? [];
  const pageBytes = s[0] ? (s[0].byType.document?.bytes ?? 0) + (s[0].byType.stylesheet?.bytes ?? 0) : 0;
  const busy = (b.browserLoad?.[0] ?? 0) >= 3;
  if (id.startsWith('search-time')) {
    const slow = s.filter((x) => x.firstResultMs === null || x.firstResultMs > BUDGETS.searchMs);
    const m = slow.find((x) => x.milestones)?.milestones;
    return (
      `**search time (${b.label})** — ${slow.map((x) => `«${x.query}» ${x.firstResultMs === null ? 'no result' : formatMs(x.firstResultMs)}`).join(', ')}, from the start of navigation on a cold cache` +
      (m ? `: HTML at ${formatMs(m.documentMs)}, Pagefind's script at ${formatMs(m.uiScriptMs)}, its WebAssembly at ${formatMs(m.wasmMs)}, the last index chunk at ${formatMs(m.indexMs)}; the rest is running the query and rendering results` : '') +
      '. /cerca/ preloads pagefind.js, the index entry and the wasm as soon as its own script runs, and shows each result as its fragment arrives; what is left on the path is sequential: HTML → page script → those three in parallel → Pagefind’s metadata file (its name carries a hash known only after `pagefind` runs) → an index chunk and a filter → the first fragment. ' +
      (busy ? `The 1-min load was ${b.browserLoad![0]} during these measurements: on a busy machine the CPU-bound parts (wasm compilation, search, rendering) stretch. ` : '') +
      'Between the last index chunk and the first result the time is the page’s own work: three searches in Pagefind’s WebAssembly (the query, and the exact-name and exact-comune lookups that put an exact match first: src/scripts/search/cerca.ts), then the first fragment and its rendering; on 2 busy cores this stretches. Fix: a step after `pagefind` that writes the metadata file’s name into /cerca/ so it is preloaded with the rest; and fewer indexed pages (a smaller metadata file to download and decode; see the search-bytes note).'
    );
  }
  return `**search bytes (${b.label})** — up to ${formatBytes(Math.max(...s.map((x) => x.bytes)))} (page and CSS ${formatBytes(pageBytes)}); Pagefind's index chunks and fragments grow with the number of pages and distinct words. Tables and data-quality notes are already left out of the index (pagefind.yml). What remains is Pagefind's page list (its metadata file: a few bytes per indexed page, downloaded by every search) and the wasm. Fix: index fewer pages — projects (three quarters of the pages at scale) could be found by CUP through a small table sharded by the CUP's first characters, and by name through their entity's page.`;
}

/** One note per failing budget (in the order of the budget lines). */
export function notesFor(r: Results): string[] {
  const out: string[] = [];
  const failed = new Set(r.budgets.filter((b) => b.pass === false).map((b) => b.id));
  for (const id of failed) {
    if (id === 'normalise' && r.normalise) out.push(normaliseNote(r));
    else if (id === 'build' && r.builds.some((b) => b.factor === 1)) out.push(buildNote(r));
    else if ((id === 'x100-time' || id === 'x100-rss') && !out.some((n) => n.startsWith('**×100 build**'))) {
      if (r.builds.some((b) => b.factor === 100)) out.push(x100Note(r));
    } else if (id === 'x100-linear') out.push(linearNote(r));
    else if (id.startsWith('page-weight')) out.push(pageWeightNote(r, id));
    else if (id.startsWith('search')) out.push(searchNote(r, id));
    else if (id === 'no-js') out.push('**0 JS** — a content page ships script (see the measured line): content pages must stay script-free; only /cerca/ loads Pagefind.');
  }
  return out;
}
