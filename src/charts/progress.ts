/**
 * Progress against target: one bar per indicator, as a percentage of its target, with the
 * 100% line. Indicators with different units (beneficiaries, trainees, CPI) share one scale
 * because each is measured against its own target.
 */
import * as Plot from '@observablehq/plot';
import { formatKind, formatPercent, ratio, type ValueKind } from '../lib/format.ts';
import { LABELLED_ROW, PALETTE, barBelowLabel, labelAboveBar, percentTick } from './common.ts';
import type { ChartPlotOptions } from './render.ts';

/** One indicator: what was achieved and what had to be achieved. */
export interface ProgressRow {
  /** Short label on the axis ("M5C1-3 beneficiari"). */
  label: string;
  /** Value achieved, or null when the document gives none. */
  realised: number | null;
  /** Target value, or null when the document gives none. */
  target: number | null;
  /** Unit of realised/target, for the texts. */
  kind?: ValueKind;
}

export interface ProgressOptions {
  ariaLabel: string;
  width?: number;
}

interface Point extends ProgressRow {
  pct: number | null;
  text: string;
}

function points(rows: readonly ProgressRow[]): Point[] {
  return rows.map((r) => {
    const pct = ratio(r.realised, r.target);
    return { ...r, pct, text: pct === null ? 'n/d' : formatPercent(pct) };
  });
}

/** "306.569 su 334.398 (91,7%)" for one indicator; the status when a side is missing. */
export function progressText(r: ProgressRow): string {
  const k = r.kind ?? 'numero';
  const pct = ratio(r.realised, r.target);
  if (r.realised === null || r.target === null || pct === null) return `${r.label}: dato non disponibile`;
  return `${r.label}: ${formatKind(r.realised, k)} su ${formatKind(r.target, k)} (${formatPercent(pct)})`;
}

/** One sentence for the figure: the least and most advanced indicators. */
export function progressSummary(rows: readonly ProgressRow[]): string {
  const ps = points(rows).filter((p) => p.pct !== null) as (Point & { pct: number })[];
  if (ps.length === 0) return 'Nessun indicatore ha un valore e un obiettivo leggibili.';
  if (ps.length === 1) return `${progressText(ps[0])} dell'obiettivo.`;
  const sorted = [...ps].sort((a, b) => a.pct - b.pct);
  const reached = ps.filter((p) => p.pct >= 100).length;
  return (
    `${reached} ${reached === 1 ? 'indicatore' : 'indicatori'} su ${ps.length} ${reached === 1 ? 'ha' : 'hanno'} raggiunto l'obiettivo; ` +
    `il più avanzato è ${sorted.at(-1)!.label} (${sorted.at(-1)!.text}), il meno avanzato ${sorted[0].label} (${sorted[0].text}).`
  );
}

/** Plot options: a bar per indicator (label above it), a light 100% track and the target line. */
export function progressChart(rows: readonly ProgressRow[], { ariaLabel, width = 440 }: ProgressOptions): ChartPlotOptions {
  const data = points(rows).map((d, i) => ({ ...d, key: `${i}` }));
  const max = Math.max(100, ...data.map((d) => d.pct ?? 0));
  const bar = barBelowLabel();
  return {
    ariaLabel,
    ariaDescription: data.map((d) => progressText(d)).join('; ') + '.',
    width,
    height: LABELLED_ROW * data.length + 56,
    marginLeft: 12,
    marginRight: 56,
    marginTop: 24,
    marginBottom: 34,
    x: { domain: [0, max], label: "% dell'obiettivo", tickFormat: percentTick, ticks: 4, grid: true },
    y: { domain: data.map((d) => d.key), axis: null, paddingInner: 0, paddingOuter: 0 },
    marks: [
      Plot.barX(data, { x: 100, y: 'key', fill: PALETTE.light, ariaHidden: 'true', ...bar }),
      Plot.barX(
        data.filter((d) => d.pct !== null),
        { x: 'pct', y: 'key', fill: PALETTE.blue, title: (d: Point) => progressText(d), ...bar },
      ),
      Plot.ruleX([100], { stroke: PALETTE.grey, strokeWidth: 2, strokeDasharray: '4,3' }),
      Plot.text([100], { x: (d: number) => d, frameAnchor: 'top', dy: -14, text: () => 'obiettivo', fill: PALETTE.grey }),
      Plot.text(data, { y: 'key', text: 'label', ...labelAboveBar() }),
      // The value sits after the bar or after the 100% track, whichever ends later, so it never
      // overlaps the track or the target line.
      Plot.text(data, { x: (d: Point) => Math.max(d.pct ?? 0, 100), y: 'key', text: 'text', textAnchor: 'start', dx: 6, dy: Math.round(LABELLED_ROW / 4) - 1, fontWeight: 'bold' }),
    ],
  };
}
