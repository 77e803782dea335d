/**
 * Spending against funding for every project of a measure: for each CUP, a light bar for the
 * amount financed with a dark bar for what has been spent inside it. The entity's name sits
 * above each bar rather than in a left margin, so the chart stays readable on a phone.
 */
import * as Plot from '@observablehq/plot';
import { formatEuro, formatNumber, formatPercent, ratio } from '../lib/format.ts';
import { LABELLED_ROW, PALETTE, barBelowLabel, clip, euroTick, labelAboveBar } from './common.ts';
import type { ChartPlotOptions } from './render.ts';

export interface SpendingRow {
  cup: string;
  /** Implementing entity, as the label. */
  label: string;
  importo: number | null;
  spese: number | null;
}

export interface SpendingOptions {
  ariaLabel: string;
  width?: number;
}

const ROW = LABELLED_ROW;

/** Projects with an amount financed, largest first (ties by CUP). */
export function spendingOrder(rows: readonly SpendingRow[]): (SpendingRow & { importo: number })[] {
  return rows
    .filter((r): r is SpendingRow & { importo: number } => r.importo !== null)
    .sort((a, b) => b.importo - a.importo || a.cup.localeCompare(b.cup));
}

/** One sentence: total spent of total financed, and projects without a figure. */
export function spendingSummary(rows: readonly SpendingRow[]): string {
  const both = rows.filter((r) => r.importo !== null && r.spese !== null);
  const imp = both.reduce((s, r) => s + r.importo!, 0);
  const sp = both.reduce((s, r) => s + r.spese!, 0);
  const pct = ratio(sp, imp);
  const missing = rows.length - both.length;
  return (
    `${formatNumber(both.length, 0)} progetti con importo e spesa: spesi ${formatEuro(sp)} su ${formatEuro(imp)}` +
    (pct === null ? '' : ` (${formatPercent(pct)})`) +
    (missing ? `; ${formatNumber(missing, 0)} progetti senza importo o spesa leggibile` : '') +
    '.'
  );
}

/** Plot options: one band per project, the label above its bars. */
export function spendingChart(rows: readonly SpendingRow[], { ariaLabel, width = 440 }: SpendingOptions): ChartPlotOptions {
  const data = spendingOrder(rows).map((r) => ({
    ...r,
    text: `${clip(r.label, 40)} · ${r.spese === null ? 'spesa n/d' : formatPercent(ratio(r.spese, r.importo) ?? 0)}`,
  }));
  const keys = data.map((d) => d.cup);
  return {
    ariaLabel,
    ariaDescription: spendingSummary(rows),
    width,
    height: ROW * data.length + 52,
    marginLeft: 34,
    marginRight: 48,
    marginTop: 40,
    marginBottom: 12,
    x: { label: 'euro', tickFormat: euroTick, ticks: 4, grid: true, axis: 'top' },
    y: { domain: keys, axis: null, paddingInner: 0, paddingOuter: 0 },
    marks: [
      Plot.barX(data, { x: 'importo', y: 'cup', fill: PALETTE.light, stroke: PALETTE.blue, ...barBelowLabel(), title: (d: SpendingRow) => `${d.label} (${d.cup}): importo ${formatEuro(d.importo!)}` }),
      Plot.barX(
        data.filter((d) => d.spese !== null),
        { x: 'spese', y: 'cup', fill: PALETTE.blue, insetTop: barBelowLabel().insetTop + 5, insetBottom: barBelowLabel().insetBottom + 5, title: (d: SpendingRow) => `${d.label} (${d.cup}): spese ${formatEuro(d.spese!)}` },
      ),
      Plot.text(data, { y: 'cup', text: 'text', ...labelAboveBar() }),
      Plot.ruleX([0]),
    ],
  };
}
