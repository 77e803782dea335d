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

function normaliseNote(r: Results): string {
  const n = r.normalise!;
  const spots = n.profile?.spots ?? [];
  const own = spots.filter((s) => /^scripts\//.test(s.where)).slice(0, 6);
  const zod = spots.filter((s) => /zod/.test(s.where)).reduce((x, s) => x + s.selfMs, 0);
  const gc = spots.find((s) => /garbage/.test(s.fn))?.selfMs ?? 0;
  return (
    `**normalise** — ${formatMs(n.inProcess.median)} per run in-process, ${formatNumber(n.inProcess.median / BUDGETS.normaliseMs, 1)}× the budget; ` +
    `this is the pipeline's own work, not process start-up (measured apart: a bare tsx process takes ${formatMs(n.tsxStartup.median)}, the whole CLI ${formatMs(n.cli.median)}). ` +
    (own.length ? `Hot spots by self time per run: ${own.map((s) => `\`${s.fn}\` ${s.where} (${formatNumber(s.selfMs, 1)} ms)`).join(', ')}; ` : '') +
    `zod validation ≈ ${formatNumber(zod, 1)} ms, garbage collection ≈ ${formatNumber(gc, 1)} ms. ` +
    'What limits it: the same cell and line text is normalised again and again (NFD + regex in `plain`/`squash`/`cleanCell`, called from every matcher), and every correction of corrections.json is tried as its own Unicode regex on every text (`fixText`, `correctionsIn`), which also feeds the GC. ' +
    'Fix (parser owners): compute the normalised forms of each line once when the lines are built (`toLines`) and pass them to the matchers; compile the corrections into one alternation regex (or an index by first word) and test it once per text; keep the zod validation (it is the contract) — it is a small share. Report start-up separately: tsx alone is already several times the budget, so the CLI can never be under 100 ms.'
  );
}

function buildNote(r: Results): string {
  const b = r.builds.find((x) => x.factor === 1)!;
  if (!b.ok) return `**full build** — did not complete: ${b.error}. It is built from a snapshot of the working tree; re-run when the pages are not mid-edit.`;
  const st = Object.fromEntries(b.stages.map((s) => [s.name, s.wallMs]));
  const p = b.astro?.phases;
  const dati = route(b, /dati\/\[scope\]/);
  return (
    `**full build** — ${formatMs(b.wallMs)}: normalise ${formatMs(st.normalise)}, astro ${formatMs(st.astro)}, pagefind ${formatMs(st.pagefind)}` +
    (p ? `; inside astro: types/content sync ${formatMs(p.typesMs)}, Vite bundle ${formatMs(p.entrypointsMs)}, route generation ${formatMs(p.routesMs)}` : '') +
    '. ' +
    (dati ? `The per-page open-data route writes ${formatNumber(dati.files)} of the ${formatNumber(b.dist?.files)} files of dist (${formatMs(dati.wallMs)}). ` : '') +
    'What limits it on 2 cores: fixed costs (npm + tsx start-up, Vite bundling, Astro content sync) are most of it; `astro build` renders on one thread. ' +
    'Fix: the normaliser fix above and running `tsx scripts/normalize.ts` directly in the build script (no nested `npm run`) save seconds; the Vite bundle shrinks when the collections are not inlined into it (see the ×100 note); the per-page download files could be produced by one post-build script that writes them directly instead of an Astro endpoint per file.'
  );
}

function x100Note(r: Results): string {
  const b = r.builds.find((x) => x.factor === 100)!;
  const x10 = r.builds.find((x) => x.factor === 10);
  const dati = route(b, /dati\/\[scope\]/);
  const parts: string[] = [];
  parts.push(
    `**×100 build** — ${b.ok ? `${formatMs(b.wallMs)}, peak RSS ${formatBytes(b.peakRssBytes)}` : `did not complete (${b.error}); peak RSS ${formatBytes(b.peakRssBytes)}${b.partial ? `, ${formatNumber(b.partial.htmlPages)} HTML pages written, last route \`${b.partial.lastRoute}\`` : ''}`}. Four causes, each visible in the measurements:`,
  );
  const bundle = b.astro?.phases.entrypointsMs;
  parts.push(
    `(1) Astro's content layer inlines every record of every collection into one JavaScript module (\`_astro_data-layer-content_*.mjs\`, ~41 MB at ×100) that Vite/Rollup must parse and bundle: the bundle phase goes from ${formatMs(r.builds.find((x) => x.factor === 1)?.astro?.phases.entrypointsMs)} (real) to ${formatMs(x10?.astro?.phases.entrypointsMs)} (×10) and ${formatMs(bundle)} (×100), and the whole store stays in memory. Fix: keep the big per-record collections (projects, entities, comuni) out of \`defineCollection\` — read content/data/*.json from disk in ${at('src/lib/data.ts', /export function all</)} as src/lib/edition.ts already does for report.json (the normaliser has validated them with the same zod schemas); pages keep calling \`all()\`/\`byId()\`.`,
  );
  parts.push(
    `(2) Pages rebuild whole-collection indexes on every render: \`byId()\` (${at('src/lib/data.ts', /export async function byId/)}) makes a new Map of the collection at each call, and project, entity and comune pages call it for projects/entities (${at('src/pages/comuni/[slug].astro', /byId\('projects'\)/)}, ${at('src/pages/enti/[slug].astro', /byId\('projects'\)/)}, ${at('src/pages/progetti/[cup].astro', /byId\('entities'\)/)}), plus a linear \`comuni.find\` — O(pages × records), quadratic in the data. Fix: memoise the Map per collection next to the \`all()\` cache (one line), and index comuni by ISTAT code once.`,
  );
  parts.push(
    `(3) The per-page downloads: ${at('src/pages/dati/[scope]/[slug]/[file].ts', /getStaticPaths/)} emits ~${formatNumber(dati && b.htmlPages ? dati.files / b.htmlPages : null, 1)} files per page${dati ? ` (${formatNumber(dati.files)} files so far${dati.wallMs ? `, ${formatMs(dati.wallMs)}` : ''})` : ''}; each page's subset is found by scanning whole collections (\`pageRecords\`, ${at('src/lib/opendata/scopes.ts', /export function pageRecords/)}) — quadratic again — and every subset and its rendered CSV/JSON bodies are kept until the end of the build (${at('src/lib/opendata/load.ts', /const subsets = new Map/)} holds the datasets, ${at('src/lib/opendata/files.ts', /const rendered = new WeakMap/)} their bodies), so the heap grows with the whole /dati/ tree. Fix: index records by entity/comune/measure once; render each page's files when the endpoint asks and keep nothing; or write these files in one streaming post-build step; and reconsider publishing three formats per project page (a project's row is already in its entity's, comune's and measure's files).`,
  );
  parts.push(
    `(4) Memory: with (1)–(3) the single \`astro build\` process must hold the data store, the indexes and every rendered download at once; Node's default heap limit on this machine (~4 GB) is the wall. Raising \`--max-old-space-size\` only moves the wall; fixes (1)–(3) make memory proportional to one page instead of to the whole site.`,
  );
  return parts.join(' ');
}

function linearNote(r: Results): string {
  const s = r.scaling;
  return `**linear growth** — marginal cost per page ${s.map((x) => `${x.from}→${x.to} ${formatNumber(x.marginalMsPerPage, 1)} ms`).join(', ')}: the cost per page grows with the data because of the O(pages × records) lookups (causes 2 and 3 of the ×100 note). With memoised indexes each page costs the same at any size.`;
}

function pageWeightNote(r: Results, id: string): string {
  const b = id === 'page-weight' ? r.builds.find((x) => x.factor === 1)! : largestScaled(r)!;
  const over = (b.pageWeight ?? []).filter((t) => !['cerca', '404'].includes(t.type) && t.gzipWithCss.median > BUDGETS.pageGzipBytes);
  const lists = over.filter((t) => t.count === 1 || t.type === 'misura' || t.type === 'provincia');
  return (
    `**page weight (${b.label})** — over ${formatBytes(BUDGETS.pageGzipBytes)}: ${over.map((t) => `${t.type} (median ${formatBytes(t.gzipWithCss.median)}, max ${formatBytes(t.gzipWithCss.max)}, \`/${t.heaviest}\`)`).join(', ')}. ` +
    (lists.length
      ? 'Index pages list every record on one page, so they grow linearly with the data. Fix: paginate the indexes (or group them: projects by measure/province, entities by first letter) and keep one table per page under a fixed number of rows; the search page already covers lookup by name.'
      : 'Fix: move repeated tables (per-row provenance, long lists) behind links to the detail pages or to the downloads, and keep charts to one per section.')
  );
}

function searchNote(r: Results, id: string): string {
  const b = id.endsWith('-scale') ? largestScaled(r)! : r.builds.find((x) => x.factor === 1)!;
  const s = b.search ?? [];
  const pageBytes = s[0] ? (s[0].byType.document?.bytes ?? 0) + (s[0].byType.stylesheet?.bytes ?? 0) : 0;
  if (id.startsWith('search-time')) {
    const slow = s.filter((x) => x.firstResultMs === null || x.firstResultMs > BUDGETS.searchMs);
    return (
      `**search time (${b.label})** — ${slow.map((x) => `«${x.query}» ${x.firstResultMs === null ? 'no result' : formatMs(x.firstResultMs)}`).join(', ')}, measured from the start of navigation on a cold cache: the page, Pagefind's UI script, its WebAssembly and the index chunks load one after another before the first result (${s[0]?.requests ?? '—'} requests). ` +
      'With the machine busy the CPU share of WebAssembly start-up dominates; re-measure at low load. Fix if it stays over: preload Pagefind\'s wasm and entry file from /cerca/ (`<link rel="preload">`), and show the first results without waiting for sub-results (`showSubResults: false`).'
    );
  }
  return `**search bytes (${b.label})** — up to ${formatBytes(Math.max(...s.map((x) => x.bytes)))} (page and CSS ${formatBytes(pageBytes)}); Pagefind's index chunks grow with the number of distinct words. Fix: index fewer words per page (\`data-pagefind-ignore\` on tables of figures and provenance notes), keep sub-results off, and raise Pagefind's chunk split only after measuring.`;
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
