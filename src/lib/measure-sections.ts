/**
 * What a measure page shows for each table of the document that belongs to the measure: the
 * table(s) as accessible HTML tables and the charts built from them, grouped in sections by the
 * collection that holds the rows. The page renders sections generically; each builder here
 * knows one collection's fields. The list of tables comes from the data (measure.tables and
 * report.tables), never from a hand-written list of this edition's tables.
 */
import { completionFigure, cpiTargetColumns, cpiTargetRows, LINEA_LABELS, planColumns, planRow, targetsOf } from './cpi.ts';
import { all, byId } from './data.ts';
import { getReport, type TableInfo } from './edition.ts';
import { formatDate, formatNumber, formatPercent, ratio, type ValueKind } from './format.ts';
import { links } from './links.ts';
import { PLAN_SOURCES, projectTotals, sumValues } from './aggregate.ts';
import { paginate, type Page } from './pagination.ts';
import type { Column, Row, Cell } from './table.ts';
import type { Provenance, Value } from '../schemas/common.ts';
import type { Measure } from '../schemas/measures.ts';
import type { Project } from '../schemas/projects.ts';
import { renderChart } from '../charts/render.ts';
import { progressChart, progressSummary, progressText, type ProgressRow } from '../charts/progress.ts';
import { stackedBarsChart, stackedLegend, stackedSummary, type StackedRow } from '../charts/stacked.ts';
import { seriesChart, seriesLegend, seriesSummary, type SeriesRow } from '../charts/series.ts';
import { inspectionsChart, inspectionsLegend, inspectionsSummary, type InspectionRow } from '../charts/inspections.ts';
import { spendingChart, spendingSummary, type SpendingRow } from '../charts/spending.ts';

/** A table block of a section (props of DataTable). */
export interface TableSpec {
  kind: 'table';
  id: string;
  caption: string;
  captionNote?: string;
  columns: Column[];
  rows: Row[];
  foot?: Row[];
  showLines?: boolean;
  provenance: Provenance[];
  /** Text instead of the table when it has no rows on this page. */
  empty?: string;
}

/** A chart block of a section (props of ChartFigure). */
export interface ChartSpec {
  kind: 'chart';
  id: string;
  title: string;
  svg: string;
  summary: string;
  legend?: { label: string; color: string; dashed?: boolean }[];
  provenance?: Provenance[];
  table?: { caption: string; columns: Column[]; rows: Row[]; showLines?: boolean };
  tableRef?: { id: string; caption: string };
}

/** A paragraph block (a sentence the page states about the data, e.g. a derived total). */
export interface TextSpec {
  kind: 'text';
  text: string;
}

export type Block = TableSpec | ChartSpec | TextSpec;

/** One section of a measure page: a family of the document's tables. */
export interface Section {
  /** Anchor, unique on the page. */
  id: string;
  title: string;
  /** Document table ids shown (for data-quality notes and the source line). */
  tables: string[];
  blocks: Block[];
  /**
   * The measure's project list is longer than one page: the first projects section says which
   * projects it shows and links to the list pages.
   */
  pager?: Page<Project>;
}

const anchor = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const valueOf = (v: Value | null | undefined) => (v && v.status === 'valido' ? v.value : null);

/** A two-column "Voce | Valore" table, each row with its own unit: readable at 390 px. */
function keyValueTable(id: string, caption: string, items: { label: string; value: Cell; kind?: ValueKind }[], provenance: Provenance[], captionNote?: string): TableSpec {
  return {
    kind: 'table',
    id,
    caption,
    captionNote,
    columns: [
      { key: 'voce', label: 'Voce', rowHeader: true },
      { key: 'valore', label: 'Valore', kind: 'numero', unit: '' },
    ],
    rows: items.map((it) => ({
      cells: { voce: it.kind === 'euro' ? `${it.label} (€)` : it.kind === 'percentuale' ? `${it.label} (%)` : it.label, valore: it.value },
      kinds: it.kind ? { valore: it.kind } : undefined,
      lines: provenance[0]?.lines,
    })),
    showLines: true,
    provenance,
  };
}

// ————— GOL (golAvvisi, golTargets, golFinance) —————

async function golAvviSection(ids: string[]): Promise<Block[]> {
  const rows = (await all('golAvvisi')).filter((r) => ids.includes(r.provenance.table));
  const names = new Map(rows.map((r) => [r.id, r.avviso]));
  return [
    {
      kind: 'table',
      id: 'tabella-gol-avvisi',
      caption: 'Programma GOL: avvisi, percorsi finanziati e dotazione PNRR',
      captionNote: 'Le dotazioni «di cui» fanno parte di un altro avviso e non si sommano.',
      columns: [
        { key: 'avviso', label: 'Avviso', rowHeader: true },
        { key: 'percorsi', label: 'Percorsi finanziati' },
        { key: 'dotazione', label: 'Dotazione PNRR', kind: 'euro' },
        { key: 'nota', label: 'Nota sulla dotazione' },
        { key: 'beneficiari', label: 'Beneficiari stimati', kind: 'numero', unit: 'persone' },
        { key: 'formati', label: 'Formati stimati', kind: 'numero', unit: 'persone' },
      ],
      rows: rows.map((r) => ({
        lines: r.provenance.lines,
        cells: {
          avviso: r.avviso,
          percorsi: r.percorsi.length ? r.percorsi.join(', ') : 'nessuno segnato',
          dotazione: r.dotazionePnrr,
          nota: r.diCui ? `di cui ${r.diCuiDi ? `«${names.get(r.diCuiDi) ?? r.diCuiDi}»` : 'un altro avviso'}` : (r.notaDotazione ?? ''),
          beneficiari: r.beneficiariStimati,
          formati: r.formatiStimati,
        },
      })),
      showLines: true,
      provenance: rows.map((r) => r.provenance),
    },
  ];
}

async function golTargetSection(ids: string[]): Promise<Block[]> {
  const rows = (await all('golTargets')).filter((r) => ids.includes(r.provenance.table));
  const blocks: Block[] = [];
  const progress: ProgressRow[] = [];
  for (const r of rows) {
    const id = `tabella-${anchor(r.provenance.table)}`;
    const caption = r.target ? `Target ${r.target}: ${r.titolo}` : r.titolo;
    const p = [r.provenance];
    if (r.tipo === 'beneficiari') {
      blocks.push(
        keyValueTable(id, caption, [
          { label: 'Valore programmato (persone)', value: r.valoreProgrammato },
          { label: 'Individui presi in carico', value: r.presiInCarico },
          { label: 'Beneficiari conseguiti', value: r.beneficiariConseguiti },
          { label: 'Avanzamento sul target', value: r.percAvanzamento, kind: 'percentuale' },
          { label: 'Beneficiari fragili', value: r.percFragili, kind: 'percentuale' },
          { label: 'Occupati su presi in carico', value: r.percOccupati, kind: 'percentuale' },
          { label: 'Hanno ricevuto i LEP, su presi in carico', value: r.percLep, kind: 'percentuale' },
          { label: 'Formati su presi in carico', value: r.percFormati, kind: 'percentuale' },
        ], p, r.nota ?? undefined),
      );
      progress.push({ label: `${r.target ?? 'GOL'} beneficiari`, realised: valueOf(r.beneficiariConseguiti), target: valueOf(r.valoreProgrammato) });
    } else if (r.tipo === 'percorsi') {
      blocks.push({
        kind: 'table',
        id,
        caption,
        columns: [
          { key: 'percorso', label: 'Percorso', rowHeader: true },
          { key: 'quota', label: r.etichetta.replace(/^%\s*/, 'Quota '), kind: 'percentuale' },
        ],
        rows: r.quote.map((q) => ({ cells: { percorso: q.percorso, quota: q.quota }, lines: r.provenance.lines })),
        showLines: true,
        provenance: p,
      });
    } else if (r.tipo === 'formati') {
      blocks.push(
        keyValueTable(id, caption, [
          { label: 'Valore programmato (persone)', value: r.valoreProgrammato },
          { label: 'Valore programmato, competenze digitali', value: r.valoreProgrammatoDigitale },
          { label: 'Avviati a formazione (inclusi i tirocini)', value: r.avviatiFormazione },
          { label: 'Formati (valore realizzato)', value: r.formati },
          { label: 'Formati in competenze digitali (valore realizzato)', value: r.formatiDigitali },
          { label: 'Realizzato su programmato, formati', value: r.percFormati, kind: 'percentuale' },
          { label: 'Realizzato su programmato, formati digitali', value: r.percFormatiDigitali, kind: 'percentuale' },
        ], p, r.nota ?? undefined),
      );
      progress.push({ label: `${r.target ?? 'GOL'} formati`, realised: valueOf(r.formati), target: valueOf(r.valoreProgrammato) });
      progress.push({ label: `${r.target ?? 'GOL'} formati digitali`, realised: valueOf(r.formatiDigitali), target: valueOf(r.valoreProgrammatoDigitale) });
    } else {
      blocks.push(
        keyValueTable(id, caption, [
          { label: 'CPI nella regione', value: r.cpiTotali },
          { label: `Soglia: ${formatPercent(r.sogliaPercentuale)} del totale (CPI, come stampata)`, value: r.soglia },
          { label: 'CPI valorizzabili per il target', value: r.cpiValorizzabili },
          { label: 'Avanzamento sul target', value: r.percAvanzamento, kind: 'percentuale' },
        ], p, r.nota ?? undefined),
      );
      progress.push({ label: `${r.target ?? 'GOL'} CPI con i LEP`, realised: valueOf(r.cpiValorizzabili), target: valueOf(r.soglia) });
    }
  }
  if (progress.length) {
    blocks.unshift({
      kind: 'chart',
      id: 'grafico-gol-target',
      title: 'Programma GOL: avanzamento dei target rispetto al valore programmato',
      svg: renderChart(progressChart(progress, { ariaLabel: 'Avanzamento dei target GOL in percentuale del valore programmato' })),
      summary: progressSummary(progress),
      provenance: rows.map((r) => r.provenance),
      table: progressTable('Target GOL: realizzato e programmato', progress),
    });
  }
  return blocks;
}

/** The data table of a progress chart: realised, target and the ratio the chart draws. */
function progressTable(caption: string, rows: ProgressRow[]) {
  return {
    caption,
    columns: [
      { key: 'label', label: 'Indicatore', rowHeader: true },
      { key: 'realised', label: 'Realizzato', kind: 'numero' },
      { key: 'target', label: 'Obiettivo', kind: 'numero' },
      { key: 'pct', label: "Percentuale dell'obiettivo (calcolata)", kind: 'percentuale' },
    ] as Column[],
    rows: rows.map((r) => ({ cells: { label: r.label, realised: r.realised, target: r.target, pct: ratio(r.realised, r.target) } })),
  };
}

async function golFinanceSection(ids: string[]): Promise<Block[]> {
  const rows = (await all('golFinance')).filter((r) => ids.includes(r.provenance.table));
  return rows.map((r) =>
    keyValueTable(`tabella-${anchor(r.provenance.table)}`, 'Programma GOL: avanzamento finanziario', [
      { label: 'Risorse assegnate', value: r.risorseAssegnate, kind: 'euro' },
      { label: 'Erogato', value: r.erogato, kind: 'euro' },
      { label: 'Programmato da avvisi', value: r.programmatoDaAvvisi, kind: 'euro' },
      { label: 'Pagamenti totali (sistema ReGiS)', value: r.pagamentiTotali, kind: 'euro' },
      ...r.tranche.map((t) => ({ label: t.descrizione, value: t.erogata ? 'erogata (segnata con «x»)' : 'non segnata' })),
    ], [r.provenance]),
  );
}

// ————— Acts (T04, T13, T23) —————

async function actsSection(ids: string[]): Promise<Block[]> {
  const rows = (await all('acts')).filter((r) => ids.includes(r.provenance.table));
  const hasMilestone = rows.some((r) => r.milestone);
  const hasOggetto = rows.some((r) => r.oggetto);
  return [
    {
      kind: 'table',
      id: `tabella-atti-${anchor(ids.join('-'))}`,
      caption: `Atti: ${rows[0]?.provenance.tableTitle ?? ''}`,
      columns: [
        { key: 'atto', label: 'Atto', rowHeader: true },
        { key: 'data', label: 'Data di emissione', kind: 'data' },
        ...(hasOggetto ? [{ key: 'oggetto', label: 'Oggetto' } as Column] : []),
        ...(hasMilestone ? [{ key: 'milestone', label: 'Milestone o target' } as Column, { key: 'descrizione', label: 'Descrizione della milestone' } as Column] : []),
      ],
      rows: rows.map((r) => ({
        lines: r.provenance.lines,
        cells: {
          atto: `${r.tipologia} n. ${r.numero}`,
          data: r.data,
          oggetto: r.oggetto ?? '',
          milestone: r.milestone ? `${r.milestone.code}${r.milestone.raggiunta ? ' (raggiunta)' : ''}` : '',
          descrizione: r.milestone?.description ?? '',
        },
      })),
      showLines: true,
      provenance: rows.map((r) => r.provenance),
    },
  ];
}

// ————— CPI (cpiPlan + cpiPlanLines, cpiQuarterly, cpiTargets) —————

async function cpiPlanSection(ids: string[]): Promise<Block[]> {
  const [plan, lines, cpi] = await Promise.all([all('cpiPlan'), all('cpiPlanLines'), all('cpi')]);
  const names = new Map(cpi.map((c) => [c.slug, c.name]));
  const shownLines = lines.filter((l) => ids.includes(l.tabella));
  const blocks: Block[] = [];
  blocks.push({
    kind: 'table',
    id: 'tabella-risorse-per-linea',
    caption: 'Piano di potenziamento dei CPI: risorse programmate per linea di intervento',
    captionNote: 'Importi stampati nel blocco «Risorse programmate» e nei totali in testa alle colonne.',
    columns: [
      { key: 'linea', label: 'Linea di intervento', rowHeader: true },
      { key: 'piano', label: 'Piano di potenziamento', kind: 'euro' },
      { key: 'aggiornamento', label: 'Aggiornamento del piano', kind: 'euro' },
      { key: 'nazionali', label: 'Totale risorse nazionali', kind: 'euro' },
      { key: 'inEssere', label: 'Totale PNRR progetti in essere', kind: 'euro' },
      { key: 'native', label: 'Totale PNRR risorse native', kind: 'euro' },
      { key: 'attivita', label: 'Attività', kind: 'numero' },
    ],
    rows: shownLines.map((l) => ({
      lines: l.provenance.lines,
      cells: {
        linea: l.titolo,
        piano: l.pianoPotenziamento,
        aggiornamento: l.aggiornamentoPiano,
        nazionali: l.totaleNazionali,
        inEssere: l.totalePnrrInEssere,
        native: l.totalePnrrNative,
        attivita: l.attivita,
      },
    })),
    showLines: true,
    provenance: shownLines.map((l) => l.provenance),
  });
  const stacked: StackedRow[] = shownLines.flatMap((l) =>
    [
      { source: PLAN_SOURCES[0].label, v: l.totaleNazionali },
      { source: PLAN_SOURCES[1].label, v: l.totalePnrrInEssere },
      { source: PLAN_SOURCES[2].label, v: l.totalePnrrNative },
    ]
      .filter((x) => valueOf(x.v))
      .map((x) => ({ category: LINEA_LABELS[l.linea], source: x.source, value: valueOf(x.v)! })),
  );
  if (stacked.length) {
    const sources = PLAN_SOURCES.map((s) => s.label);
    blocks.push({
      kind: 'chart',
      id: 'grafico-piano-per-linea',
      title: 'Piano di potenziamento dei CPI: risorse per linea di intervento e fonte di finanziamento',
      svg: renderChart(stackedBarsChart(stacked, { ariaLabel: 'Risorse del piano di potenziamento dei CPI per linea e fonte', sources })),
      summary: stackedSummary(stacked),
      legend: stackedLegend(sources),
      tableRef: { id: 'tabella-risorse-per-linea', caption: 'Risorse programmate per linea di intervento' },
    });
  }
  for (const l of shownLines) {
    const rows = plan.filter((r) => r.provenance.table === l.tabella);
    const f = {
      nazionali: sumValues(rows.map((r) => r.nazionali)).sum,
      pnrrInEssere: sumValues(rows.map((r) => r.pnrrInEssere)).sum,
      pnrrNative: sumValues(rows.map((r) => r.pnrrNative)).sum,
    };
    blocks.push({
      kind: 'table',
      id: `tabella-${anchor(l.tabella)}`,
      caption: `${l.titolo}: dettaglio delle attività`,
      captionNote: 'Importi in euro per fonte; il totale in fondo è calcolato dal sito sulle righe.',
      columns: planColumns(true),
      rows: rows.map((r) => planRow(r, names)),
      foot: [{ cells: { linea: `Somma delle ${rows.length} righe (calcolata)`, attivita: '', dettaglio: '', versione: '', coinvolti: '', ...f } }],
      showLines: true,
      provenance: rows.map((r) => r.provenance),
    });
  }
  return blocks;
}

async function cpiQuarterlySection(ids: string[]): Promise<Block[]> {
  const rows = (await all('cpiQuarterly')).filter((r) => ids.includes(r.provenance.table));
  const byTable = new Map<string, typeof rows>();
  for (const r of rows) byTable.set(r.provenance.table, [...(byTable.get(r.provenance.table) ?? []), r]);
  const fields: { key: keyof (typeof rows)[number]; label: string; kind?: ValueKind }[] = [
    { key: 'cpiCoinvolti', label: 'CPI coinvolti' },
    { key: 'sediCentrali', label: 'di cui sedi centrali' },
    { key: 'sediDistaccate', label: 'di cui sedi distaccate' },
    { key: 'cpiRendicontabili', label: 'CPI rendicontabili' },
    { key: 'rendicontabiliSediCentrali', label: 'CPI rendicontabili, sedi centrali' },
    { key: 'rendicontabiliSediDistaccate', label: 'CPI rendicontabili, sedi distaccate' },
    { key: 'attivitaProgrammate', label: 'Attività programmate' },
    { key: 'attivitaCompletate', label: 'Attività completate' },
    { key: 'percentualeCompletate', label: 'Attività completate (%)', kind: 'percentuale' },
    { key: 'attivitaAvanzamentoRilevante', label: 'Attività non completate con avanzamento rilevante' },
    { key: 'percentualeAvanzamentoRilevante', label: 'Avanzamento rilevante sulle programmate (%)', kind: 'percentuale' },
    { key: 'attivitaAlert', label: 'Attività in alert' },
    { key: 'percentualeAlert', label: 'Attività in alert sulle programmate (%)', kind: 'percentuale' },
  ];
  return [...byTable].map(([table, list]) => ({
    kind: 'table',
    id: `tabella-${anchor(table)}`,
    caption: `Avanzamento fisico per trimestre, target ${list[0].target} (totali regionali)`,
    captionNote: 'Una colonna per periodo di rilevazione, come stampato.',
    columns: [{ key: 'voce', label: 'Voce', rowHeader: true }, ...list.map((r) => ({ key: r.id, label: r.periodo, kind: 'numero' }) as Column)],
    rows: fields.map((f) => ({
      cells: { voce: f.label, ...Object.fromEntries(list.map((r) => [r.id, r[f.key] as Value])) },
      kinds: f.kind ? Object.fromEntries(list.map((r) => [r.id, f.kind!])) : undefined,
    })),
    provenance: list.map((r) => r.provenance),
  }));
}

async function cpiTargetSection(ids: string[]): Promise<Block[]> {
  const [targets, cpi] = await Promise.all([all('cpiTargets'), all('cpi')]);
  const names = new Map(cpi.map((c) => [c.slug, c.name]));
  const shown = targets.filter((t) => ids.includes(t.provenance.table));
  const blocks: Block[] = [];
  for (const code of targetsOf(shown)) {
    const rows = shown.filter((t) => t.target === code);
    const id = `tabella-cpi-${anchor(code)}`;
    const caption = `Target ${code}: avanzamento per CPI (${rows[0].provenance.tableTitle})`;
    const fig = completionFigure(targets, code, names);
    blocks.push({
      kind: 'chart',
      id: `grafico-cpi-${anchor(code)}`,
      title: `Completamento delle attività ${code} in ogni CPI`,
      svg: fig.svg,
      summary: fig.summary,
      legend: fig.legend,
      tableRef: { id, caption },
    });
    blocks.push({
      kind: 'table',
      id,
      caption,
      captionNote: 'Righe nell’ordine del documento; un CPI stampato due volte compare due volte.',
      columns: cpiTargetColumns(rows, true),
      rows: cpiTargetRows(rows, names, true),
      showLines: true,
      provenance: rows.map((r) => r.provenance),
    });
  }
  return blocks;
}

// ————— Sistema duale (dualeAvvisi + dualePercorsi, dualeFinance, dualeTargets) —————

async function dualeAvvisiSection(ids: string[]): Promise<Block[]> {
  const [rows, percorsi] = await Promise.all([all('dualeAvvisi'), all('dualePercorsi')]);
  const shown = rows.filter((r) => ids.includes(r.provenance.table));
  const dot = sumValues(shown.map((r) => r.dotazione));
  const pnrr = sumValues(shown.map((r) => r.dotazionePnrr));
  return [
    {
      kind: 'table',
      id: 'tabella-duale-avvisi',
      caption: 'Sistema duale: avvisi, percorsi e dotazione',
      columns: [
        { key: 'avviso', label: 'Avviso', rowHeader: true },
        { key: 'percorsi', label: 'Percorsi finanziati (numero)' },
        { key: 'dotazione', label: "Dotazione dell'avviso", kind: 'euro' },
        { key: 'pnrr', label: 'di cui PNRR', kind: 'euro' },
        { key: 'programmati', label: 'Percorsi individuali programmati', kind: 'numero' },
        { key: 'programmatiPnrr', label: 'di cui PNRR', kind: 'numero' },
      ],
      rows: shown.map((r) => ({
        lines: r.provenance.lines,
        cells: {
          avviso: r.avviso,
          percorsi: r.percorsi.join(', '),
          dotazione: r.dotazione,
          pnrr: r.dotazionePnrr,
          programmati: r.percorsiProgrammati,
          programmatiPnrr: r.percorsiProgrammatiPnrr,
        },
      })),
      foot: [{ cells: { avviso: `Somma dei ${shown.length} avvisi (calcolata)`, percorsi: '', dotazione: dot.sum, pnrr: pnrr.sum, programmati: '', programmatiPnrr: '' } }],
      showLines: true,
      provenance: shown.map((r) => r.provenance),
    },
    {
      kind: 'table',
      id: 'tabella-duale-percorsi',
      caption: 'Sistema duale: i percorsi numerati nella tabella degli avvisi',
      columns: [
        { key: 'n', label: 'Percorso', rowHeader: true },
        { key: 'descrizione', label: 'Descrizione' },
      ],
      rows: percorsi.filter((p) => ids.includes(p.provenance.table)).map((p) => ({ cells: { n: String(p.numero), descrizione: p.descrizione }, lines: p.provenance.lines })),
      showLines: true,
      provenance: percorsi.filter((p) => ids.includes(p.provenance.table)).map((p) => p.provenance),
    },
  ];
}

async function dualeFinanceSection(ids: string[]): Promise<Block[]> {
  const rows = (await all('dualeFinance')).filter((r) => ids.includes(r.provenance.table));
  return rows.map((r) =>
    keyValueTable(`tabella-${anchor(r.provenance.table)}`, 'Sistema duale: avanzamento finanziario', [
      ...r.riparto.map((x) => ({ label: `Somme assegnate, ${x.decreto}`, value: x.sommeAssegnate, kind: 'euro' as ValueKind })),
      { label: 'Totale assegnato', value: r.totaleAssegnato, kind: 'euro' },
      { label: `Obiettivo «relevant certification»${r.obiettivoScadenza ? ` al ${formatDate(r.obiettivoScadenza)}` : ''} (persone)`, value: r.relevantCertification },
      { label: 'Risorse PNRR messe a bando (somma sugli avvisi, come stampata)', value: r.risorsePnrrABando, kind: 'euro' },
      { label: 'Totale risorse programmate da avvisi', value: r.totaleProgrammatoAvvisi, kind: 'euro' },
      { label: 'Stato liquidità', value: r.statoLiquidita, kind: 'euro' },
      { label: 'Pagamenti totali (dati ReGiS)', value: r.pagamentiTotali, kind: 'euro' },
    ], [r.provenance]),
  );
}

async function dualeTargetSection(ids: string[]): Promise<Block[]> {
  const rows = (await all('dualeTargets')).filter((r) => ids.includes(r.provenance.table));
  const blocks: Block[] = [];
  const series = new Map<string, SeriesRow[]>();
  const seriesProv = new Map<string, Provenance[]>();
  for (const r of rows) {
    const id = `tabella-${anchor(r.provenance.table)}-${anchor(r.id)}`;
    const p = [r.provenance];
    if (r.tipo === 'obiettivo') {
      blocks.push(
        keyValueTable(id, `Sistema duale: obiettivo regionale e target realizzato (${r.regione})`, [
          { label: 'Obiettivo programmato, target regionale (persone)', value: r.obiettivo },
          { label: 'Totale target realizzato', value: r.realizzato },
          { label: 'Totale target realizzato con risorse RRF', value: r.realizzatoRrf },
          { label: 'Target realizzato su obiettivo regionale', value: r.percRealizzato, kind: 'percentuale' },
          { label: 'Target realizzato con risorse RRF su obiettivo regionale', value: r.percRealizzatoRrf, kind: 'percentuale' },
        ], p),
      );
    } else if (r.tipo === 'totali') {
      blocks.push(
        keyValueTable(id, 'Sistema duale: totali di target e baseline', [
          { label: 'Totale baseline (persone)', value: r.totaleBaseline },
          { label: 'Totale target', value: r.totaleTarget },
          { label: 'Totale target con risorse RRF', value: r.totaleTargetRrf },
        ], p),
      );
    } else if (r.tipo === 'target-per-anno') {
      blocks.push({
        kind: 'table',
        id,
        caption: `Sistema duale: relevant target per anno formativo (${r.regione})`,
        captionNote: 'Persone. «—» dove la tabella non ha la colonna per quell’anno.',
        columns: [
          { key: 'anno', label: 'Anno formativo', rowHeader: true },
          { key: 'target', label: 'Relevant target', kind: 'numero' },
          { key: 'rrf', label: 'di cui con risorse RRF', kind: 'numero' },
          { key: 'miste', label: 'con risorse RRF, regionali o nazionali', kind: 'numero' },
          { key: 'sole', label: 'con sole risorse RRF', kind: 'numero' },
        ],
        rows: r.anni.map((a) => ({
          lines: r.provenance.lines,
          cells: {
            anno: `${a.annoFormativo}${a.valorizzatoCoerente ? ' (valorizzato coerente)' : ''}`,
            target: a.relevantTarget ?? '—',
            rrf: a.diCuiRrf ?? '—',
            miste: a.conRisorseMiste ?? '—',
            sole: a.conSoleRrf ?? '—',
          },
        })),
        foot: [{ cells: { anno: 'Totale (stampato)', target: r.totaleTarget ?? '—', rrf: r.totaleTargetRrf ?? '—', miste: r.totaleConRisorseMiste ?? '—', sole: r.totaleConSoleRrf ?? '—' } }],
        showLines: true,
        provenance: p,
      });
      if (r.quotaRrf) blocks.push({ kind: 'text', text: `Quota del target realizzata con risorse RRF (colonna senza intestazione nel documento): ${r.quotaRrf.status === 'valido' ? formatPercent(r.quotaRrf.value!) : 'non leggibile'}.` });
    } else if (r.tipo === 'baseline-per-anno') {
      blocks.push({
        kind: 'table',
        id,
        caption: `Sistema duale: relevant baseline per anno formativo (${r.regione})`,
        columns: [
          { key: 'anno', label: 'Anno formativo', rowHeader: true },
          { key: 'baseline', label: 'Relevant baseline', kind: 'numero', unit: 'persone' },
        ],
        rows: r.anni.map((a) => ({ lines: r.provenance.lines, cells: { anno: a.annoFormativo, baseline: a.baseline } })),
        foot: [{ cells: { anno: 'Totale baseline (stampato)', baseline: r.totaleBaseline } }],
        showLines: true,
        provenance: p,
      });
    } else {
      const key = r.grandezza;
      series.set(key, [...(series.get(key) ?? []), ...r.valori.map((v) => ({ series: sentence(r.etichetta), period: v.annoFormativo, value: valueOf(v.valore) }))]);
      seriesProv.set(key, [...(seriesProv.get(key) ?? []), r.provenance]);
    }
  }
  for (const [grandezza, srows] of series) {
    const prov = seriesProv.get(grandezza)!;
    const periods = [...new Set(srows.map((s) => s.period))];
    const names = [...new Set(srows.map((s) => s.series))];
    const dashed = names.filter((n) => /^obiettivo/i.test(n));
    const tableId = `tabella-serie-${grandezza}`;
    const caption = `Sistema duale: ${grandezza} cumulato per anno formativo, con l'obiettivo regionale`;
    blocks.push({
      kind: 'chart',
      id: `grafico-duale-${grandezza}`,
      title: `Sistema duale: avanzamento ${grandezza === 'target' ? 'del target' : 'della baseline'} per anno formativo`,
      svg: renderChart(seriesChart(srows, { ariaLabel: `Sistema duale, ${grandezza} per anno formativo`, dashed, unit: 'persone' })),
      summary: seriesSummary(srows),
      legend: seriesLegend(srows, dashed),
      provenance: prov,
      tableRef: { id: tableId, caption },
    });
    blocks.push({
      kind: 'table',
      id: tableId,
      caption,
      captionNote: `Persone. Il documento riportava un grafico «${prov.map((p) => p.tableTitle).filter((v, i, a) => a.indexOf(v) === i).join(', ')}» andato perso nella conversione: questi sono i suoi dati.`,
      columns: [{ key: 'serie', label: 'Serie', rowHeader: true }, ...periods.map((p) => ({ key: p, label: p, kind: 'numero' }) as Column)],
      rows: names.map((n) => ({ cells: { serie: n, ...Object.fromEntries(srows.filter((s) => s.series === n).map((s) => [s.period, s.value])) } })),
      provenance: prov,
    });
  }
  return blocks;
}

/** "OBIETTIVO BASELINE REGIONALE" → "Obiettivo baseline regionale" (RRF stays in capitals). */
function sentence(s: string): string {
  const t = s.toLowerCase().replace(/\brrf\b/g, 'RRF');
  return t.charAt(0).toUpperCase() + t.slice(1);
}

// ————— Lavoro sommerso (ispezioni) —————

async function ispezioniSection(ids: string[], m: Measure): Promise<Block[]> {
  const rows = (await all('ispezioni')).filter((r) => ids.includes(r.provenance.table));
  const semesters = ['I semestre', 'II semestre'];
  const data: InspectionRow[] = rows.flatMap((r) => [
    { year: String(r.anno), semester: semesters[0], value: valueOf(r.primoSemestre) },
    { year: String(r.anno), semester: semesters[1], value: valueOf(r.secondoSemestre) },
  ]);
  // The target the inspections are measured against: the measure's target counted in inspections.
  const target = m.targets.find((t) => t.value !== null && /ispezion/i.test(t.unit ?? ''));
  const tableId = 'tabella-ispezioni';
  return [
    {
      kind: 'chart',
      id: 'grafico-ispezioni',
      title: 'Ispezioni avviate per semestre',
      svg: renderChart(inspectionsChart(data, { ariaLabel: 'Ispezioni per anno e semestre', semesters, target: target?.value ?? null })),
      summary: inspectionsSummary(data) + (target ? ` Il target ${target.code} chiede una media di ${formatNumber(target.value!, 0)} ispezioni l'anno nel triennio.` : ''),
      legend: inspectionsLegend(semesters, target?.value ?? null),
      provenance: rows.map((r) => r.provenance),
      tableRef: { id: tableId, caption: 'Dati ispezioni' },
    },
    {
      kind: 'table',
      id: tableId,
      caption: 'Dati ispezioni per anno e semestre',
      captionNote: 'Numero di ispezioni avviate; il documento non dice se il dato è nazionale o regionale.',
      columns: [
        { key: 'anno', label: 'Anno', rowHeader: true },
        { key: 'primo', label: 'I semestre', kind: 'numero' },
        { key: 'secondo', label: 'II semestre', kind: 'numero' },
        { key: 'totale', label: 'Totale', kind: 'numero' },
      ],
      rows: rows.map((r) => ({ lines: r.provenance.lines, cells: { anno: String(r.anno), primo: r.primoSemestre, secondo: r.secondoSemestre, totale: r.totale } })),
      showLines: true,
      provenance: rows.map((r) => r.provenance),
    },
  ];
}

// ————— Projects (T15a, T16–T22) and the Crescere Green summary (T15b) —————

/** Column key of an indicator's programmed or realised value. */
const indKey = (i: number, side: 'p' | 'r') => `ind${i}${side}`;

/**
 * What every page of a projects table shares, read from all its rows: anchor, caption, whether
 * it has a spending column, its indicators. So a list page shows the same columns as the first.
 */
interface ProjectTableShape {
  table: string;
  id: string;
  caption: string;
  hasSpese: boolean;
  indicators: Pick<Project['indicators'][number], 'nome' | 'unita' | 'gruppo'>[];
}

function projectTableShape(table: string, rows: Project[]): ProjectTableShape {
  return {
    table,
    id: `tabella-progetti-${anchor(table)}`,
    caption: `Progetti (CUP): ${rows[0].provenance.tableTitle}`,
    hasSpese: rows.some((p) => p.spese.status !== 'assente'),
    indicators: rows[0].indicators.map((i) => ({ nome: i.nome, unita: i.unita, gruppo: i.gruppo })),
  };
}

/** A projects table (DataTable props) showing `rows`, with `shape`'s columns. */
function projectTableSpec(shape: ProjectTableShape, rows: Project[], entityName: (p: Project) => string): TableSpec {
  return {
    kind: 'table',
    id: shape.id,
    caption: shape.caption,
    captionNote: 'Ogni CUP porta alla pagina del progetto. Valori programmati e realizzati degli indicatori come stampati; la quota spesa è calcolata dal sito.',
    columns: [
      { key: 'cup', label: 'CUP', rowHeader: true },
      { key: 'ente', label: shape.hasSpese ? 'Distretto sociale (ATS/Comune)' : 'Proponente' },
      { key: 'importo', label: 'Importo finanziato', kind: 'euro' },
      ...(shape.hasSpese
        ? ([
            { key: 'spese', label: 'Spese realizzate', kind: 'euro' },
            { key: 'quota', label: 'Quota spesa (calcolata)', kind: 'percentuale' },
          ] as Column[])
        : []),
      ...shape.indicators.flatMap((ind, i) => [
        { key: indKey(i, 'p'), label: `${ind.nome}: programmato`, kind: 'numero', unit: ind.unita === 'ore' ? 'ore' : undefined } as Column,
        { key: indKey(i, 'r'), label: `${ind.nome}: realizzato`, kind: 'numero', unit: ind.unita === 'ore' ? 'ore' : undefined } as Column,
      ]),
    ],
    rows: rows.map((p) => ({
      lines: p.provenance.lines,
      kinds: Object.fromEntries(p.indicators.flatMap((ind, i) => (ind.unita === 'ore' ? [[indKey(i, 'p'), 'ore'], [indKey(i, 'r'), 'ore']] : []))),
      cells: {
        cup: { text: p.cup, href: links.progetto(p.id) },
        ente: { text: entityName(p), href: links.ente(p.entity) },
        importo: p.importo,
        spese: p.spese,
        quota: p.percentualeSpesa,
        ...Object.fromEntries(p.indicators.flatMap((ind, i) => [[indKey(i, 'p'), ind.programmato], [indKey(i, 'r'), ind.realizzato]])),
      },
    })),
    showLines: true,
    provenance: rows.map((p) => p.provenance),
  };
}

/** Ids of a measure's projects tables, in document order. */
function projectTablesOf(m: Measure): string[] {
  const info = new Map(getReport().tables.map((t) => [t.id, t] as const));
  return m.tables.filter((id) => info.get(id)?.collection === 'projects');
}

/** Anchor of a measure's first projects table on its page (page 1 of its project list), or null. */
export function measureProjectsAnchor(m: Measure): string | null {
  const first = projectTablesOf(m)[0];
  return first ? `tabella-progetti-${anchor(first)}` : null;
}

/**
 * Every project of a measure in the order its pages list them: table by table in document
 * order, rows in document order. The measure page shows the first PAGE_SIZE of them, the list
 * pages /misure/<slug>/progetti/pagina/<n>/ the others (src/lib/pagination.ts).
 */
export async function measureProjectList(m: Measure): Promise<Project[]> {
  const projects = await all('projects');
  return projectTablesOf(m).flatMap((table) => projects.filter((p) => p.provenance.table === table));
}

/**
 * The tables of a list page of a measure's projects: one per document table that has rows on
 * the page, with the columns the table has on the measure page. No charts and no totals: the
 * measure page shows them, over every project.
 */
export async function measureProjectTables(m: Measure, page: readonly Project[]): Promise<TableSpec[]> {
  const [projects, entities] = await Promise.all([all('projects'), byId('entities')]);
  const onPage = new Set(page.map((p) => p.id));
  const entityName = (p: Project) => entities.get(p.entity)?.name ?? p.nomeStampato;
  return projectTablesOf(m).flatMap((table) => {
    const rows = projects.filter((p) => p.provenance.table === table);
    const shown = rows.filter((p) => onPage.has(p.id));
    return shown.length ? [projectTableSpec(projectTableShape(table, rows), shown, entityName)] : [];
  });
}

async function projectsSection(ids: string[], m: Measure): Promise<Block[]> {
  const [projects, entities, tables] = await Promise.all([all('projects'), byId('entities'), all('projectTables')]);
  // The measure page lists the first page of the measure's projects; charts draw those same
  // projects (their data is the table beside them), sentences and totals cover every project.
  const firstPage = new Set(paginate(await measureProjectList(m))[0].items.map((p) => p.id));
  const blocks: Block[] = [];
  for (const table of ids) {
    const rows = projects.filter((p) => p.provenance.table === table);
    if (!rows.length) continue;
    const shape = projectTableShape(table, rows);
    const shown = rows.filter((p) => firstPage.has(p.id));
    const { id, caption, hasSpese } = shape;
    const entityName = (p: Project) => entities.get(p.entity)?.name ?? p.nomeStampato;
    const partial = shown.length < rows.length;
    const scope = partial ? ` Il grafico mostra i ${formatNumber(shown.length, 0)} progetti elencati in questa pagina; gli altri sono nelle pagine seguenti dell'elenco.` : '';
    if (hasSpese) {
      const sp = (list: Project[]): SpendingRow[] => list.map((p) => ({ cup: p.cup, label: entityName(p), importo: valueOf(p.importo), spese: valueOf(p.spese) }));
      if (shown.length) {
        blocks.push({
          kind: 'chart',
          id: `grafico-spesa-${anchor(table)}`,
          title: 'Spese realizzate rispetto all’importo finanziato, per progetto',
          svg: renderChart(spendingChart(sp(shown), { ariaLabel: `Spese e importi dei progetti, tabella ${table}` })),
          summary: spendingSummary(sp(rows)) + scope,
          legend: [
            { label: 'importo finanziato', color: '#c5d5ea' },
            { label: 'spese realizzate', color: '#1d4f91' },
          ],
          provenance: shown.map((p) => p.provenance),
          tableRef: { id, caption },
        });
      } else blocks.push({ kind: 'text', text: spendingSummary(sp(rows)) });
    } else {
      const pr = (list: Project[]): ProgressRow[] =>
        list.flatMap((p) => p.indicators.map((i) => ({ label: `${p.cup} ${entityName(p).slice(0, 24)}`, realised: valueOf(i.realizzato), target: valueOf(i.programmato) })));
      if (shown.length) {
        blocks.push({
          kind: 'chart',
          id: `grafico-beneficiari-${anchor(table)}`,
          title: 'Beneficiari rendicontati rispetto ai programmati, per progetto',
          svg: renderChart(progressChart(pr(shown), { ariaLabel: `Beneficiari per progetto, tabella ${table}` })),
          summary: progressSummary(pr(rows)) + scope,
          provenance: shown.map((p) => p.provenance),
          tableRef: { id, caption },
        });
      } else blocks.push({ kind: 'text', text: progressSummary(pr(rows)) });
    }
    blocks.push({
      ...projectTableSpec(shape, shown, entityName),
      foot: footTotals(rows, hasSpese, partial),
      provenance: rows.map((p) => p.provenance),
      empty: 'i suoi progetti sono nelle pagine seguenti dell’elenco.',
    });
    const t = tables.find((x) => x.table === table);
    if (t) {
      const stati = Object.entries(t.stati).filter(([, n]) => n > 0).map(([s, n]) => `${formatNumber(n, 0)} «${s.replace('_', ' ')}»`.replace('«nd»', '«n/d»'));
      blocks.push({
        kind: 'text',
        text:
          `Il documento non stampa totali per questa tabella: le somme in fondo sono calcolate dal sito sulle ${formatNumber(t.importo.righeConValore, 0)} righe con importo` +
          (t.spese ? ` e sulle ${formatNumber(t.spese.righeConValore, 0)} con spesa` : '') +
          '.' +
          (stati.length ? ` Celle senza cifra nella tabella: ${stati.join(', ')}.` : ''),
      });
    }
  }
  return blocks;
}

/** Derived totals of a projects table, in its tfoot: over every row, also those on later list pages. */
function footTotals(rows: Project[], hasSpese: boolean, partial = false): Row[] {
  const t = projectTotals(rows);
  return [
    {
      cells: {
        cup: partial ? `Somma di tutti i ${formatNumber(rows.length, 0)} progetti, anche delle pagine seguenti (calcolata)` : `Somma di ${formatNumber(rows.length, 0)} progetti (calcolata)`,
        ente: '',
        importo: t.importo.sum,
        spese: hasSpese ? t.spese.sum : undefined,
        quota: t.quotaSpesa,
        ...Object.fromEntries(
          rows[0].indicators.flatMap((_, i) => [
            [indKey(i, 'p'), sumValues(rows.map((p) => p.indicators[i]?.programmato)).sum],
            [indKey(i, 'r'), sumValues(rows.map((p) => p.indicators[i]?.realizzato)).sum],
          ]),
        ),
      },
    },
  ];
}

async function crescereGreenSection(ids: string[]): Promise<Block[]> {
  const rows = (await all('crescereGreen')).filter((r) => ids.includes(r.provenance.table));
  return rows.flatMap((r): Block[] => {
    const pr: ProgressRow = { label: `${r.regione}: beneficiari`, realised: valueOf(r.beneficiariRendicontati), target: valueOf(r.beneficiariProgrammati) };
    return [
      keyValueTable(`tabella-${anchor(r.provenance.table)}-${r.id}`, `Crescere Green: totale regionale (${r.regione})`, [
        { label: 'Importo', value: r.importo, kind: 'euro' },
        { label: 'Target M7-30: beneficiari programmati (persone)', value: r.beneficiariProgrammati },
        { label: 'Target M7-30: beneficiari rendicontati (persone)', value: r.beneficiariRendicontati },
      ], [r.provenance]),
      { kind: 'text', text: `${progressText(pr)} dei beneficiari programmati.` },
    ];
  });
}

/** Builders by collection name. */
const BUILDERS: Record<string, { title: string; build: (ids: string[], m: Measure) => Promise<Block[]> }> = {
  golAvvisi: { title: 'Avvisi', build: golAvviSection },
  golTargets: { title: 'Target', build: golTargetSection },
  golFinance: { title: 'Avanzamento finanziario', build: golFinanceSection },
  acts: { title: 'Atti', build: actsSection },
  cpiPlan: { title: 'Piano regionale di potenziamento dei CPI', build: cpiPlanSection },
  cpiQuarterly: { title: 'Avanzamento fisico per trimestre', build: cpiQuarterlySection },
  cpiTargets: { title: 'Avanzamento dei target per CPI', build: cpiTargetSection },
  dualeAvvisi: { title: 'Avvisi', build: dualeAvvisiSection },
  dualeFinance: { title: 'Avanzamento finanziario', build: dualeFinanceSection },
  dualeTargets: { title: 'Target e baseline', build: dualeTargetSection },
  ispezioni: { title: 'Ispezioni', build: ispezioniSection },
  projects: { title: 'Progetti', build: projectsSection },
  crescereGreen: { title: 'Totale regionale', build: crescereGreenSection },
};

/**
 * The sections of a measure page: the measure's tables grouped by collection, in document order.
 * A table whose collection has no builder stops the build (a new kind of table needs a page).
 */
export async function measureSections(m: Measure): Promise<Section[]> {
  const info = new Map(getReport().tables.map((t) => [t.id, t] as const));
  const groups: { collection: string; ids: string[] }[] = [];
  for (const id of m.tables) {
    const t: TableInfo | undefined = info.get(id);
    if (!t) throw new Error(`misura ${m.id}: table ${id} is not in report.json`);
    const last = groups.at(-1);
    if (last && last.collection === t.collection) last.ids.push(id);
    else groups.push({ collection: t.collection, ids: [id] });
  }
  const sections: Section[] = [];
  for (const g of groups) {
    const b = BUILDERS[g.collection];
    if (!b) throw new Error(`misura ${m.id}: no page section for collection "${g.collection}" (tables ${g.ids.join(', ')})`);
    sections.push({ id: `sezione-${anchor(g.ids.join('-'))}`, title: b.title, tables: g.ids, blocks: await b.build(g.ids, m) });
  }
  const first = paginate(await measureProjectList(m))[0];
  const projectSection = sections.find((_, i) => groups[i].collection === 'projects');
  if (projectSection && first.count > 1) projectSection.pager = first;
  return sections;
}
