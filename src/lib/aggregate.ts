/**
 * Sums and groupings the pages show (totals of a province, an entity, a CPI's plan funding).
 * Pure functions: a missing figure is never added as 0 — it is counted apart, so a total can
 * say "over N projects, M without a figure".
 */
import type { Value } from '../schemas/common.ts';
import type { CpiPlan } from '../schemas/cpi.ts';
import { ratio } from './format.ts';

/** A derived sum and how many figures it left out. */
export interface Sum {
  /** Sum of the valid figures (0 when there are none: check `valid`). */
  sum: number;
  /** Figures that entered the sum. */
  valid: number;
  /** Figures without a number (non validato, n/d, assente…). */
  missing: number;
}

/** Sum the valid figures; count the others. Cents are rounded away from binary noise. */
export function sumValues(values: readonly (Value | null | undefined)[]): Sum {
  let sum = 0;
  let valid = 0;
  let missing = 0;
  for (const v of values) {
    if (v && v.status === 'valido' && v.value !== null) {
      sum += v.value;
      valid++;
    } else missing++;
  }
  return { sum: Math.round(sum * 100) / 100, valid, missing };
}

/**
 * A derived sum as a table cell: the number when at least one figure entered it, otherwise
 * words — a sum of nothing is not a zero the document printed.
 */
export function sumCell(s: Sum, none = 'nessun importo'): number | string {
  return s.valid > 0 ? s.sum : none;
}

/** Totals of a set of projects: importo, spese, share spent over the projects that have both. */
export function projectTotals(projects: readonly { importo: Value; spese: Value }[]) {
  const both = projects.filter((p) => p.importo.status === 'valido' && p.spese.status === 'valido');
  const importoBoth = sumValues(both.map((p) => p.importo)).sum;
  const speseBoth = sumValues(both.map((p) => p.spese)).sum;
  return {
    count: projects.length,
    importo: sumValues(projects.map((p) => p.importo)),
    spese: sumValues(projects.map((p) => p.spese)),
    /** Spese / importo over the projects that print both, in percentage points; null if none. */
    quotaSpesa: ratio(speseBoth, importoBoth),
    conEntrambi: both.length,
  };
}

/** Group items by a key, keeping first-seen order of keys and items. */
export function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
}

/** The three funding sources of the CPI plan, in the document's column order. */
export const PLAN_SOURCES = [
  { key: 'nazionali', label: 'Risorse nazionali (DM 74/2019 e 59/2020)' },
  { key: 'pnrrInEssere', label: 'PNRR, progetti in essere' },
  { key: 'pnrrNative', label: 'PNRR, risorse native' },
] as const;

export type PlanSourceKey = (typeof PLAN_SOURCES)[number]['key'];

/** Plan activities of one CPI: named rows, rows for all CPI of its province, rows for every CPI of the region. */
export function planRowsFor(cpiSlug: string, province: string | null, plan: readonly CpiPlan[]) {
  return {
    /** Rows that name this office. */
    proprie: plan.filter((r) => r.cpi.includes(cpiSlug)),
    /** "Tutti i CPI della Provincia di X": shared by every office of the province. */
    provinciali: province ? plan.filter((r) => r.ambito?.tipo === 'provincia' && r.ambito.provincia === province) : [],
    /** "Tutti i CPI (di Regione Lombardia)": shared by every office of the region. */
    regionali: plan.filter((r) => r.ambito?.tipo === 'regione'),
  };
}

/** Funding of plan rows by source. A row naming several CPI counts once, for the whole row. */
export function planFunding(rows: readonly CpiPlan[]): Record<PlanSourceKey, Sum> & { totale: number } {
  const out = {
    nazionali: sumValues(rows.map((r) => r.nazionali)),
    pnrrInEssere: sumValues(rows.map((r) => r.pnrrInEssere)),
    pnrrNative: sumValues(rows.map((r) => r.pnrrNative)),
  };
  return { ...out, totale: Math.round((out.nazionali.sum + out.pnrrInEssere.sum + out.pnrrNative.sum) * 100) / 100 };
}
