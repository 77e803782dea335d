/**
 * Data-quality notes next to the data they concern: from the normalisation report, the failed
 * reconciliation checks and the repairs that touch a record (by its seed lines) or a table.
 * Pure functions over the report, so pages only say *which* record or table they show.
 */
import type { Report } from '../../scripts/lib/pipeline.ts';
import type { AppliedRepair, Check } from '../../scripts/lib/types.ts';
import type { Provenance } from '../schemas/common.ts';

/** What a page shows beside a record or a table. */
export interface QualityNotes {
  /** Reconciliation checks that failed. */
  mismatches: Check[];
  /** Repairs applied to the lines shown (general rules and human corrections). */
  repairs: AppliedRepair[];
}

const within = (line: number, [first, last]: readonly [number, number]) => line >= first && line <= last;

/** Notes for one record: failed checks that cite one of its lines, repairs on its lines. */
export function notesForLines(report: Pick<Report, 'checks' | 'repairs'>, span: readonly [number, number], table?: string): QualityNotes {
  return {
    mismatches: report.checks.filter((c) => !c.ok && c.lines.some((l) => within(l, span)) && (!table || c.table === table || c.table.startsWith(table))),
    repairs: report.repairs.filter((r) => within(r.line, span)),
  };
}

/** Notes for a record, from its provenance. */
export function notesForRecord(report: Pick<Report, 'checks' | 'repairs'>, provenance: Provenance): QualityNotes {
  return notesForLines(report, provenance.lines);
}

/**
 * Notes for whole tables: failed checks and repairs whose table is one of `tables`
 * (an id like "T11", or a family prefix like "T05" that also covers T05a…T05d).
 */
export function notesForTables(report: Pick<Report, 'checks' | 'repairs'>, tables: readonly string[]): QualityNotes {
  const hit = (t: string) => tables.some((id) => t === id || (t.startsWith(id) && /^[a-z]$/.test(t.slice(id.length))));
  return {
    mismatches: report.checks.filter((c) => !c.ok && hit(c.table)),
    repairs: report.repairs.filter((r) => hit(r.table)),
  };
}

/** Merge notes without duplicates (a record's notes and its table's notes may overlap). */
export function mergeNotes(...all: QualityNotes[]): QualityNotes {
  const checks = new Map<string, Check>();
  const repairs = new Map<string, AppliedRepair>();
  for (const n of all) {
    for (const c of n.mismatches) checks.set(`${c.table}|${c.id}`, c);
    for (const r of n.repairs) repairs.set(`${r.line}|${r.rule}|${r.raw}`, r);
  }
  return { mismatches: [...checks.values()], repairs: [...repairs.values()] };
}

/** True when there is nothing to say. */
export const isEmpty = (n: QualityNotes) => n.mismatches.length === 0 && n.repairs.length === 0;
