/**
 * Amounts by category and source, stacked (the CPI plan's funding by line of intervention and
 * by source of funding; the same by province). Sources keep the document's column order and a
 * fixed colour each; the page draws the legend.
 */
import * as Plot from '@observablehq/plot';
import { formatEuro, formatEuroCompact } from '../lib/format.ts';
import { LABELLED_ROW, PALETTE, SOURCE_COLORS, barBelowLabel, euroTick, labelAboveBar } from './common.ts';
import type { ChartPlotOptions } from './render.ts';

export interface StackedRow {
  category: string;
  source: string;
  /** Amount in euro (rows without a number are left out by the caller and listed in the table). */
  value: number;
}

export interface StackedOptions {
  ariaLabel: string;
  /** Sources in legend order. */
  sources: readonly string[];
  /** Categories in display order (default: by total, largest first). */
  categories?: readonly string[];
  /** A category to emphasise (its label is marked with ▶). */
  highlight?: string;
  width?: number;
}

/** Legend entries (label and colour of each source). */
export function stackedLegend(sources: readonly string[]) {
  return sources.map((s, i) => ({ label: s, color: SOURCE_COLORS[i % SOURCE_COLORS.length], dashed: false }));
}

/** Total by category, largest first. */
export function stackedTotals(rows: readonly StackedRow[]): { category: string; total: number }[] {
  const m = new Map<string, number>();
  for (const r of rows) m.set(r.category, (m.get(r.category) ?? 0) + r.value);
  return [...m].map(([category, total]) => ({ category, total })).sort((a, b) => b.total - a.total || a.category.localeCompare(b.category));
}

/** One sentence: the grand total and the largest category. */
export function stackedSummary(rows: readonly StackedRow[]): string {
  const totals = stackedTotals(rows);
  if (totals.length === 0) return 'Nessun importo da mostrare.';
  const all = totals.reduce((s, t) => s + t.total, 0);
  const top = totals[0];
  return `In totale ${formatEuro(all)}; la voce maggiore è «${top.category}» con ${formatEuro(top.total)}.`;
}

/** Plot options: horizontal stacked bars (label above each), the total at the end of each bar. */
export function stackedBarsChart(rows: readonly StackedRow[], { ariaLabel, sources, categories, highlight, width = 440 }: StackedOptions): ChartPlotOptions {
  const totals = stackedTotals(rows);
  const order = categories ? [...categories] : totals.map((t) => t.category);
  const shown = (c: string) => (c === highlight ? `▶ ${c}` : c);
  const data = rows.map((r) => ({ ...r, label: shown(r.category) }));
  const totalData = totals.map((t) => ({ ...t, label: shown(t.category) }));
  const bar = barBelowLabel();
  return {
    ariaLabel,
    ariaDescription: stackedSummary(rows) + ' ' + totals.map((t) => `${t.category}: ${formatEuro(t.total)}`).join('; ') + '.',
    width,
    height: LABELLED_ROW * order.length + 48,
    marginLeft: 12,
    marginRight: 78,
    marginTop: 12,
    marginBottom: 36,
    x: { label: 'euro', tickFormat: euroTick, ticks: 3, grid: true },
    y: { domain: order.map(shown), axis: null, paddingInner: 0, paddingOuter: 0 },
    color: { domain: [...sources], range: SOURCE_COLORS.slice(0, Math.max(1, sources.length)) as unknown as string[] },
    marks: [
      Plot.barX(data, {
        x: 'value',
        y: 'label',
        fill: 'source',
        stroke: 'white',
        order: [...sources],
        title: (d: StackedRow) => `${d.category} — ${d.source}: ${formatEuro(d.value)}`,
        ...bar,
      }),
      Plot.text(totalData, { y: 'label', text: 'label', ...labelAboveBar() }),
      Plot.text(totalData, { x: 'total', y: 'label', text: (d: { total: number }) => formatEuroCompact(d.total), textAnchor: 'start', dx: 5, dy: Math.round(LABELLED_ROW / 4) - 1, fill: PALETTE.grey }),
      Plot.ruleX([0]),
    ],
  };
}
