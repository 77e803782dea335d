/**
 * One value per item, as sorted horizontal bars, one item emphasised (a province among the
 * twelve). Used to compare a place with the others.
 */
import * as Plot from '@observablehq/plot';
import { formatKind, type ValueKind } from '../lib/format.ts';
import { PALETTE, euroTick, marginForLabels, numberTick, percentTick } from './common.ts';
import type { ChartPlotOptions } from './render.ts';

export interface RankedRow {
  label: string;
  value: number | null;
  highlight?: boolean;
}

export interface RankedOptions {
  ariaLabel: string;
  kind: ValueKind;
  /** What the value is ("importo dei progetti"), for the axis and the texts. */
  measure: string;
  width?: number;
}

const tick = (k: ValueKind) => (k === 'euro' ? euroTick : k === 'percentuale' ? percentTick : numberTick);

/** Items with a value, largest first (ties by label, for stable output). */
export function rankedOrder(rows: readonly RankedRow[]): (RankedRow & { value: number })[] {
  return rows
    .filter((r): r is RankedRow & { value: number } => r.value !== null)
    .sort((a, b) => b.value - a.value || a.label.localeCompare(b.label));
}

/** One sentence: the emphasised item's rank, or the largest item. */
export function rankedSummary(rows: readonly RankedRow[], { kind, measure }: Pick<RankedOptions, 'kind' | 'measure'>): string {
  const sorted = rankedOrder(rows);
  if (sorted.length === 0) return `Nessun valore di ${measure} da confrontare.`;
  const h = sorted.findIndex((r) => r.highlight);
  const missing = rows.find((r) => r.highlight && r.value === null);
  if (missing) {
    return `${missing.label} non ha un valore di ${measure}; tra le altre, il valore più alto è di ${sorted[0].label} (${formatKind(sorted[0].value, kind)}).`;
  }
  if (h >= 0) {
    return `${sorted[h].label} è ${h + 1}ª su ${sorted.length} per ${measure} (${formatKind(sorted[h].value, kind)}); il valore più alto è di ${sorted[0].label} (${formatKind(sorted[0].value, kind)}).`;
  }
  return `Il valore più alto di ${measure} è di ${sorted[0].label} (${formatKind(sorted[0].value, kind)}), il più basso di ${sorted.at(-1)!.label} (${formatKind(sorted.at(-1)!.value, kind)}).`;
}

/** Plot options: sorted bars, the emphasised one in a contrasting colour and bold label. */
export function rankedBarsChart(rows: readonly RankedRow[], { ariaLabel, kind, measure, width = 480 }: RankedOptions): ChartPlotOptions {
  const data = rankedOrder(rows).map((r) => ({ ...r, shown: r.highlight ? `▶ ${r.label}` : r.label }));
  return {
    ariaLabel,
    ariaDescription: rankedSummary(rows, { kind, measure }),
    width,
    height: 30 * data.length + 56,
    marginLeft: marginForLabels(data.map((d) => d.shown)),
    marginRight: 86,
    marginBottom: 36,
    x: { label: measure, tickFormat: tick(kind), ticks: 3, grid: true },
    y: { domain: data.map((d) => d.shown), label: null, padding: 0.2 },
    marks: [
      Plot.barX(data, {
        x: 'value',
        y: 'shown',
        fill: (d: RankedRow) => (d.highlight ? PALETTE.highlight : PALETTE.blue),
        title: (d: RankedRow & { value: number }) => `${d.label}: ${formatKind(d.value, kind)}`,
      }),
      Plot.text(data, { x: 'value', y: 'shown', text: (d: { value: number }) => tick(kind)(d.value), textAnchor: 'start', dx: 5 }),
      Plot.ruleX([0]),
    ],
  };
}
