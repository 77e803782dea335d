/**
 * The one chart renderer: Observable Plot options in, an inline SVG string out, at build time.
 * Every chart gets a fresh linkedom document (no state shared between charts or pages).
 *
 * Plot's raw output needs three adjustments for this site, all done here so builders stay pure:
 * - the `<svg>` becomes `role="img"` named by its aria-label/aria-description; Plot's text-less
 *   `<g aria-label>` groups are flagged by axe (aria-prohibited-attr) and say nothing the name and
 *   the data table do not, so their labels are removed;
 * - the base font size is set as a presentation attribute, not inline CSS (html-validate forbids
 *   inline styles, and a CSP-friendly page should not need them);
 * - titles/captions are refused: the page's <figure> owns the caption, summary and data table,
 *   and Plot's own <figure> wrapper would nest figures and add an <h2> to the outline.
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';

/** Plot options every chart of the site must carry (its accessible name and description). */
export interface ChartPlotOptions extends Plot.PlotOptions {
  ariaLabel: string;
  ariaDescription: string;
}

/** Rendering options that are not Plot's. */
export interface RenderOptions {
  /** Base font size of the chart's text in SVG pixels (default 12). */
  fontSize?: number;
}

/** Font size, in px, that builders assume when sizing margins. */
export const DEFAULT_FONT_SIZE = 12;

/**
 * Render Plot options to an SVG string.
 * @throws when the options lack an accessible name or ask for Plot's own figure (title, caption, legend)
 */
export function renderChart(options: ChartPlotOptions, { fontSize = DEFAULT_FONT_SIZE }: RenderOptions = {}): string {
  if (!options.ariaLabel?.trim() || !options.ariaDescription?.trim()) {
    throw new Error('renderChart: every chart needs ariaLabel and ariaDescription');
  }
  if (options.title || options.subtitle || options.caption) {
    throw new Error('renderChart: title/subtitle/caption belong to the page figure, not to Plot');
  }
  const { document } = parseHTML('<!doctype html><html lang="it"><head></head><body></body></html>');
  const node = Plot.plot({ ...options, document: document as unknown as Document }) as unknown as Element;
  if (node.tagName.toLowerCase() !== 'svg') {
    throw new Error(`renderChart: expected a bare <svg>, Plot made <${node.tagName.toLowerCase()}> (remove legends: the page draws them)`);
  }
  node.setAttribute('role', 'img');
  node.setAttribute('font-size', String(fontSize));
  for (const g of node.querySelectorAll('[aria-label]')) {
    if (g !== node) g.removeAttribute('aria-label');
  }
  for (const el of [node, ...node.querySelectorAll('[style]')]) {
    if (el.hasAttribute('style')) {
      throw new Error(`renderChart: <${el.tagName.toLowerCase()}> has an inline style; use presentation attributes`);
    }
  }
  return node.outerHTML;
}
