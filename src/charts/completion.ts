/**
 * Completion of an indicator in every CPI (M5C1-7, M5C1-7bis): one column per office, sorted,
 * with the regional median and — on a CPI's own page — that office emphasised and named.
 * Columns without axis labels keep the chart readable at 390 px; names are in the tooltips
 * and the data table.
 */
import * as Plot from '@observablehq/plot';
import { formatPercent } from '../lib/format.ts';
import { PALETTE, percentTick } from './common.ts';
import type { ChartPlotOptions } from './render.ts';

export interface CompletionRow {
  /** Key that identifies the office (slug or seed line), unique. */
  key: string;
  label: string;
  /** Completion in percentage points, or null when not computable. */
  pct: number | null;
  highlight?: boolean;
}

export interface CompletionOptions {
  ariaLabel: string;
  /** Indicator name ("M5C1-7"). */
  indicator: string;
  width?: number;
}

/** Median of the defined values (null when there are none). */
export function median(values: readonly (number | null)[]): number | null {
  const v = values.filter((x): x is number => x !== null).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** Offices with a value, highest first (ties by label). */
export function completionOrder(rows: readonly CompletionRow[]): (CompletionRow & { pct: number })[] {
  return rows
    .filter((r): r is CompletionRow & { pct: number } => r.pct !== null)
    .sort((a, b) => b.pct - a.pct || a.label.localeCompare(b.label));
}

/** One sentence: the median, how many offices completed everything, the emphasised office. */
export function completionSummary(rows: readonly CompletionRow[], indicator: string): string {
  const sorted = completionOrder(rows);
  const med = median(rows.map((r) => r.pct));
  if (med === null) return `Nessun CPI ha un valore di completamento per ${indicator}.`;
  const full = sorted.filter((r) => r.pct >= 100).length;
  const h = sorted.find((r) => r.highlight);
  const missing = rows.length - sorted.length;
  return (
    `${indicator}: mediana regionale ${formatPercent(med)} su ${sorted.length} CPI; ${full} ${full === 1 ? 'ha' : 'hanno'} completato tutte le attività` +
    (h ? `; ${h.label} è a ${formatPercent(h.pct)}` : '') +
    (missing ? `; ${missing} senza valore` : '') +
    '.'
  );
}

/** Plot options: sorted columns 0–100%, median rule, emphasised office labelled. */
export function completionChart(rows: readonly CompletionRow[], { ariaLabel, indicator, width = 480 }: CompletionOptions): ChartPlotOptions {
  const data = completionOrder(rows);
  const med = median(rows.map((r) => r.pct));
  const top = Math.max(100, ...data.map((d) => d.pct));
  const h = data.find((d) => d.highlight);
  const hIndex = h ? data.indexOf(h) : -1;
  return {
    ariaLabel,
    ariaDescription: completionSummary(rows, indicator),
    width,
    height: 260,
    marginLeft: 48,
    marginRight: 16,
    marginTop: 34,
    marginBottom: 28,
    x: { domain: data.map((d) => d.key), axis: null, padding: 0.15 },
    y: { domain: [0, top], label: '% attività completate', tickFormat: percentTick, ticks: 5, grid: true },
    marks: [
      Plot.barY(data, {
        x: 'key',
        y: 'pct',
        fill: (d: CompletionRow) => (d.highlight ? PALETTE.highlight : PALETTE.blue),
        title: (d: CompletionRow & { pct: number }) => `${d.label}: ${formatPercent(d.pct)}`,
      }),
      ...(med === null
        ? []
        : [
            Plot.ruleY([med], { stroke: PALETTE.orange, strokeWidth: 2, strokeDasharray: '5,3' }),
            Plot.text([med], { y: (d: number) => d, frameAnchor: 'right', dy: -8, textAnchor: 'end', text: (d: number) => `mediana ${formatPercent(d)}`, fill: PALETTE.orange, fontWeight: 'bold' }),
          ]),
      ...(h
        ? [
            Plot.text([h], {
              x: 'key',
              y: 'pct',
              dy: -10,
              // Keep the name inside the frame whichever end of the ranking the office is at.
              textAnchor: hIndex < data.length / 3 ? 'start' : hIndex > (2 * data.length) / 3 ? 'end' : 'middle',
              text: (d: CompletionRow & { pct: number }) => `${d.label}: ${formatPercent(d.pct)}`,
              fill: PALETTE.highlight,
              fontWeight: 'bold',
            }),
          ]
        : []),
      Plot.ruleY([0]),
    ],
  };
}
