/**
 * The CPI family: M5C1 I1.1 "Potenziamento dei Centri per l'Impiego".
 * T05a–d and T06 (the plan's activities and resources), T07a/b (quarterly progress), T08/T09 (progress
 * per CPI), plus the offices and provinces reconciled from every mention. Pure: the curated data is
 * passed in (defaulting to seeds/curated/cpi.json, bundled as a module).
 */
import curatedJson from '../../seeds/curated/cpi.json' with { type: 'json' };
import { SeedError, excerpt } from '../lib/errors.ts';
import { isBlank, squash } from '../lib/seed.ts';
import { slugify } from '../lib/slug.ts';
import type { Check, FamilyResult, ParseCtx, TableInfo } from '../lib/types.ts';
import { firstMonitoringHeader, monitoringSource, parseCpiQuarterly, parseCpiTargets, quarterlyChecks, targetChecks, type TargetTable } from './cpi-monitoring.ts';
import { PLAN_TABLE_ID, parseCpiPlan, type Linea, type PlanGrid } from './cpi-plan.ts';
import { buildRegistry, type CuratedCpi } from './cpi-registry.ts';
import { equalCheck, plain, targetCode } from './cpi-shared.ts';

export interface CpiOptions {
  /** Every table of the family must be present (the whole scheda); false for excerpts in golden tests. */
  requireAll?: boolean;
  /** Curated provinces and comuni (default: seeds/curated/cpi.json). */
  curated?: CuratedCpi;
}

/** The tables the scheda must hold, in document order, with how to recognise them in an error message. */
const REQUIRED: { id: string; what: string }[] = [
  { id: 'T05a', what: 'the activity table "Comunicazione" (header "Versione piano di riferimento … CPI coinvolti")' },
  { id: 'T05b', what: 'the activity table "Formazione"' },
  { id: 'T05c', what: 'the activity table "Osservatorio"' },
  { id: 'T05d', what: 'the activity table "Sistemi informativi"' },
  { id: 'T06', what: 'the activity table "Adeguamento strumentale e infrastrutturale"' },
  { id: 'T07a', what: 'the table "Avanzamento fisico per trimestre M5C1-7" (header "Periodo di rilevazione …")' },
  { id: 'T07b', what: 'the table "Avanzamento fisico per trimestre M5C1-7bis"' },
  { id: 'T08', what: 'the per-CPI table of target M5C1-7 (header "Regione | CPI | …")' },
  { id: 'T09', what: 'the per-CPI table of target M5C1-7bis (header "Regione | CPI | …")' },
];

/**
 * Parse the CPI family from the whole seed: find its tables by structure, read them, reconcile the
 * office names, and check every printed total, percentage and identity.
 */
export function parseCpiFamily(ctx: ParseCtx, options: CpiOptions = {}): FamilyResult {
  const requireAll = options.requireAll ?? true;
  const curated = options.curated ?? (curatedJson as CuratedCpi);

  const grids = parseCpiPlan(ctx);
  const firstMon = firstMonitoringHeader(ctx);
  const source = firstMon >= 0 ? monitoringSource(ctx, firstMon) : null;
  const quarterly = parseCpiQuarterly(ctx, source);
  const targets = parseCpiTargets(ctx, source);
  const tables: TableInfo[] = [...grids.map((g) => g.table), ...quarterly.map((q) => q.table), ...targets.map((t) => t.table)];
  if (requireAll) ensureAll(ctx, tables);
  for (const id of new Set(tables.map((t) => t.id))) {
    const same = tables.filter((t) => t.id === id);
    if (same.length > 1) throw new SeedError(ctx.file, same[1].lines[0], `one table ${id}`, `a second one (the first starts on line ${same[0].lines[0]})`);
  }

  const refs = [...grids.flatMap((g) => g.rows.flatMap((r) => r.refs)), ...targets.flatMap((t) => t.rows.map((r) => r.ref))];
  const registry = buildRegistry(ctx, refs, grids, tables, curated);

  const cpiPlan = grids.flatMap((g) =>
    g.rows.map(({ refs: rowRefs, ...r }) => ({ ...r, cpi: [...new Set(rowRefs.map((x) => x.slug!))] })),
  );
  const cpiPlanLines = grids.map((g) => g.line);
  const cpiQuarterly = quarterly.flatMap((q) => q.rows);

  const checks: Check[] = [...grids.flatMap((g) => g.checks), ...quarterly.flatMap(quarterlyChecks), ...registry.checks];
  const cpiTargets = targets.flatMap((t) => {
    const { records, checks: tc } = finishTargets(t);
    checks.push(...tc);
    return records;
  });
  checks.push(...crossChecks(ctx, grids, quarterly, targets, registry.cpi));

  return {
    tables: [...tables].sort((a, b) => a.lines[0] - b.lines[0]),
    collections: {
      cpiPlan,
      cpiPlanLines,
      cpiQuarterly,
      cpiTargets,
      cpi: registry.cpi,
      provinces: registry.provinces,
    },
    checks,
  };
}

/** A required table that is missing: located after the previous table of the family, or at the end of the file. */
function ensureAll(ctx: ParseCtx, tables: TableInfo[]) {
  const byId = new Map(tables.map((t) => [t.id, t]));
  REQUIRED.forEach(({ id, what }, k) => {
    if (byId.has(id)) return;
    const prev = REQUIRED.slice(0, k)
      .reverse()
      .map((r) => byId.get(r.id))
      .find(Boolean);
    const from = prev ? prev.lines[1] : 0;
    const next = ctx.lines.find((l) => l.n > from && !isBlank(l) && !ctx.claimed(l.n));
    if (!next) throw new SeedError(ctx.file, ctx.lines.length, what, 'end of file');
    throw new SeedError(ctx.file, next.n, `${what}${prev ? ` after line ${from}` : ''}`, excerpt(next.text));
  });
}

/** Record ids (`<target>-<cpi>`, `-2` for a second row of the same CPI), duplicate flags and the table's checks. */
function finishTargets(t: TargetTable) {
  const prefix = slugify(t.target);
  const count = new Map<string, number>();
  const ids = t.rows.map((r) => {
    const n = (count.get(r.ref.slug!) ?? 0) + 1;
    count.set(r.ref.slug!, n);
    return n === 1 ? `${prefix}-${r.ref.slug}` : `${prefix}-${r.ref.slug}-${n}`;
  });
  // Rows of each office, in table order: the other rows of a row's office are its duplicates.
  const rowsOf = new Map<string | undefined, number[]>();
  t.rows.forEach((r, j) => rowsOf.set(r.ref.slug, [...(rowsOf.get(r.ref.slug) ?? []), j]));
  const records = t.rows.map(({ ref, ...r }, k) => {
    const others = rowsOf.get(ref.slug)!.filter((j) => j !== k).map((j) => ids[j]);
    return {
      id: ids[k],
      ...r,
      cpi: ref.slug!,
      nomeStampato: ref.printed,
      baseRilevante: t.baseRilevante,
      duplicato: others.length > 0,
      duplicatoDi: others,
    };
  });
  const checks = targetChecks(t, ids);
  const dups = [...count].filter(([, n]) => n > 1).map(([slug]) => slug);
  const dupRows = t.rows.filter((r) => dups.includes(r.ref.slug!));
  checks.push({
    id: `${t.table.id.toLowerCase()}-cpi-duplicati`,
    table: t.table.id,
    description: `${t.target}: ogni CPI compare in una sola riga della tabella.`,
    stated: null,
    computed: dups.length,
    tolerance: 0,
    ok: dups.length === 0,
    lines: dupRows.map((r) => r.provenance.lines[0]),
    ...(dups.length ? { note: `CPI stampati più volte (righe tenute distinte): ${dups.join(', ')}` } : {}),
  });
  return { records, checks };
}

/**
 * Identities between tables of the family: the quarterly tables' activity counts against the plan rows of
 * their lines of intervention, and the CPI counts against the per-CPI table of the same target.
 */
function crossChecks(
  ctx: ParseCtx,
  grids: PlanGrid[],
  quarterly: ReturnType<typeof parseCpiQuarterly>,
  targets: TargetTable[],
  cpi: { slug: string; kind: string }[],
): Check[] {
  const checks: Check[] = [];
  const linesOf = targetLines(ctx);
  for (const q of quarterly) {
    const tid = q.table.id;
    const lineas = linesOf.get(q.target);
    const planned = lineas && lineas.every((l) => grids.some((g) => g.linea === l)) ? grids.filter((g) => lineas.includes(g.linea)) : null;
    const perCpi = targets.find((t) => t.target === q.target);
    for (const r of q.rows) {
      const p = `${tid.toLowerCase()}-${slugify(r.periodo)}`;
      if (planned) {
        const n = planned.reduce((a, g) => a + g.rows.length, 0);
        checks.push(
          equalCheck(
            `${p}-attivita-piano`,
            tid,
            `${q.target}, ${r.periodo}: le attività programmate sono le righe del Piano per le linee ${lineas!.join(', ')} (${planned.map((g) => g.table.id).join(', ')}).`,
            r.attivitaProgrammate.value,
            n,
            [r.provenance.lines[0], ...planned.map((g) => g.table.lines[0])],
          ),
        );
      }
      // The header of a quarterly table names the target its CPI counts refer to; T07b's was copied from
      // M5C1-7, so its counts are compared only when header and heading agree.
      if (perCpi && q.headerTarget === q.target) {
        const slugs = perCpi.rows.map((x) => x.ref.slug!);
        const kinds = slugs.map((s) => cpi.find((c) => c.slug === s)?.kind);
        const distaccate = kinds.filter((k) => k === 'sede distaccata').length;
        const lines = [r.provenance.lines[0], perCpi.table.lines[0]];
        checks.push(
          equalCheck(`${p}-cpi-tabella`, tid, `${q.target}, ${r.periodo}: i CPI coinvolti sono le righe della tabella per CPI (${perCpi.table.id}).`, r.cpiCoinvolti.value, slugs.length, lines),
          equalCheck(`${p}-sedi-distaccate-tabella`, tid, `${q.target}, ${r.periodo}: le sedi distaccate sono le righe «distaccata» della tabella per CPI (${perCpi.table.id}).`, r.sediDistaccate.value, distaccate, lines),
          equalCheck(`${p}-sedi-centrali-tabella`, tid, `${q.target}, ${r.periodo}: le sedi centrali sono le altre righe della tabella per CPI (${perCpi.table.id}).`, r.sediCentrali.value, slugs.length - distaccate, lines),
        );
      }
    }
  }
  return checks;
}

/**
 * Which lines of intervention each target covers, read from the target's description ("… relativamente
 * alle linee: i) Sistemi informativi; ii) osservatorio; …" under the heading "Target M5C1 – 7").
 */
function targetLines(ctx: ParseCtx): Map<string, Linea[]> {
  const out = new Map<string, Linea[]>();
  const names = Object.keys(PLAN_TABLE_ID) as Linea[];
  ctx.lines.forEach((l, i) => {
    const m = /relativamente\s+all[ae]?\s+(.*)$/i.exec(l.text);
    if (!m) return;
    let target: string | null = null;
    for (let j = i - 1; j >= 0 && j >= i - 6 && !target; j--) target = targetCode(ctx.lines[j].text);
    if (!target || out.has(target)) return;
    const found = m[1]
      .split(/[;,]|\b[ivx]+\)/i)
      .map((piece) => plain(piece))
      .map((k) => names.find((n) => lineaMatches(n, k)))
      .filter((x): x is Linea => !!x);
    if (found.length) out.set(target, [...new Set(found)]);
  });
  return out;
}

function lineaMatches(linea: Linea, text: string): boolean {
  const k = squash(text);
  switch (linea) {
    case 'comunicazione':
      return k.includes('comunicazion');
    case 'formazione':
      return k.includes('formazion');
    case 'osservatorio':
      return k.includes('osservatori');
    case 'sistemi-informativi':
      return k.includes('sistemiinformativ');
    case 'adeguamento':
      return k.includes('adeguamentostrumental');
  }
}
