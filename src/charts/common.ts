/**
 * Shared pieces of the chart builders: the palette, label sizing and number formats.
 * Plot does not measure text when rendering on the server, so margins are computed from an
 * estimate of the label width (generous, so labels are never clipped).
 */
import { formatEuroCompact, formatNumber, formatPercent } from '../lib/format.ts';
import { DEFAULT_FONT_SIZE } from './render.ts';

/**
 * Colours of the site's charts. Each has at least 4.5:1 contrast on white (so it also works for
 * text and thin marks); `light` fills are only used behind a darker outline or value.
 */
export const PALETTE = {
  blue: '#1d4f91',
  orange: '#a34a00',
  green: '#26643a',
  grey: '#595959',
  purple: '#6a3d9a',
  light: '#c5d5ea',
  highlight: '#a30b2c',
} as const;

/** Colours of the three funding sources of the CPI plan, in the document's column order. */
export const SOURCE_COLORS = [PALETTE.blue, PALETTE.orange, PALETTE.green, PALETTE.purple, PALETTE.grey] as const;

/** Estimated width in px of a label at a font size (average glyph ≈ 0.6 em for system sans-serif). */
export function textWidth(text: string, fontSize = DEFAULT_FONT_SIZE): number {
  let w = 0;
  for (const ch of text) {
    // Wide capitals and digits count more than narrow letters and punctuation.
    if (/[▶►■●…—]/.test(ch)) w += 1.0;
    else if (/[A-Z0-9€%MW]/.test(ch)) w += 0.68;
    else if (/[il.,:;'’|!() ]/.test(ch)) w += 0.32;
    else w += 0.56;
  }
  return Math.ceil(w * fontSize);
}

/** Left margin that fits the longest label plus the tick gap. */
export function marginForLabels(labels: readonly string[], fontSize = DEFAULT_FONT_SIZE, min = 40): number {
  return Math.max(min, ...labels.map((l) => textWidth(l, fontSize) + 14));
}

/** Shorten a label to `max` characters with an ellipsis (the full text stays in the tooltip and table). */
export function clip(label: string, max: number): string {
  return label.length <= max ? label : `${label.slice(0, max - 1).trimEnd()}…`;
}

/** Tick format for amounts in euro ("12,5 Mln €"). */
export const euroTick = (n: number) => formatEuroCompact(n);
/** Tick format for counts ("12.000"). */
export const numberTick = (n: number) => formatNumber(n, 0);
/** Tick format for percentage points ("50%"). */
export const percentTick = (n: number) => formatPercent(n, 0);

/**
 * Layout of horizontal-bar charts whose labels sit above each bar instead of in a left margin:
 * the chart can be narrow (it stays legible when a phone scales it down) and long labels never
 * clip. Each item gets a band of `row` px; its bar fills the lower part of the band.
 */
export const LABELLED_ROW = 42;

/** Insets that put a bar in the lower part of its band, leaving room for the label above. */
export function barBelowLabel(row = LABELLED_ROW) {
  return { insetTop: Math.round(row * 0.5), insetBottom: 3 };
}

/** Options of the text mark that writes each band's label above its bar (x = 0, left-aligned). */
export function labelAboveBar() {
  return { x: 0, textAnchor: 'start' as const, lineAnchor: 'bottom' as const, dy: -3, dx: 1 };
}
