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

function buildNote(r: Results): string {
  const b = r.builds.find((x) => x.factor === 1)!;
  if (!b.ok) return `**full build** — did not complete: ${b.error}. It is built from a snapshot of the working tree; re-run when the pages are not mid-edit.`;
  const st = Object.fromEntries(b.stages.map((s) => [s.name, s.wallMs]));
  const p = b.astro?.phases;
  const fixed = p ? (p.typesMs ?? 0) + (p.collectMs ?? 0) + (p.entrypointsMs ?? 0) : null;
  const dati = route(b, /dati\/\[scope\]/);
  const top = [...(b.astro?.routes ?? [])].sort((a, c) => (c.wallMs ?? 0) - (a.wallMs ?? 0)).slice(0, 3);
  const load = Math.max(...b.stages.map((s) => s.loadBefore[0]));
  return (
    `**full build** — ${formatMs(b.wallMs)}: normalise ${formatMs(st.normalise)}, astro ${formatMs(st.astro)}, pagefind ${formatMs(st.pagefind)}` +
    (p ? `; inside astro, fixed work (types and content sync, build info, Vite bundle) ${formatMs(fixed)} and page generation ${formatMs(p.routesMs)}` : '') +
    (top.length ? `, led by ${top.map((t) => `\`${t.route}\` (${formatNumber(t.files)} files, ${formatMs(t.wallMs)})`).join(', ')}` : '') +
    '. ' +
    (load >= 3 ? `The 1-min load was up to ${load} during the stages, so part of this is waiting for a core. ` : '') +
    (dati ? `The per-page download route alone writes ${formatNumber(dati.files)} of the ${formatNumber(b.dist?.files)} files of dist. ` : '') +
    'Fix: the normaliser fix (section 1) and calling `tsx scripts/normalize.ts` directly in the build script (no nested `npm run`) save seconds; the Vite bundle shrinks when the collections are not inlined in it (cause 1 of the ×100 note); the per-page downloads could be written by one post-build step instead of one Astro endpoint per file.'
  );
}

function x100Note(r: Results): string {
  const b = r.builds.find((x) => x.factor === 100)!;
  const real = r.builds.find((x) => x.factor === 1);
  const x10 = r.builds.find((x) => x.factor === 10);
  const mem = b.astroMemory;
  const withDati = [x10, real].find((x) => x?.ok && x.htmlPages && route(x, /dati\/\[scope\]/));
  const perPage = withDati ? { label: withDati.label, files: route(withDati, /dati\/\[scope\]/)!.files, pages: withDati.htmlPages! } : null;
  const parts: string[] = [];
  parts.push(
    `**×100 build** — ${b.ok ? `${formatMs(b.wallMs)}, peak RSS ${formatBytes(b.peakRssBytes)}` : `did not complete (${b.error}); peak RSS ${formatBytes(b.peakRssBytes)}${b.partial ? `, ${formatNumber(b.partial.htmlPages)} HTML pages written, last route \`${b.partial.lastRoute}\`` : ''}`}. What limits it, in order of weight:`,
  );
  parts.push(
    `(1) Astro's content layer inlines every record of every collection into one JavaScript module (\`dist/chunks/_astro_data-layer-content_*.mjs\`, ~41 MB at ×100) that Vite/Rollup parses and bundles before rendering any page: bundling takes ${formatMs(real?.astro?.phases.entrypointsMs)} (real), ${formatMs(x10?.astro?.phases.entrypointsMs)} (×10), ${formatMs(b.astro?.phases.entrypointsMs)} (×100)` +
      (mem ? `, and \`astro build\` already holds ${formatBytes(mem.untilBundledBytes)} when bundling ends` : '') +
      `. Past Node's default heap limit (~4 GB here) every page then renders under constant garbage collection (comune pages went from ~0.2 s to several seconds each). ` +
      `Fix: keep the per-record collections (projects, entities, comuni) out of \`defineCollection\`: read content/data/*.json from disk in ${at('src/lib/data.ts', /export function all</)} like src/lib/edition.ts reads report.json (the normaliser validates them with the same zod schemas; pages keep calling \`all()\`/\`byId()\`). Raising \`--max-old-space-size\` only moves the wall.`,
  );
  parts.push(
    `(2) Per-page work proportional to the whole data, so total time grows with pages × records: \`byId()\` (${at('src/lib/data.ts', /export async function byId/)}) builds a new Map of a whole collection at every call and project, entity and comune pages call it for projects/entities (${at('src/pages/comuni/[slug].astro', /byId\('projects'\)/)}, ${at('src/pages/enti/[slug].astro', /byId\('projects'\)/)}, ${at('src/pages/progetti/[cup].astro', /byId\('entities'\)/)}), and each page's downloads are selected by scanning whole collections (\`pageRecords\`, ${at('src/lib/opendata/scopes.ts', /export function pageRecords/)}). Fix: memoise the Map per collection beside the \`all()\` cache and index records by entity/comune/measure once. (Tried in a scratch copy at ×10: same time and memory there, so this matters only at larger sizes; it does not remove (1).)`,
  );
  parts.push(
    `(3) File count: ${at('src/pages/dati/[scope]/[slug]/[file].ts', /getStaticPaths/)} emits ${perPage ? `~${formatNumber(perPage.files / perPage.pages, 1)} download files per HTML page (${perPage.label})` : 'several download files per HTML page'} — three formats × each dataset of the page, each one an Astro route: ${formatNumber(x10?.dist?.files)} files in dist at ×10, about ten times more at ×100. Fix: write the per-page downloads in one streaming post-build step instead of one endpoint per file, and reconsider three formats per project page (a project's row is already in its entity's, comune's and measure's files).`,
  );
  return parts.join(' ');
}

function linearNote(r: Results): string {
  const s = r.scaling;
  return `**linear growth** — marginal cost per page ${s.map((x) => `${x.from}→${x.to} ${formatNumber(x.marginalMsPerPage, 1)} ms and ${formatBytes(x.marginalRssPerPage)}`).join('; ')}${r.builds.some((b) => b.factor === 100 && !b.ok) ? '; ×100 did not complete' : ''}. The bundle of the inlined data store (cause 1 of the ×100 note) grows with the data and its memory stays for the whole build; per-page lookups over whole collections (cause 2) make each page cost more as the data grows. With the data out of the bundle and memoised indexes, each page costs the same at any size.`;
}

function pageWeightNote(r: Results, id: string): string {
  const b = id === 'page-weight' ? r.builds.find((x) => x.factor === 1)! : largestScaled(r)!;
  const over = (b.pageWeight ?? []).filter((t) => !['cerca', '404'].includes(t.type) && t.gzipWithCss.median > BUDGETS.pageGzipBytes);
  const grows = (t: { type: string; count: number }) => t.count === 1 || t.type.startsWith('indice-') || ['misura', 'provincia', 'comune', 'ente'].includes(t.type);
  return (
    `**page weight (${b.label})** — over ${formatBytes(BUDGETS.pageGzipBytes)}: ${over.map((t) => `${t.label} (median ${formatBytes(t.gzipWithCss.median)}, max ${formatBytes(t.gzipWithCss.max)}, \`/${t.heaviest}\`)`).join(', ')}. ` +
    (over.some(grows)
      ? 'These pages list every project (or record) of what they describe in one table, so their weight grows linearly with the data. Fix: show the totals and the first rows (e.g. the 50 largest) and link to the full list as a paginated page or to the download of the same rows (it already exists under /dati/); for indexes, paginate or group (by measure, province, first letter) — search covers lookup by name.'
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
      '. Each step waits for the one before: the WebAssembly and the index are only requested once Pagefind’s script runs, the fragments once the index has answered. ' +
      (busy ? `The 1-min load was ${b.browserLoad![0]} during these measurements: on a busy machine the CPU-bound parts (wasm compilation, search, rendering) stretch. ` : '') +
      'Fix: start the downloads with the HTML on /cerca/ (`<link rel="modulepreload">` for pagefind.js, `<link rel="preload">` for pagefind-entry.json and the wasm), so the WebAssembly and the entry file arrive while the page’s own script is still loading; then render the first results before loading every fragment.'
    );
  }
  return `**search bytes (${b.label})** — up to ${formatBytes(Math.max(...s.map((x) => x.bytes)))} (page and CSS ${formatBytes(pageBytes)}); Pagefind's index chunks and fragments grow with the number of pages and distinct words. Fix: index fewer words per page (\`data-pagefind-ignore\` on tables of figures and provenance notes) and keep sub-results off.`;
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
