/**
 * Inspections by semester and year (lavoro sommerso, M5C1-10), stacked, with the target's
 * yearly average as a line. A semester the document leaves blank is simply not drawn.
 */
import * as Plot from '@observablehq/plot';
import { formatNumber } from '../lib/format.ts';
import { PALETTE, numberTick } from './common.ts';
import type { ChartPlotOptions } from './render.ts';

export interface InspectionRow {
  year: string;
  semester: string;
  value: number | null;
}

export interface InspectionOptions {
  ariaLabel: string;
  /** Semesters in stacking order (legend order). */
  semesters: readonly string[];
  /** Yearly average the target requires, drawn as a line. */
  target?: number | null;
  width?: number;
}

const COLORS = [PALETTE.blue, PALETTE.orange];

/** Legend entries (semesters, then the target line). */
export function inspectionsLegend(semesters: readonly string[], target?: number | null) {
  return [
    ...semesters.map((s, i) => ({ label: s, color: COLORS[i % COLORS.length], dashed: false })),
    ...(target != null ? [{ label: `obiettivo: media di ${formatNumber(target, 0)} ispezioni l'anno`, color: PALETTE.grey, dashed: true }] : []),
  ];
}

/** One sentence: yearly totals and the missing semesters. */
export function inspectionsSummary(rows: readonly InspectionRow[]): string {
  const years = [...new Set(rows.map((r) => r.year))];
  const parts = years.map((y) => {
    const rs = rows.filter((r) => r.year === y);
    const tot = rs.reduce((s, r) => s + (r.value ?? 0), 0);
    const missing = rs.filter((r) => r.value === null).map((r) => r.semester);
    return `${y}: ${formatNumber(tot, 0)}${missing.length ? ` (manca il ${missing.join(' e il ')})` : ''}`;
  });
  return `Ispezioni per anno — ${parts.join('; ')}.`;
}

/** Plot options: stacked columns by year, target line. */
export function inspectionsChart(rows: readonly InspectionRow[], { ariaLabel, semesters, target = null, width = 480 }: InspectionOptions): ChartPlotOptions {
  const data = rows.filter((r) => r.value !== null);
  const years = [...new Set(rows.map((r) => r.year))];
  return {
    ariaLabel,
    ariaDescription: inspectionsSummary(rows) + (target != null ? ` Obiettivo: media di ${formatNumber(target, 0)} l'anno.` : ''),
    width,
    height: 320,
    marginLeft: 64,
    marginRight: 16,
    marginBottom: 36,
    x: { domain: years, label: null, padding: 0.35 },
    y: { grid: true, label: 'ispezioni', tickFormat: numberTick },
    color: { domain: [...semesters], range: COLORS.slice(0, semesters.length) },
    marks: [
      Plot.barY(data, {
        x: 'year',
        y: 'value',
        fill: 'semester',
        stroke: 'white',
        order: [...semesters],
        title: (r: InspectionRow) => `${r.year}, ${r.semester}: ${formatNumber(r.value!, 0)}`,
      }),
      ...(target != null ? [Plot.ruleY([target], { stroke: PALETTE.grey, strokeWidth: 2, strokeDasharray: '6,4' })] : []),
      Plot.ruleY([0]),
    ],
  };
}
