/**
 * The projects family: Crescere Green (T15a/T15b) and the M5C2 project tables (T16–T22), then the
 * entities that implement them. Collections: `projects`, `entities`, `crescereGreen`,
 * `projectTables` (per-table row counts and derived sums, information only: the document prints
 * no totals for these tables).
 */
import { SeedError, excerpt } from '../lib/errors.ts';
import type { FamilyResult, ParseCtx, Provenance, TableInfo } from '../lib/types.ts';
import { cents, has, type Value, type ValueStatus } from '../lib/values.ts';
import { parseCrescereGreen } from './crescere-green.ts';
import { buildEntities, canonicalNames, curatedEntities, type CuratedEntity } from './entities.ts';
import { isProjectsCaption } from './m5c2-measure.ts';
import { parseM5c2Tables, type Indicator, type ProjectDraft } from './m5c2.ts';

/** A project as published: one CUP. */
export interface ProjectRecord {
  id: string;
  cup: string;
  measure: string;
  table: string;
  entity: string;
  nomeStampato: string;
  regione: string | null;
  importo: Value;
  spese: Value;
  percentualeSpesa: number | null;
  indicators: Indicator[];
  provenance: Provenance;
}

/** Spesa as a percentage of importo (2 decimals), only when both are valid and importo is positive. */
export function spendingShare(importo: Value, spese: Value): number | null {
  if (!has(importo) || !has(spese) || importo.value <= 0) return null;
  return cents((spese.value / importo.value) * 100);
}

/** Derived column sums of one table (no total is printed to check them against). */
function columnSum(values: Value[]) {
  const ok = values.filter(has);
  return { somma: cents(ok.reduce((n, v) => n + v.value, 0)), righeConValore: ok.length, righeSenzaValore: values.length - ok.length };
}

function statusCounts(projects: ProjectDraft[]): Record<Exclude<ValueStatus, 'valido'>, number> {
  const acc = { non_validato: 0, non_valido: 0, nd: 0, assente: 0 };
  const count = (v: Value) => {
    if (v.status !== 'valido') acc[v.status]++;
  };
  for (const p of projects) {
    count(p.importo);
    if (p.regione === null) count(p.spese);
    for (const i of p.indicators) {
      count(i.programmato);
      count(i.realizzato);
    }
  }
  return acc;
}

/**
 * Parse the family. `curated` defaults to seeds/curated/entities.json (tests pass their own).
 */
export function parseProjectsFamily(ctx: ParseCtx, curated: CuratedEntity[] = curatedEntities()): FamilyResult {
  const cg = parseCrescereGreen(ctx);
  const m5 = parseM5c2Tables(ctx, cg.endIdx - 1);
  requireAnnouncedTables(ctx, [...cg.tables, ...m5.tables]);

  const drafts = [...cg.projects, ...m5.projects];
  const seen = new Map<string, number>();
  for (const d of drafts) {
    const prev = seen.get(d.cup);
    if (prev !== undefined) throw new SeedError(ctx.file, d.provenance.lines[0], `a CUP not already listed (it is on line ${prev})`, d.cup);
    seen.set(d.cup, d.provenance.lines[0]);
  }
  const names = canonicalNames(ctx, drafts);
  const entities = buildEntities(drafts, names, curated);
  const slugOf = new Map(entities.map((e) => [e.name, e.slug]));

  const projects: ProjectRecord[] = drafts.map((d, k) => ({
    id: d.cup.toLowerCase(),
    cup: d.cup,
    measure: d.measure,
    table: d.table,
    entity: slugOf.get(names[k])!,
    nomeStampato: d.nomeStampato,
    regione: d.regione,
    importo: d.importo,
    spese: d.spese,
    percentualeSpesa: spendingShare(d.importo, d.spese),
    indicators: d.indicators,
    provenance: d.provenance,
  }));

  const projectTables = [...cg.tables.filter((t) => t.collection === 'projects'), ...m5.tables].map((t) => tableSummary(ctx, t, drafts.filter((d) => d.table === t.id)));
  return {
    tables: [...cg.tables, ...m5.tables],
    collections: { projects, entities, crescereGreen: cg.summaries, projectTables },
    checks: cg.checks,
  };
}

function tableSummary(ctx: ParseCtx, t: TableInfo, rows: ProjectDraft[]) {
  const hasSpese = rows.some((r) => r.regione === null);
  return {
    id: t.id.toLowerCase(),
    table: t.id,
    measure: t.measure!,
    title: t.title,
    rows: rows.length,
    importo: columnSum(rows.map((r) => r.importo)),
    spese: hasSpese ? columnSum(rows.map((r) => r.spese)) : null,
    stati: statusCounts(rows),
    provenance: { file: ctx.file, lines: t.lines, table: t.id, tableTitle: t.title, datiAl: t.datiAl, fonte: t.fonte },
  };
}

/**
 * Every sentence announcing a table of projects must be followed by one before the next such
 * sentence: otherwise the table is missing (a file cut short, a page lost).
 */
function requireAnnouncedTables(ctx: ParseCtx, tables: TableInfo[]) {
  const captions = ctx.lines.filter((l) => isProjectsCaption(l.text));
  captions.forEach((c, k) => {
    const next = captions[k + 1];
    const found = tables.some((t) => t.lines[0] > c.n && (!next || t.lines[0] < next.n));
    if (!found) {
      const last = ctx.lines[ctx.lines.length - 1];
      throw new SeedError(
        ctx.file,
        next ? next.n : last.n,
        `the table of projects announced at line ${c.n} (${excerpt(c.text, 60)})`,
        next ? `the next announcement ${excerpt(next.text, 60)}` : 'end of file',
      );
    }
  });
}
