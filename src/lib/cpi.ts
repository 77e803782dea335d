/**
 * Page-side helpers for the CPI family: table columns and rows for plan activities and per-CPI
 * targets, and the completion chart of a target with one office emphasised. Shared by the CPI,
 * province and measure pages so the same data look the same everywhere.
 */
import { completionChart, completionSummary, median, type CompletionRow } from '../charts/completion.ts';
import { PALETTE } from '../charts/common.ts';
import { renderChart } from '../charts/render.ts';
import type { Provenance } from '../schemas/common.ts';
import type { CpiPlan, CpiTarget, Linea } from '../schemas/cpi.ts';
import { links } from './links.ts';
import { sumCell, sumValues } from './aggregate.ts';
import type { Column, Row } from './table.ts';

/** Italian names of the plan's lines of intervention. */
export const LINEA_LABELS: Record<Linea, string> = {
  comunicazione: 'Comunicazione',
  formazione: 'Formazione',
  osservatorio: 'Osservatorio',
  'sistemi-informativi': 'Sistemi informativi',
  adeguamento: 'Adeguamento strumentale e infrastrutturale',
};

/** Target codes in document order ("M5C1-7", "M5C1-7bis"). */
export function targetsOf(rows: readonly CpiTarget[]): string[] {
  return [...new Set(rows.map((r) => r.target))];
}

/** Columns of a plan-activity table; `withScope` adds "CPI coinvolti" for shared rows. */
export function planColumns(withScope: boolean): Column[] {
  return [
    { key: 'linea', label: 'Linea di intervento', rowHeader: true },
    ...(withScope ? [{ key: 'attivita', label: 'Attività' } as Column] : []),
    { key: 'dettaglio', label: 'Dettaglio attività' },
    { key: 'versione', label: 'Versione del piano' },
    { key: 'nazionali', label: 'Risorse nazionali', kind: 'euro' },
    { key: 'pnrrInEssere', label: 'PNRR progetti in essere', kind: 'euro' },
    { key: 'pnrrNative', label: 'PNRR risorse native', kind: 'euro' },
    ...(withScope ? [{ key: 'coinvolti', label: 'CPI coinvolti' } as Column] : []),
  ];
}

/** One plan activity as a table row (CPI named by the row become links when `names` knows them). */
export function planRow(r: CpiPlan, names: Map<string, string>): Row {
  const coinvolti = r.cpi.length === 1 && names.has(r.cpi[0]) ? { text: r.cpiCoinvolti ?? names.get(r.cpi[0])!, href: links.cpi(r.cpi[0]) } : (r.cpiCoinvolti ?? '');
  return {
    lines: r.provenance.lines,
    cells: {
      linea: LINEA_LABELS[r.linea],
      attivita: r.attivita ?? '',
      dettaglio: r.dettaglio ?? '',
      versione: r.versionePiano,
      nazionali: r.nazionali,
      pnrrInEssere: r.pnrrInEssere,
      pnrrNative: r.pnrrNative,
      coinvolti,
    },
  };
}

/** Columns of a per-CPI target table: the single alert column (M5C1-7) or the three levels (7bis). */
export function cpiTargetColumns(rows: readonly CpiTarget[], withName: boolean): Column[] {
  const levels = rows.some((r) => r.alertBasso || r.alertMedio || r.alertAlto);
  const rilevanteLabel =
    rows[0]?.baseRilevante === 'attivita-programmate' ? 'Avanzamento rilevante sulle programmate' : 'Avanzamento rilevante sulle attività in corso';
  return [
    ...(withName ? [{ key: 'cpi', label: 'CPI', rowHeader: true } as Column] : [{ key: 'nome', label: 'Nome stampato', rowHeader: true } as Column]),
    { key: 'programmate', label: 'Attività programmate', kind: 'numero' },
    { key: 'completate', label: 'Attività completate', kind: 'numero' },
    { key: 'pct', label: 'Completamento', kind: 'percentuale' },
    { key: 'rilevante', label: 'Con avanzamento rilevante', kind: 'numero' },
    { key: 'pctRilevante', label: rilevanteLabel, kind: 'percentuale' },
    ...(levels
      ? ([
          { key: 'basso', label: 'Alert basso', kind: 'numero' },
          { key: 'medio', label: 'Alert medio', kind: 'numero' },
          { key: 'alto', label: 'Alert alto', kind: 'numero' },
        ] as Column[])
      : ([{ key: 'alert', label: 'Attività in alert', kind: 'numero' }] as Column[])),
  ];
}

/** Per-CPI target rows; `highlight` marks one office's rows. */
export function cpiTargetRows(rows: readonly CpiTarget[], names: Map<string, string>, withName: boolean, highlight?: string): Row[] {
  return rows.map((r) => ({
    lines: r.provenance.lines,
    highlight: r.cpi === highlight,
    cells: {
      cpi: withName ? { text: names.get(r.cpi) ?? r.nomeStampato, href: links.cpi(r.cpi) } : undefined,
      nome: r.nomeStampato + (r.duplicato ? ' (riga ripetuta)' : ''),
      programmate: r.programmate,
      completate: r.completate,
      pct: r.percentualeCompletamento,
      rilevante: r.avanzamentoRilevante,
      pctRilevante: r.percentualeRilevante,
      alert: r.alert,
      basso: r.alertBasso,
      medio: r.alertMedio,
      alto: r.alertAlto,
    },
  }));
}

/** Completion chart of one target across every CPI, with its summary, legend, source and data table. */
export function completionFigure(all: readonly CpiTarget[], code: string, names: Map<string, string>, highlight?: string) {
  const rows = all.filter((t) => t.target === code);
  const data: CompletionRow[] = rows.map((r) => ({
    key: r.id,
    label: names.get(r.cpi) ?? r.nomeStampato,
    pct: r.percentualeCompletamento.status === 'valido' ? r.percentualeCompletamento.value : null,
    highlight: highlight !== undefined && r.cpi === highlight,
  }));
  const svg = renderChart(completionChart(data, { ariaLabel: `Completamento delle attività ${code} per CPI`, indicator: code }));
  const sorted = [...rows].sort(
    (a, b) => (b.percentualeCompletamento.value ?? -1) - (a.percentualeCompletamento.value ?? -1) || (names.get(a.cpi) ?? '').localeCompare(names.get(b.cpi) ?? ''),
  );
  return {
    svg,
    median: median(data.map((d) => d.pct)),
    summary: completionSummary(data, code),
    legend: [
      { label: 'CPI', color: PALETTE.blue },
      ...(highlight ? [{ label: names.get(highlight) ?? highlight, color: PALETTE.highlight }] : []),
      { label: 'mediana regionale', color: PALETTE.orange, dashed: true },
    ],
    provenance: rows.map((r) => r.provenance) as Provenance[],
    table: {
      caption: `Completamento ${code} per CPI, dal più alto al più basso`,
      columns: [
        { key: 'cpi', label: 'CPI', rowHeader: true },
        { key: 'programmate', label: 'Attività programmate', kind: 'numero' },
        { key: 'pct', label: 'Completamento', kind: 'percentuale' },
      ] as Column[],
      rows: sorted.map((r) => ({
        lines: r.provenance.lines,
        highlight: r.cpi === highlight,
        cells: { cpi: { text: names.get(r.cpi) ?? r.nomeStampato, href: links.cpi(r.cpi) }, programmate: r.programmate, pct: r.percentualeCompletamento },
      })) as Row[],
      showLines: true,
    },
  };
}

/**
 * Activities shared by several offices (all CPI of a province, all CPI of the region), summed by
 * scope and line of intervention: the detail is on the measure page, a CPI page only needs to
 * say what else reaches the office.
 */
export function sharedPlanSummary(rows: readonly CpiPlan[], provinceName: string | null): { columns: Column[]; rows: Row[] } {
  const groups = new Map<string, CpiPlan[]>();
  for (const r of rows) {
    const scope = r.ambito?.tipo === 'provincia' ? `Tutti i CPI della provincia${provinceName ? ` di ${provinceName}` : ''}` : 'Tutti i CPI della regione';
    const k = `${scope}|${LINEA_LABELS[r.linea]}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const sum = (list: CpiPlan[], key: 'nazionali' | 'pnrrInEssere' | 'pnrrNative') => sumCell(sumValues(list.map((r) => r[key])));
  return {
    columns: [
      { key: 'ambito', label: 'Per chi', rowHeader: true },
      { key: 'linea', label: 'Linea di intervento' },
      { key: 'n', label: 'Attività', kind: 'numero' },
      { key: 'nazionali', label: 'Risorse nazionali', kind: 'euro' },
      { key: 'pnrrInEssere', label: 'PNRR progetti in essere', kind: 'euro' },
      { key: 'pnrrNative', label: 'PNRR risorse native', kind: 'euro' },
    ],
    rows: [...groups].map(([k, list]) => {
      const [ambito, linea] = k.split('|');
      return {
        lines: [Math.min(...list.map((r) => r.provenance.lines[0])), Math.max(...list.map((r) => r.provenance.lines[1]))] as [number, number],
        cells: { ambito, linea, n: list.length, nazionali: sum(list, 'nazionali'), pnrrInEssere: sum(list, 'pnrrInEssere'), pnrrNative: sum(list, 'pnrrNative') },
      };
    }),
  };
}
