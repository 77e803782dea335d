/**
 * Chart builders: each (rows, options) → Plot options is rendered by the one renderer and its
 * normalised SVG compared with a stored snapshot (tests/unit/__snapshots__/charts/*.svg), plus
 * checks that do not depend on the snapshot: accessible name, a mark per data row, labels that
 * fit their margin, seed text escaped, determinism.
 */
import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { renderChart, type ChartPlotOptions } from '../../src/charts/render.ts';
import { progressChart, progressSummary } from '../../src/charts/progress.ts';
import { seriesChart, seriesLegend, seriesSummary } from '../../src/charts/series.ts';
import { stackedBarsChart, stackedSummary, stackedTotals } from '../../src/charts/stacked.ts';
import { rankedBarsChart, rankedSummary } from '../../src/charts/ranked.ts';
import { completionChart, completionSummary, median } from '../../src/charts/completion.ts';
import { spendingChart, spendingSummary } from '../../src/charts/spending.ts';
import { inspectionsChart, inspectionsSummary } from '../../src/charts/inspections.ts';
import { marginForLabels, textWidth } from '../../src/charts/common.ts';
import * as f from './charts-fixtures.ts';

/** Stable text for snapshots: Plot's hashed class name removed, coordinates rounded, one tag per line. */
function normalise(svg: string): string {
  return svg
    .replace(/plot-[0-9a-f]{6}/g, 'plot')
    .replace(/-?\d+\.\d+/g, (n) => String(Math.round(Number(n) * 10) / 10))
    .replace(/></g, '>\n<');
}

const parse = (svg: string) => parseHTML(`<!doctype html><html><body>${svg}</body></html>`).document;

const charts: Record<string, () => ChartPlotOptions> = {
  progress: () => progressChart(f.progressRows, { ariaLabel: 'Avanzamento dei target GOL' }),
  series: () => seriesChart(f.seriesRows, { ariaLabel: 'Sistema duale: target per anno', dashed: ['Obiettivo regionale'] }),
  stacked: () => stackedBarsChart(f.stackedRows, { ariaLabel: 'Piano CPI per linea e fonte', sources: f.sources, highlight: 'Formazione' }),
  ranked: () => rankedBarsChart(f.rankedRows, { ariaLabel: 'Importo per provincia', kind: 'euro', measure: 'importo dei progetti' }),
  completion: () => completionChart(f.completionRows, { ariaLabel: 'Completamento M5C1-7 per CPI', indicator: 'M5C1-7' }),
  spending: () => spendingChart(f.spendingRows, { ariaLabel: 'Spese e importi dei progetti' }),
  inspections: () => inspectionsChart(f.inspectionRows, { ariaLabel: 'Ispezioni per semestre', semesters: f.semesters, target: 102895 }),
};

describe.each(Object.entries(charts))('chart %s', (name, build) => {
  const svg = renderChart(build());
  const doc = parse(svg);
  const root = doc.querySelector('svg')!;

  it('matches its normalised SVG snapshot', async () => {
    await expect(normalise(svg) + '\n').toMatchFileSnapshot(`./__snapshots__/charts/${name}.svg`);
  });
  it('is an image with an accessible name and description', () => {
    expect(root.getAttribute('role')).toBe('img');
    expect(root.getAttribute('aria-label')?.length).toBeGreaterThan(5);
    expect(root.getAttribute('aria-description')?.length).toBeGreaterThan(10);
  });
  it('leaves no aria-label on inner groups (axe: aria-prohibited-attr) and no inline style', () => {
    expect([...root.querySelectorAll('[aria-label]')]).toHaveLength(0);
    expect(svg).not.toMatch(/\sstyle=/);
  });
  it('is deterministic', () => {
    expect(renderChart(build())).toBe(svg);
  });
});

describe('chart contents', () => {
  it('progress: one bar per indicator with a value, percent labels from the one formatter', () => {
    const svg = renderChart(charts.progress());
    const doc = parse(svg);
    // 4 light tracks + 4 value bars.
    expect(doc.querySelectorAll('rect')).toHaveLength(8);
    for (const r of f.progressRows) expect(svg).toContain(`>${r.label}<`);
    expect(svg).toContain('91,7%');
    expect(svg).toContain('115,4%');
    expect(progressSummary(f.progressRows)).toBe(
      "1 indicatore su 4 ha raggiunto l'obiettivo; il più avanzato è M5C1-5 CPI con i LEP (115,4%), il meno avanzato M5C1-4 formati digitali (60,9%).",
    );
  });

  it('progress: a missing value is said, not drawn as 0', () => {
    const rows = [{ label: 'X', realised: null, target: 10 }];
    const svg = renderChart(progressChart(rows, { ariaLabel: 'x' }));
    expect(svg).toContain('n/d');
    expect(parse(svg).querySelectorAll('rect')).toHaveLength(1); // only the 100% track
  });

  it('series: legend colours follow the series, summary gives the last values', () => {
    expect(seriesLegend(f.seriesRows, ['Obiettivo regionale']).map((l) => [l.label, l.dashed])).toEqual([
      ['Obiettivo regionale', true],
      ['Target', false],
      ['Target con risorse RRF', false],
    ]);
    expect(seriesSummary(f.seriesRows)).toContain('Target: 69.135 nel 2023/2024');
    expect(parse(renderChart(charts.series())).querySelectorAll('circle')).toHaveLength(12);
  });

  it('stacked: one segment per row, totals per category', () => {
    const doc = parse(renderChart(charts.stacked()));
    expect(doc.querySelectorAll('rect')).toHaveLength(f.stackedRows.length);
    const totals = stackedTotals(f.stackedRows);
    expect(totals[0]).toEqual({ category: 'Adeguamento strumentale e infrastrutturale', total: 101_100_000 });
    expect(stackedSummary(f.stackedRows)).toBe(
      "In totale 131.406.252,03\u00a0€; la voce maggiore è «Adeguamento strumentale e infrastrutturale» con 101.100.000,00\u00a0€.",
    );
  });

  it('ranked: rows without a value are left out and the highlight is named', () => {
    const doc = parse(renderChart(charts.ranked()));
    expect(doc.querySelectorAll('rect')).toHaveLength(4);
    expect(rankedSummary(f.rankedRows, { kind: 'euro', measure: 'importo' })).toMatch(/^Monza e della Brianza è 3ª su 4/);
    const lodi = f.rankedRows.map((r) => ({ ...r, highlight: r.label === 'Lodi' }));
    expect(rankedSummary(lodi, { kind: 'euro', measure: 'importo' })).toBe(
      'Lodi non ha un valore di importo; tra le altre, il valore più alto è di Milano (25.000.000,00\u00a0€).',
    );
  });

  it('completion: sorted columns, median line, emphasised office labelled', () => {
    const svg = renderChart(charts.completion());
    const rects = [...parse(svg).querySelectorAll('rect')];
    expect(rects).toHaveLength(5); // Meda has no value
    const heights = rects.map((r) => Number(r.getAttribute('height')));
    expect([...heights].sort((a, b) => b - a)).toEqual(heights);
    expect(svg).toContain('CPI Monza: 82,4%');
    expect(median([1, null, 3, 2])).toBe(2);
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(median([null])).toBeNull();
    expect(completionSummary(f.completionRows, 'M5C1-7')).toBe(
      'M5C1-7: mediana regionale 75% su 5 CPI; 1 ha completato tutte le attività; CPI Monza è a 82,4%; 1 senza valore.',
    );
  });

  it('spending: seed markup in a name is escaped text, never live HTML', () => {
    const rows = [{ cup: 'B24H22000050006', label: '<script>alert(1)</script>', importo: 10, spese: 5 }];
    const svg = renderChart(spendingChart(rows, { ariaLabel: 'x' }));
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(parse(svg).querySelector('script')).toBeNull();
  });

  it('spending: projects without importo are not drawn, those without spese have no inner bar', () => {
    const doc = parse(renderChart(charts.spending()));
    // 4 projects with importo → 4 outer bars; 3 with spese → 3 inner bars.
    expect(doc.querySelectorAll('rect')).toHaveLength(7);
    expect(spendingSummary(f.spendingRows)).toBe(
      '3 progetti con importo e spesa: spesi 198.402,72\u00a0€ su 634.499,22\u00a0€ (31,3%); 2 progetti senza importo o spesa leggibile.',
    );
  });

  it('inspections: a blank semester is not drawn and is named in the summary', () => {
    const doc = parse(renderChart(charts.inspections()));
    expect(doc.querySelectorAll('rect')).toHaveLength(5);
    expect(inspectionsSummary(f.inspectionRows)).toBe('Ispezioni per anno — 2023: 81.436; 2024: 129.188; 2025: 70.462 (manca il II semestre).');
  });
});

describe('renderer', () => {
  it('refuses charts without an accessible name', () => {
    expect(() => renderChart({ ...charts.progress(), ariaLabel: '' })).toThrow(/ariaLabel/);
  });
  it('refuses Plot titles (the page figure owns the caption)', () => {
    expect(() => renderChart({ ...charts.progress(), title: 'x' })).toThrow(/figure/);
  });
});

describe('label sizing', () => {
  it('gives long labels a wider margin than short ones', () => {
    expect(marginForLabels(['Monza e della Brianza'])).toBeGreaterThan(marginForLabels(['Lodi']));
    expect(textWidth('▶ Monza')).toBeGreaterThan(textWidth('Monza'));
  });
  it('labels written above bars fit the chart width', () => {
    for (const name of ['progress', 'stacked', 'spending'] as const) {
      const opts = charts[name]();
      const doc = parse(renderChart(opts));
      const labels = [...doc.querySelectorAll('text[text-anchor="start"], g[text-anchor="start"] text')].map((t) => t.textContent ?? '');
      expect(labels.length).toBeGreaterThan(0);
      for (const l of labels) expect(textWidth(l)).toBeLessThanOrEqual((opts.width as number) - (opts.marginLeft as number));
    }
  });
  it('every left-margin chart fits its longest label', () => {
    for (const name of ['ranked'] as const) {
      const opts = charts[name]();
      const doc = parse(renderChart(opts));
      const labels = [...doc.querySelectorAll('g[text-anchor="end"] text')].map((t) => t.textContent ?? '');
      expect(labels.length).toBeGreaterThan(0);
      for (const l of labels) expect(textWidth(l) + 9).toBeLessThanOrEqual(opts.marginLeft as number);
    }
  });
});
