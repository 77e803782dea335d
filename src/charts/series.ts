/**
 * Values by period for a few series (the duale target and baseline by academic year):
 * one line per series with its points, objectives dashed, series named in the page legend.
 */
import * as Plot from '@observablehq/plot';
import { formatNumber } from '../lib/format.ts';
import { PALETTE, numberTick } from './common.ts';
import type { ChartPlotOptions } from './render.ts';

export interface SeriesRow {
  series: string;
  period: string;
  value: number | null;
}

export interface SeriesOptions {
  ariaLabel: string;
  /** Series drawn dashed (objectives). */
  dashed?: readonly string[];
  /** Unit of the values, for the y axis ("persone"). */
  unit?: string;
  width?: number;
}

const COLORS = [PALETTE.grey, PALETTE.blue, PALETTE.orange, PALETTE.green, PALETTE.purple];

/** Series in first-seen order. */
function seriesOf(rows: readonly SeriesRow[]): string[] {
  return [...new Set(rows.map((r) => r.series))];
}

/** Legend entries for the page (Plot's own legends need a live DOM for their styles). */
export function seriesLegend(rows: readonly SeriesRow[], dashed: readonly string[] = []) {
  return seriesOf(rows).map((s, i) => ({ label: s, color: COLORS[i % COLORS.length], dashed: dashed.includes(s) }));
}

/** One sentence: where each series ends. */
export function seriesSummary(rows: readonly SeriesRow[]): string {
  const parts = seriesOf(rows).map((s) => {
    const last = rows.filter((r) => r.series === s && r.value !== null).at(-1);
    return last ? `${s}: ${formatNumber(last.value!, 0)} nel ${last.period}` : `${s}: nessun valore`;
  });
  return parts.join('; ') + '.';
}

/** Plot options: lines and dots by period. */
export function seriesChart(rows: readonly SeriesRow[], { ariaLabel, dashed = [], unit, width = 480 }: SeriesOptions): ChartPlotOptions {
  const names = seriesOf(rows);
  const periods = [...new Set(rows.map((r) => r.period))];
  const defined = rows.filter((r) => r.value !== null);
  const color = (s: string) => COLORS[names.indexOf(s) % COLORS.length];
  return {
    ariaLabel,
    ariaDescription: seriesSummary(rows),
    width,
    height: 320,
    marginLeft: 64,
    marginRight: 28,
    marginBottom: 40,
    x: { domain: periods, label: null, padding: 0.3 },
    y: { grid: true, zero: true, label: unit ?? null, tickFormat: numberTick },
    marks: [
      ...names.map((s) =>
        Plot.line(
          defined.filter((r) => r.series === s),
          { x: 'period', y: 'value', stroke: color(s), strokeWidth: 2.5, strokeDasharray: dashed.includes(s) ? '6,4' : undefined },
        ),
      ),
      Plot.dot(defined, {
        x: 'period',
        y: 'value',
        fill: (r: SeriesRow) => color(r.series),
        r: 4,
        title: (r: SeriesRow) => `${r.series}, ${r.period}: ${formatNumber(r.value!, 0)}`,
      }),
      Plot.ruleY([0]),
    ],
  };
}
