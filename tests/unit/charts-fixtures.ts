/**
 * Chart inputs taken from the document's own figures (Lombardia scheda), so the snapshots show
 * real shapes: GOL targets, duale series, CPI plan funding, inspections, a few projects.
 */
import type { CompletionRow } from '../../src/charts/completion.ts';
import type { InspectionRow } from '../../src/charts/inspections.ts';
import type { ProgressRow } from '../../src/charts/progress.ts';
import type { RankedRow } from '../../src/charts/ranked.ts';
import type { SeriesRow } from '../../src/charts/series.ts';
import type { SpendingRow } from '../../src/charts/spending.ts';
import type { StackedRow } from '../../src/charts/stacked.ts';

export const progressRows: ProgressRow[] = [
  { label: 'M5C1-3 beneficiari', realised: 306569, target: 334398 },
  { label: 'M5C1-4 formati', realised: 73060, target: 111651 },
  { label: 'M5C1-4 formati digitali', realised: 26941, target: 44210 },
  { label: 'M5C1-5 CPI con i LEP', realised: 60, target: 52 },
];

const years = ['2020/2021', '2021/2022', '2022/2023', '2023/2024'];
export const seriesRows: SeriesRow[] = [
  ...years.map((period) => ({ series: 'Obiettivo regionale', period, value: 35735 })),
  ...[0, 14433, 28699, 69135].map((value, i) => ({ series: 'Target', period: years[i], value })),
  ...[0, 0, 4577, 17435].map((value, i) => ({ series: 'Target con risorse RRF', period: years[i], value })),
];

export const sources = ['Risorse nazionali', 'PNRR progetti in essere', 'PNRR native'];
export const stackedRows: StackedRow[] = [
  { category: 'Comunicazione', source: 'PNRR progetti in essere', value: 445217.55 },
  { category: 'Comunicazione', source: 'PNRR native', value: 1562033.03 },
  { category: 'Formazione', source: 'Risorse nazionali', value: 1455233.2 },
  { category: 'Formazione', source: 'PNRR progetti in essere', value: 2388340.75 },
  { category: 'Osservatorio', source: 'Risorse nazionali', value: 445652.92 },
  { category: 'Osservatorio', source: 'PNRR progetti in essere', value: 1653348.54 },
  { category: 'Sistemi informativi', source: 'Risorse nazionali', value: 3949988.7 },
  { category: 'Sistemi informativi', source: 'PNRR progetti in essere', value: 8450011.3 },
  { category: 'Sistemi informativi', source: 'PNRR native', value: 9956426.04 },
  { category: 'Adeguamento strumentale e infrastrutturale', source: 'Risorse nazionali', value: 52000000 },
  { category: 'Adeguamento strumentale e infrastrutturale', source: 'PNRR progetti in essere', value: 36100000 },
  { category: 'Adeguamento strumentale e infrastrutturale', source: 'PNRR native', value: 13000000 },
];

export const rankedRows: RankedRow[] = [
  { label: 'Milano', value: 25_000_000 },
  { label: 'Monza e della Brianza', value: 9_000_000, highlight: true },
  { label: 'Bergamo', value: 12_500_000 },
  { label: 'Sondrio', value: 1_200_000 },
  { label: 'Lodi', value: null },
];

export const completionRows: CompletionRow[] = [
  { key: 'albino', label: 'CPI Albino', pct: 100 },
  { key: 'bergamo', label: 'CPI Bergamo', pct: 50 },
  { key: 'monza', label: 'CPI Monza', pct: 82.4, highlight: true },
  { key: 'clusone', label: 'CPI Clusone', pct: 75 },
  { key: 'lodi', label: 'CPI Lodi', pct: 0 },
  { key: 'meda', label: 'CPI Meda', pct: null },
];

export const spendingRows: SpendingRow[] = [
  { cup: 'B24H22000050006', label: 'COMUNE DI SOMMA LOMBARDO', importo: 211499.22, spese: 93555.2 },
  { cup: 'B24H22000190001', label: 'COMUNE DI SEREGNO', importo: 211500, spese: 21150 },
  { cup: 'B44H22000040006', label: 'COMUNE DI MILANO', importo: 211500, spese: 83697.52 },
  { cup: 'E24H22000000006', label: 'AZIENDA TERRITORIALE PER I SERVIZI ALLA', importo: 250000, spese: null },
  { cup: 'E34H22000000006', label: '<b>Ente</b> con markup', importo: null, spese: 1 },
];

export const semesters = ['I semestre', 'II semestre'];
export const inspectionRows: InspectionRow[] = [
  { year: '2023', semester: 'I semestre', value: 42759 },
  { year: '2023', semester: 'II semestre', value: 38677 },
  { year: '2024', semester: 'I semestre', value: 68321 },
  { year: '2024', semester: 'II semestre', value: 60867 },
  { year: '2025', semester: 'I semestre', value: 70462 },
  { year: '2025', semester: 'II semestre', value: null },
];
