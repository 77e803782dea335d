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
}

export interface BuildResult {
  /** "reale", "x10", "x100" */
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
  dist: DistSize | null;
  pagefind: { files: number; bytes: number; pagesIndexed: number | null } | null;
  /** HTML pages per second of end-to-end wall time. */
  pagesPerSec: number | null;
  pageWeight: TypeWeight[] | null;
  coldLoads: (ColdLoad & { type: string })[] | null;
  search: SearchRun[] | null;
  logFile: string | null;
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
    budget: `normalizzazione ≤ ${BUDGETS.normaliseMs} ms (mediana in-process)`,
    measured: n ? `${formatMs(n.inProcess.median)} (min ${formatMs(n.inProcess.min)}, max ${formatMs(n.inProcess.max)})` : 'non misurato',
    pass: n ? n.inProcess.median <= BUDGETS.normaliseMs : null,
    note: '',
  });
  lines.push({
    id: 'build',
    budget: `build completa ≤ ${BUDGETS.buildMs / 1000} s su 2 core`,
    measured: real?.ok ? `${formatMs(real.wallMs)} (${real.stages.map((s) => `${s.name} ${formatMs(s.wallMs)}`).join(', ')})` : real ? `fallita: ${real.error}` : 'non misurata',
    pass: real ? real.ok && real.wallMs <= BUDGETS.buildMs : null,
    note: '',
  });
  lines.push({
    id: 'x100-time',
    budget: `build ×100 ≤ ${BUDGETS.x100BuildMs / 60_000} min`,
    measured: x100 ? (x100.ok ? formatMs(x100.wallMs) : `fallita: ${x100.error}`) : 'non misurata',
    pass: x100 ? x100.ok && x100.wallMs <= BUDGETS.x100BuildMs : null,
    note: '',
  });
  lines.push({
    id: 'x100-rss',
    budget: `build ×100 picco RSS ≤ ${formatBytes(BUDGETS.x100RssBytes)}`,
    measured: x100 ? formatBytes(x100.peakRssBytes) + (x100.ok ? '' : ' (build non completata)') : 'non misurata',
    pass: x100 ? x100.ok && x100.peakRssBytes !== null && x100.peakRssBytes <= BUDGETS.x100RssBytes : null,
    note: '',
  });
  const steps = r.scaling;
  const first = steps.find((s) => s.to !== 'x100');
  const last = steps.find((s) => s.to === 'x100');
  const linear = first?.marginalMsPerPage && last?.marginalMsPerPage ? last.marginalMsPerPage / first.marginalMsPerPage : null;
  lines.push({
    id: 'x100-linear',
    budget: `crescita circa lineare (costo marginale per pagina ×10→×100 ≤ ${BUDGETS.linearTolerance}× quello ×1→×10)`,
    measured:
      linear === null
        ? 'non misurabile (serve una build ×100 riuscita e una più piccola)'
        : `${formatNumber(first!.marginalMsPerPage, 2)} → ${formatNumber(last!.marginalMsPerPage, 2)} ms/pagina (×${formatNumber(linear, 2)})`,
    pass: linear === null ? null : linear <= BUDGETS.linearTolerance,
    note: '',
  });
  for (const [b, label] of [
    [real, 'edizione reale'],
    [x100, 'edizione ×100'],
  ] as const) {
    if (!b?.pageWeight) continue;
    const meds = contentMedians(b);
    const over = meds.filter((m) => m.median > BUDGETS.pageGzipBytes);
    const worst = [...meds].sort((a, c) => c.median - a.median)[0];
    lines.push({
      id: b.factor === 1 ? 'page-weight' : 'page-weight-x100',
      budget: `pagina di contenuto mediana ≤ ${formatBytes(BUDGETS.pageGzipBytes)} gzip con CSS, per tipo (${label})`,
      measured: over.length
        ? `oltre il limite: ${over.map((m) => `${m.type} ${formatBytes(m.median)}`).join(', ')}`
        : `tipo più pesante: ${worst?.type ?? '—'} ${formatBytes(worst?.median)}`,
      pass: meds.length ? over.length === 0 : null,
      note: '',
    });
  }
  if (real?.pageWeight) {
    const js = real.pageWeight.filter((t) => t.type !== 'cerca' && t.js.max > 0);
    const browserJs = (real.coldLoads ?? []).filter((c) => c.type !== 'cerca' && c.scriptRequests > 0);
    lines.push({
      id: 'no-js',
      budget: '0 JS nelle pagine di contenuto (tutte le pagine tranne /cerca/)',
      measured:
        js.length || browserJs.length
          ? `JS in: ${[...js.map((t) => `${t.type} (max ${formatBytes(t.js.max)})`), ...browserJs.map((c) => `${c.type}: ${c.scriptRequests} richieste script`)].join(', ')}`
          : `0 byte in ${formatNumber(real.pageWeight.filter((t) => t.type !== 'cerca').reduce((s, t) => s + t.count, 0))} pagine; 0 richieste script nei caricamenti a freddo`,
      pass: js.length === 0 && browserJs.length === 0,
      note: '',
    });
  }
  for (const [b, label] of [
    [real, 'edizione reale'],
    [x100, 'edizione ×100'],
  ] as const) {
    if (!b?.search?.length) continue;
    const times = b.search.map((s) => s.firstResultMs);
    const missing = b.search.filter((s) => s.firstResultMs === null);
    const maxMs = Math.max(...times.map((t) => t ?? Infinity));
    const maxBytes = Math.max(...b.search.map((s) => s.bytes));
    const suffix = b.factor === 1 ? '' : '-x100';
    lines.push({
      id: `search-time${suffix}`,
      budget: `primi risultati di ricerca ≤ ${BUDGETS.searchMs} ms, caricamento a freddo (${label})`,
      measured: missing.length
        ? `nessun risultato per ${missing.map((s) => `«${s.query}»`).join(', ')}`
        : `max ${formatMs(maxMs)} (${b.search.map((s) => `«${s.query}» ${formatMs(s.firstResultMs)}`).join(', ')})`,
      pass: missing.length === 0 && maxMs <= BUDGETS.searchMs,
      note: '',
    });
    lines.push({
      id: `search-bytes${suffix}`,
      budget: `ricerca a freddo ≤ ${formatBytes(BUDGETS.searchBytes)} trasferiti (pagina + Pagefind) (${label})`,
      measured: `max ${formatBytes(maxBytes)} (${b.search.map((s) => `«${s.query}» ${formatBytes(s.bytes)}`).join(', ')})`,
      pass: maxBytes <= BUDGETS.searchBytes,
      note: '',
    });
  }
  return lines;
}

const pf = (p: boolean | null) => (p === null ? '—' : p ? '✅ pass' : '❌ fail');
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** RESULTS.md: budgets first, then each measurement with the context needed to read it. */
export function renderMarkdown(r: Results): string {
  const out: string[] = [];
  const m = r.machine;
  out.push('# Benchmark: costo della build e delle pagine');
  out.push('');
  out.push('Generato da `npm run bench` (bench/run.ts); i dati completi sono in `bench/results.json`. Misura e riporta: nessun test dipende da questi tempi.');
  out.push('');
  out.push(`- **Data della misura:** ${r.date}`);
  out.push(`- **Macchina:** ${m.cpus} core (${m.cpuModel}), ${formatBytes(m.memoryBytes)} RAM, ${m.os}`);
  out.push(`- **Versioni:** Node ${m.node}, npm ${m.npm ?? '—'}, Astro ${m.astro ?? '—'}, Pagefind ${m.pagefind ?? '—'}, ${m.chromium ?? 'Chromium —'}`);
  const lw = r.load.waited;
  out.push(
    `- **Carico (load average 1/5/15 min):** ${r.load.start.join(' / ')} all'inizio, ${r.load.end.join(' / ')} alla fine` +
      (lw.threshold !== null ? `; atteso ${formatMs(lw.ms)} che scendesse sotto ${lw.threshold}${lw.reached ? '' : ' (non raggiunto: misure su macchina carica)'}` : '') +
      '. Ogni fase riporta il proprio carico: la macchina è condivisa, i tempi sono rumorosi.',
  );
  out.push('');
  out.push('## Budget');
  out.push('');
  out.push('| budget | misurato | esito | nota |');
  out.push('|---|---|---|---|');
  for (const b of r.budgets) out.push(`| ${cell(b.budget)} | ${cell(b.measured)} | ${pf(b.pass)} | ${cell(b.note)} |`);
  out.push('');
  if (r.notes.length) {
    out.push('## Cosa limita i budget non rispettati e come rimediare');
    out.push('');
    for (const n of r.notes) out.push(`- ${n}`);
    out.push('');
  }

  const n = r.normalise;
  if (n) {
    out.push('## 1. Normalizzatore sul seed reale');
    out.push('');
    out.push(`\`normalizeSeed\` in-process, ${n.runs} esecuzioni dopo ${n.warmup} di riscaldamento (carico ${n.load.before[0]} → ${n.load.after[0]}):`);
    out.push('');
    out.push('| misura | mediana | min | max |');
    out.push('|---|---|---|---|');
    out.push(`| normalizeSeed (in-process) | ${formatMs(n.inProcess.median)} | ${formatMs(n.inProcess.min)} | ${formatMs(n.inProcess.max)} |`);
    out.push(`| \`tsx scripts/normalize.ts\` (processo intero, ${n.cli.n} esecuzioni) | ${formatMs(n.cli.median)} | ${formatMs(n.cli.min)} | ${formatMs(n.cli.max)} |`);
    out.push(`| avvio di un processo tsx da solo (${n.tsxStartup.n} esecuzioni) | ${formatMs(n.tsxStartup.median)} | ${formatMs(n.tsxStartup.min)} | ${formatMs(n.tsxStartup.max)} |`);
    out.push('');
    out.push(`Import dei moduli del pipeline (prima volta): ${formatMs(n.importMs)}.`);
    if (n.profile) {
      out.push('');
      out.push(`Profilo CPU (V8, posizioni riportate ai sorgenti TypeScript; ${formatMs(n.profile.totalMs)} campionati per esecuzione): funzioni con più tempo proprio.`);
      out.push('');
      out.push('| funzione | file:riga | ms per esecuzione | % |');
      out.push('|---|---|---|---|');
      for (const s of n.profile.spots) out.push(`| \`${cell(s.fn)}\` | \`${cell(s.where)}\` | ${formatNumber(s.selfMs, 1)} | ${formatNumber(s.pct, 1)} |`);
    }
    out.push('');
  }

  const real = r.builds.find((b) => b.factor === 1);
  if (real) {
    out.push('## 2. Build completa sul seed reale');
    out.push('');
    out.push(buildSummary(real));
    out.push('');
    out.push(stageTable(real));
    out.push('');
    if (real.dist) {
      out.push(`dist/: ${formatNumber(real.dist.files)} file, ${formatBytes(real.dist.bytes)} (gzip ${formatBytes(real.dist.gzipBytes)}); ${formatNumber(real.htmlPages)} pagine HTML.`);
      out.push('');
      out.push(dirTable(real.dist));
      out.push('');
    }
    out.push(routeTable(real));
    out.push('');
  }

  const scaled = r.builds.filter((b) => b.factor !== 1);
  if (scaled.length) {
    out.push('## 3. Scala: edizioni sintetiche');
    out.push('');
    out.push(
      'Generate da `bench/generate.ts` (deterministico, PRNG con seme): i progetti e gli enti reali moltiplicati, con CUP nuovi nel formato giusto e nomi plausibili sui comuni lombardi del gazetteer; validate con gli schemi zod e con i riferimenti incrociati prima della build. La build parte dal JSON normalizzato (il generatore sostituisce la normalizzazione).',
    );
    out.push('');
    out.push('| edizione | progetti | enti | comuni | pagine HTML | file in dist | end-to-end | astro + pagefind | picco RSS | pagine/s | indice Pagefind | esito |');
    out.push('|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (const b of r.builds) {
      out.push(
        `| ${b.label} | ${formatNumber(b.records.projects)} | ${formatNumber(b.records.entities)} | ${formatNumber(b.records.comuni)} | ${formatNumber(b.htmlPages)} | ${formatNumber(b.dist?.files)} | ${formatMs(b.wallMs)} | ${formatMs(b.siteMs)} | ${formatBytes(b.peakRssBytes)} | ${formatNumber(b.pagesPerSec, 0)} | ${b.pagefind ? `${formatBytes(b.pagefind.bytes)} (${formatNumber(b.pagefind.files)} file)` : '—'} | ${b.ok ? 'ok' : `❌ ${cell(b.error ?? '')}`} |`,
      );
    }
    out.push('');
    if (r.scaling.length) {
      out.push('Rapporto tra costo e pagine fra le dimensioni (1 = lineare; < 1 = i costi fissi si ammortizzano; > 1 = superlineare). Tempo = astro build + pagefind.');
      out.push('');
      out.push('| da → a | pagine × | tempo/pagine | RSS/pagine | ms marginali per pagina | RSS marginale per pagina |');
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
    out.push('## 4. Peso delle pagine per tipo');
    out.push('');
    out.push(
      'Da tutti i file HTML di dist/ (nessun campione). gzip livello 6 (come i server statici); "gzip + CSS" = HTML gzip più ogni foglio di stile collegato gzip (gli stili sotto soglia sono già inline). JS = script eseguibili (inline, esterni, attributi on…); JSON-LD escluso. Richieste: caricamento a freddo in Chromium della pagina mediana del tipo (profilo vuoto), fino a rete ferma.',
    );
    out.push('');
    for (const b of weighed) {
      out.push(`### ${b.label}`);
      out.push('');
      out.push('| tipo | pagine | HTML mediana | HTML max | gzip mediana | gzip max | gzip + CSS mediana | gzip + CSS max | CSS mediana | JS max | richieste (byte) a freddo | pagina più pesante |');
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
    out.push('## 5. Ricerca');
    out.push('');
    out.push(
      'Caricamento a freddo di `/cerca/?q=…` (ciò che invia il modulo di ricerca in testata) in un Chromium con profilo vuoto, server locale con gzip, senza limitazione di rete: tempo dall\'inizio della navigazione al primo link di risultato nel DOM; byte sul filo (corpi compressi + intestazioni) fino a rete ferma.',
    );
    out.push('');
    out.push('| edizione | query | primi risultati | byte fino ai primi risultati | byte totali | richieste | di cui Pagefind | risultati |');
    out.push('|---|---|---|---|---|---|---|---|');
    for (const b of searched) {
      for (const s of b.search!) {
        out.push(
          `| ${b.label} | «${cell(s.query)}» | ${formatMs(s.firstResultMs)} | ${formatBytes(s.bytesAtFirstResult)} | ${formatBytes(s.bytes)} | ${s.requests} | ${pagefindRequests(s)} | ${s.results} |`,
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
    `**${b.ok ? 'riuscita' : 'NON riuscita'}**${b.error ? ` (${b.error})` : ''}`,
    `end-to-end ${formatMs(b.wallMs)}`,
    `picco RSS ${formatBytes(b.peakRssBytes)}`,
    `${formatNumber(b.htmlPages)} pagine HTML`,
  ];
  if (b.astro?.phases.pagesBuilt) parts.push(`Astro: «${formatNumber(b.astro.phases.pagesBuilt)} page(s) built»`);
  if (b.pagefind) parts.push(`indice Pagefind ${formatBytes(b.pagefind.bytes)} in ${formatNumber(b.pagefind.files)} file${b.pagefind.pagesIndexed ? ` (${formatNumber(b.pagefind.pagesIndexed)} pagine indicizzate)` : ''}`);
  return parts.join('; ') + '.';
}

function stageTable(b: BuildResult): string {
  const rows = ['| fase | comando | tempo | picco RSS (albero) | processo più grande | carico prima → dopo | esito |', '|---|---|---|---|---|---|---|'];
  for (const s of b.stages)
    rows.push(
      `| ${s.name} | \`${cell(s.command)}\` | ${formatMs(s.wallMs)} | ${formatBytes(s.peakRssBytes)} | ${s.peakProcessName ?? '—'} ${formatBytes(s.peakProcessHwmBytes)} | ${s.loadBefore[0]} → ${s.loadAfter[0]} | ${s.timedOut ? 'interrotta (timeout)' : s.exitCode === 0 ? 'ok' : `exit ${s.exitCode}`} |`,
    );
  const p = b.astro?.phases;
  if (p) {
    rows.push('');
    rows.push(
      `Fasi di Astro: tipi ${formatMs(p.typesMs)}, raccolta ${formatMs(p.collectMs)}, bundle (entrypoint statici) ${formatMs(p.entrypointsMs)}, generazione delle route ${formatMs(p.routesMs)}.`,
    );
  }
  return rows.join('\n');
}

function dirTable(d: DistSize): string {
  const rows = ['| cartella di dist/ | file | byte |', '|---|---|---|'];
  for (const [dir, v] of Object.entries(d.byDir).sort((a, b) => b[1].bytes - a[1].bytes).slice(0, 8)) rows.push(`| ${dir} | ${formatNumber(v.files)} | ${formatBytes(v.bytes)} |`);
  return rows.join('\n');
}

function routeTable(b: BuildResult): string {
  if (!b.astro?.routes.length) return '';
  const rows = [
    'Route più costose (tempo dal log di Astro, risoluzione 1 s, getStaticPaths compreso; "render" = somma dei tempi per file che Astro stampa):',
    '',
    '| route | file | tempo | ms per file | render |',
    '|---|---|---|---|---|',
  ];
  for (const r of [...b.astro.routes].sort((a, c) => (c.wallMs ?? c.ms) - (a.wallMs ?? a.ms) || c.ms - a.ms).slice(0, 8))
    rows.push(`| \`${r.route}\` | ${formatNumber(r.files)} | ${formatMs(r.wallMs)} | ${formatNumber(r.files && r.wallMs !== null ? r.wallMs / r.files : null, 1)} | ${formatMs(r.ms)} |`);
  return rows.join('\n');
}
