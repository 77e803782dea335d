/**
 * The pure normalisation pipeline: seed bytes in, collections + report out. No file I/O here
 * (scripts/normalize.ts reads and writes), so tests can run it on in-memory editions.
 */
import { createHash } from 'node:crypto';
import { collectionSchemas } from '../../src/schemas/index.ts';
import { buildComuni, parseCpiFamily, parseMeasures, parseProgrammes, parseProjectsFamily, scanHeadings } from '../parse/index.ts';
import { createContext } from './context.ts';
import { SeedError } from './errors.ts';
import { crossChecks } from './reconcile.ts';
import { decodeSeed, isBlank, isSeparator, toLines } from './seed.ts';
import type { AppliedRepair, Check, Correction, FamilyResult, TableInfo } from './types.ts';

export interface LineReport {
  line: number;
  class: 'consumed' | 'structural' | 'prose' | 'unconsumed';
  /** Table/record that consumed it, structural role, or measure of the prose. */
  by: string | null;
}

export interface Report {
  edition: Edition;
  summary: {
    lines: number;
    records: number;
    repairs: number;
    corrections: number;
    checks: number;
    mismatches: number;
    unconsumed: number;
    unconsumedWithDigits: number;
    statusCounts: Record<string, number>;
    byClass: Record<LineReport['class'], number>;
  };
  tables: TableInfo[];
  checks: Check[];
  repairs: AppliedRepair[];
  lines: LineReport[];
  unconsumed: { line: number; text: string; raw: string }[];
}

export interface Edition {
  file: string;
  sha256: string;
  bytes: number;
  lines: number;
  /** Every "dati al" date stated in the document, sorted. */
  datiAl: string[];
  /** The latest "dati al" date: identifies the edition together with the sha256. */
  aggiornamento: string | null;
  issuer: string | null;
  title: string | null;
  region: string | null;
}

export interface NormalizeOutput {
  collections: Record<string, object[]>;
  report: Report;
  edition: Edition;
}

/** Issuer, title and licence kept by hand beside the seed (seeds/source.json). */
export interface SourceInfo {
  issuer?: string;
  title?: string;
  region?: string;
  licence?: string;
  licenceUrl?: string;
}

export function normalizeSeed(bytes: Uint8Array, file: string, corrections: Correction[], source: SourceInfo = {}): NormalizeOutput {
  const text = decodeSeed(bytes, file);
  const lines = toLines(text);
  const { ctx, claims, repairs } = createContext(file, lines, corrections);

  // The headings are read once, for the programme tables and for the measures.
  const structure = scanHeadings(ctx);
  const results: FamilyResult[] = [parseProgrammes(ctx, structure), parseCpiFamily(ctx), parseProjectsFamily(ctx)];
  const collections: Record<string, object[]> = {};
  const merge = (r: FamilyResult) => {
    for (const [name, recs] of Object.entries(r.collections)) (collections[name] ??= []).push(...recs);
  };
  results.forEach(merge);
  const tables = results.flatMap((r) => r.tables);
  const measures = parseMeasures(ctx, tables, collections, structure);
  merge(measures);
  const comuni = buildComuni(collections);
  merge(comuni);
  const allTables = [...tables, ...measures.tables, ...comuni.tables].sort((a, b) => a.lines[0] - b.lines[0]);
  const checks = [...results.flatMap((r) => r.checks), ...measures.checks, ...comuni.checks, ...crossChecks(collections)];

  // Every declared collection is written, even when an edition has no rows for it: the site's
  // loaders treat a missing file as a normaliser that did not run.
  for (const name of Object.keys(collectionSchemas)) collections[name] ??= [];
  validateCollections(file, collections);

  // Classify every line: claimed by a parser, blank/separator (structural), or unconsumed.
  const lineReport: LineReport[] = lines.map((l) => {
    const c = claims.get(l.n);
    if (c) return { line: l.n, class: c.kind, by: c.by };
    if (isBlank(l)) return { line: l.n, class: 'structural', by: 'vuota' };
    if (isSeparator(l)) return { line: l.n, class: 'structural', by: 'separatore' };
    return { line: l.n, class: 'unconsumed', by: null };
  });
  const unconsumed = lineReport
    .filter((r) => r.class === 'unconsumed')
    .map((r) => ({ line: r.line, text: lines[r.line - 1].text, raw: lines[r.line - 1].raw }));

  const datiAl = [...new Set(allTables.map((t) => t.datiAl).filter((d): d is string => !!d))].sort();
  const doc = (collections.document?.[0] ?? {}) as { title?: string; region?: string };
  const edition: Edition = {
    file,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.length,
    lines: lines.length,
    datiAl,
    aggiornamento: datiAl.at(-1) ?? null,
    issuer: source.issuer ?? null,
    title: source.title ?? doc.title ?? null,
    region: source.region ?? doc.region ?? null,
  };

  const statusCounts: Record<string, number> = {};
  countStatuses(collections, statusCounts);
  const byClass = { consumed: 0, structural: 0, prose: 0, unconsumed: 0 };
  for (const r of lineReport) byClass[r.class]++;
  const report: Report = {
    edition,
    summary: {
      lines: lines.length,
      records: Object.values(collections).reduce((n, c) => n + c.length, 0),
      repairs: repairs.length,
      corrections: repairs.filter((r) => r.kind === 'correzione').length,
      checks: checks.length,
      mismatches: checks.filter((c) => !c.ok).length,
      unconsumed: unconsumed.length,
      unconsumedWithDigits: unconsumed.filter((u) => /\d/.test(u.text)).length,
      statusCounts,
      byClass,
    },
    tables: allTables,
    checks: [...checks].sort((a, b) => Number(a.ok) - Number(b.ok) || a.table.localeCompare(b.table) || a.id.localeCompare(b.id)),
    repairs: [...repairs].sort((a, b) => a.line - b.line || a.rule.localeCompare(b.rule) || a.raw.localeCompare(b.raw)),
    lines: lineReport,
    unconsumed,
  };
  return { collections: sortCollections(collections), report, edition };
}

/** Validate every record with its collection's schema (zod); a failure points at the record's first seed line. */
export function validateCollections(file: string, collections: Record<string, object[]>): void {
  for (const [name, records] of Object.entries(collections)) {
    const schema = collectionSchemas[name];
    if (!schema) throw new Error(`collection "${name}" has no schema in src/schemas`);
    const ids = new Set<string>();
    for (const rec of records) {
      const r = rec as { id?: string; provenance?: { lines: [number, number] } };
      const line = r.provenance?.lines?.[0] ?? 1;
      const res = schema.safeParse(rec);
      if (!res.success) {
        const issue = res.error.issues[0];
        throw new SeedError(file, line, `a valid ${name} record (${issue.path.join('.')}: ${issue.message})`, JSON.stringify(rec).slice(0, 100));
      }
      if (typeof r.id !== 'string') throw new SeedError(file, line, `an id for a ${name} record`, 'none');
      if (ids.has(r.id)) throw new SeedError(file, line, `a unique id in ${name}`, `"${r.id}" twice`);
      ids.add(r.id);
    }
  }
}

function countStatuses(v: unknown, acc: Record<string, number>) {
  if (typeof v !== 'object' || v === null) return;
  if (Array.isArray(v)) {
    for (const x of v) countStatuses(x, acc);
    return;
  }
  const o = v as Record<string, unknown>;
  if (typeof o.status === 'string' && 'raw' in o && 'value' in o) acc[o.status] = (acc[o.status] ?? 0) + 1;
  else for (const k of Object.keys(o)) countStatuses(o[k], acc);
}

function sortCollections(c: Record<string, object[]>): Record<string, object[]> {
  return Object.fromEntries(Object.keys(c).sort().map((k) => [k, c[k]]));
}


