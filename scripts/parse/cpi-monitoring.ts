/**
 * The monitoring tables of the CPI plan: "Avanzamento fisico per trimestre" (T07a M5C1-7, T07b M5C1-7bis,
 * regional totals per period) and the per-CPI progress tables (T08 target M5C1-7, T09 target M5C1-7bis).
 * Tables are found by their header (column names) and told apart by the target code in their caption.
 */
import { SeedError, excerpt } from '../lib/errors.ts';
import { isBlank, type SeedLine } from '../lib/seed.ts';
import { slugify } from '../lib/slug.ts';
import { parseItalianDate, parseItalianLongDate, readValue, type NumberKind, type Value } from '../lib/values.ts';
import type { Check, ParseCtx, Provenance, TableInfo } from '../lib/types.ts';
import { captionAbove, enclosingMeasure, equalCheck, joinSplitName, nameText, percentCheck, periodIso, plain, targetCode, type NameRef } from './cpi-shared.ts';

interface ColSpec<K extends string> {
  key: K;
  re: RegExp;
  label: string;
  kind: NumberKind | 'text';
}

const QUARTERLY_COLS = [
  { key: 'periodo', re: /^periodo di rilevazione/, label: 'Periodo di rilevazione', kind: 'text' },
  { key: 'cpiCoinvolti', re: /^cpi coinvolti/, label: 'CPI coinvolti', kind: 'integer' },
  { key: 'sediCentrali', re: /^(di cui )?sedi centrali/, label: 'sedi centrali', kind: 'integer' },
  { key: 'sediDistaccate', re: /^(di cui )?sedi distaccate/, label: 'sedi distaccate', kind: 'integer' },
  { key: 'rendicontabiliSediCentrali', re: /^cpi rendicontabili sedi centrali/, label: 'CPI rendicontabili sedi centrali', kind: 'integer' },
  { key: 'rendicontabiliSediDistaccate', re: /^cpi rendicontabili sedi distaccate/, label: 'CPI rendicontabili sedi distaccate', kind: 'integer' },
  { key: 'cpiRendicontabili', re: /^cpi rendicontabili/, label: 'CPI rendicontabili', kind: 'integer' },
  { key: 'attivitaProgrammate', re: /^n\.? ?attivita programmate/, label: 'n. attività programmate', kind: 'integer' },
  { key: 'attivitaCompletate', re: /^n\.? ?attivita completate/, label: 'n. attività completate', kind: 'integer' },
  { key: 'percentualeCompletate', re: /^% ?attivita completate/, label: '% attività completate', kind: 'percent' },
  { key: 'attivitaAvanzamentoRilevante', re: /^n\.? ?attivita .*avanzamento rilevante/, label: 'n. attività non completate con avanzamento rilevante', kind: 'integer' },
  { key: 'percentualeAvanzamentoRilevante', re: /^% ?attivita con avanzamento rilevante/, label: '% attività con avanzamento rilevante', kind: 'percent' },
  { key: 'attivitaAlert', re: /^totale attivita con alert/, label: 'Totale attività con alert', kind: 'integer' },
  { key: 'percentualeAlert', re: /^% ?(di )?attivita in alert/, label: '% di attività in alert', kind: 'percent' },
] as const satisfies readonly ColSpec<string>[];

type QuarterlyKey = (typeof QUARTERLY_COLS)[number]['key'];
type QuarterlyFigure = Exclude<QuarterlyKey, 'periodo'>;

const TARGET_COLS = [
  { key: 'regione', re: /^regione$/, label: 'Regione', kind: 'text' },
  { key: 'cpi', re: /^cpi$/, label: 'CPI', kind: 'text' },
  { key: 'programmate', re: /^(n\.? ?attivita )?programmate$/, label: 'N. attività programmate', kind: 'integer' },
  { key: 'completate', re: /^(n\.? ?attivita )?completate$/, label: 'N. attività completate', kind: 'integer' },
  { key: 'percentualeCompletamento', re: /^percentuale di completamento/, label: 'Percentuale di completamento', kind: 'percent' },
  { key: 'avanzamentoRilevante', re: /^(n\.? ?attivita (con )?)?avanzamento rilevante$/, label: 'avanzamento rilevante', kind: 'integer' },
  { key: 'percentualeRilevante', re: /^percentuale di avanzamento rilevante/, label: 'Percentuale di avanzamento rilevante', kind: 'percent' },
  // "al vertice" is how the extraction printed the single alert column of M5C1-7.
  { key: 'alert', re: /^(al vertice|(n\.? ?attivita (in )?)?al\w*ert)$/, label: 'alert', kind: 'integer' },
  // "altert" is the document's typo.
  { key: 'alertBasso', re: /^al\w*ert basso$/, label: 'alert basso', kind: 'integer' },
  { key: 'alertMedio', re: /^al\w*ert medio$/, label: 'alert medio', kind: 'integer' },
  { key: 'alertAlto', re: /^al\w*ert alto$/, label: 'alert alto', kind: 'integer' },
] as const satisfies readonly ColSpec<string>[];

type TargetKey = (typeof TARGET_COLS)[number]['key'];
/** The numeric columns of a per-CPI table. */
export type TargetFigure = Exclude<TargetKey, 'regione' | 'cpi'>;

/** Find a header by its columns and map each cell to a column; unknown cells and missing columns are located errors. */
function mapHeader<K extends string>(
  ctx: ParseCtx,
  header: SeedLine,
  specs: readonly ColSpec<K>[],
  required: (k: K, found: Set<K>) => boolean,
): Map<K, number> {
  const cols = new Map<K, number>();
  header.cells.forEach((c, i) => {
    if (c === '') return;
    const k = plain(c);
    const spec = specs.find((s) => s.re.test(k));
    if (!spec) throw new SeedError(ctx.file, header.n, `the columns ${specs.map((s) => `"${s.label}"`).join(', ')}`, `an unknown column "${c}" (cell ${i + 1})`);
    if (cols.has(spec.key)) throw new SeedError(ctx.file, header.n, `one "${spec.label}" column`, `a second one in cell ${i + 1} ("${c}")`);
    cols.set(spec.key, i);
  });
  const found = new Set(cols.keys());
  for (const s of specs) {
    if (!cols.has(s.key) && required(s.key, found)) {
      throw new SeedError(ctx.file, header.n, `a "${s.label}" column in the header`, `the columns ${excerpt(header.text, 200)}`);
    }
  }
  return cols;
}

/** A data row must have as many cells as the header: more filled cells or a short (truncated) row is an error. */
function checkWidth(ctx: ParseCtx, l: SeedLine, width: number) {
  const extra = l.cells.slice(width).filter((c) => c !== '');
  if (extra.length) throw new SeedError(ctx.file, l.n, `a row of at most ${width} cells (the columns of the header)`, `${width + extra.length} filled cells: ${excerpt(l.text)}`);
  if (l.cells.length < width) throw new SeedError(ctx.file, l.n, `a row of ${width} cells (the columns of the header)`, `${l.cells.length} cells (a truncated row?): ${excerpt(l.text)}`);
}

// These run on every line of the seed: the cell count, which most lines fail, is tested first.
const isQuarterlyHeader = (l: SeedLine) => l.cells.length > 2 && /^periodo di rilevazione/.test(plain(l.cells[0]));
const isTargetHeader = (l: SeedLine) => l.cells.length > 1 && plain(l.cells[0]) === 'regione' && plain(l.cells[1]) === 'cpi';

/** Index of the first monitoring table's header (quarterly or per-CPI), or -1. */
export function firstMonitoringHeader(ctx: ParseCtx): number {
  return ctx.lines.findIndex((l) => !ctx.claimed(l.n) && (isQuarterlyHeader(l) || isTargetHeader(l)));
}

/**
 * The source the document gives for the monitoring tables: the note above them says the figures come from
 * the Regions' "Allegati D". Read from the unclaimed text right above the first monitoring table.
 */
export function monitoringSource(ctx: ParseCtx, headerIdx: number): { fonte: string; line: number } | null {
  for (let i = headerIdx - 1; i >= 0 && !ctx.claimed(ctx.lines[i].n); i--) {
    const m = /\bAllegat[oi]\s+[A-Z]\b/.exec(ctx.lines[i].text);
    if (m) return { fonte: m[0], line: ctx.lines[i].n };
  }
  return null;
}

/** One quarterly table as read. */
export interface QuarterlyTable {
  table: TableInfo;
  target: string;
  /** Target named in the header's "CPI coinvolti <target>" cell, when it names one (T07b's is copied from M5C1-7). */
  headerTarget: string | null;
  rows: QuarterlyRow[];
}

/** A record of `cpiQuarterly` (see src/schemas/cpi.ts). */
export type QuarterlyRow = { id: string; target: string; periodo: string; periodoIso: string | null; provenance: Provenance } & Record<QuarterlyFigure, Value>;

/** Read every "Avanzamento fisico per trimestre" table. */
export function parseCpiQuarterly(ctx: ParseCtx, source: { fonte: string; line: number } | null): QuarterlyTable[] {
  const out: QuarterlyTable[] = [];
  for (let i = 0; i < ctx.lines.length; i++) {
    const h = ctx.lines[i];
    if (ctx.claimed(h.n) || !isQuarterlyHeader(h)) continue;
    const captions = captionAbove(ctx, i, (l) => targetCode(l.text) !== null && l.cells.filter(Boolean).length === 1);
    if (!captions.length) throw new SeedError(ctx.file, h.n, 'a heading with the target code ("… M5C1-7") above the quarterly table', excerpt(ctx.lines[i - 1]?.text ?? ''));
    const caption = captions[0];
    const target = targetCode(caption.text)!;
    const tid = /bis$/.test(target) ? 'T07b' : 'T07a';
    const cols = mapHeader(ctx, h, QUARTERLY_COLS, () => true);
    const width = Math.max(...cols.values()) + 1;
    const headerTarget = targetCode(h.cells[cols.get('cpiCoinvolti')!]);
    const fonte = source && source.line < h.n ? source.fonte : null;

    const rows: { l: SeedLine }[] = [];
    const blanks: number[] = [];
    let k = i + 1;
    for (; k < ctx.lines.length; k++) {
      const l = ctx.lines[k];
      if (isBlank(l)) {
        blanks.push(l.n);
        continue;
      }
      if (ctx.claimed(l.n) || l.cells.length < 2) break;
      const p = l.cells[cols.get('periodo')!] ?? '';
      if (periodIso(p) === null) {
        if (rows.length) break;
        throw new SeedError(ctx.file, l.n, 'a row starting with a period ("apr-25")', excerpt(l.text));
      }
      checkWidth(ctx, l, width);
      rows.push({ l });
    }
    if (!rows.length) throw new SeedError(ctx.file, ctx.lines[k]?.n ?? ctx.lines.length, `the rows of the quarterly table ${target}`, ctx.lines[k] ? excerpt(ctx.lines[k].text) : 'end of file');
    const last = rows[rows.length - 1].l.n;
    const measure = enclosingMeasure(ctx.lines, caption.n);
    const table: TableInfo = { id: tid, title: caption.text, lines: [caption.n, last], rows: rows.length, datiAl: null, fonte, measure: measure?.code ?? null, collection: 'cpiQuarterly' };
    const prov = (n: number): Provenance => ({ file: ctx.file, lines: [n, n], table: tid, tableTitle: caption.text, datiAl: null, fonte });
    const recs = rows.map(({ l }) => {
      const periodo = l.cells[cols.get('periodo')!];
      const figures = Object.fromEntries(
        QUARTERLY_COLS.filter((c) => c.kind !== 'text').map((c) => [c.key, readValue(l.cells[cols.get(c.key)!] ?? '', c.kind as NumberKind, ctx.file, l, c.label)]),
      ) as Record<QuarterlyFigure, Value>;
      return { id: slugify(`${target}-${periodo}`), target, periodo, periodoIso: periodIso(periodo), provenance: prov(l.n), ...figures };
    });
    for (const c of captions) ctx.structural(c.n, `${tid} titolo`);
    ctx.structural(h.n, `${tid} intestazione`);
    ctx.consume(rows.map((r) => r.l.n), tid);
    for (const n of blanks) if (n < last) ctx.structural(n, `${tid} riga vuota`);
    out.push({ table, target, headerTarget, rows: recs });
    i = last - 1;
  }
  return out;
}

/** Identities and printed percentages of one quarterly row. Blank cells count as 0 in the sums (the values stay `assente`). */
export function quarterlyChecks(t: QuarterlyTable): Check[] {
  const tid = t.table.id;
  const checks: Check[] = [];
  const n = (v: Value) => v.value ?? 0;
  for (const r of t.rows) {
    const p = `${tid.toLowerCase()}-${slugify(r.periodo)}`;
    const lines = r.provenance.lines.slice(0, 1);
    const what = `${t.target}, ${r.periodo}`;
    checks.push(
      equalCheck(`${p}-cpi-coinvolti`, tid, `${what}: i CPI coinvolti sono la somma di sedi centrali e sedi distaccate.`, r.cpiCoinvolti.value, n(r.sediCentrali) + n(r.sediDistaccate), lines),
      equalCheck(
        `${p}-cpi-rendicontabili`,
        tid,
        `${what}: i CPI rendicontabili sono la somma dei rendicontabili sedi centrali e sedi distaccate.`,
        r.cpiRendicontabili.value,
        n(r.rendicontabiliSediCentrali) + n(r.rendicontabiliSediDistaccate),
        lines,
      ),
      equalCheck(
        `${p}-attivita`,
        tid,
        `${what}: le attività programmate sono la somma di completate, con avanzamento rilevante e in alert.`,
        r.attivitaProgrammate.value,
        n(r.attivitaCompletate) + n(r.attivitaAvanzamentoRilevante) + n(r.attivitaAlert),
        lines,
      ),
      percentCheck(`${p}-perc-completate`, tid, `${what}: la % di attività completate è completate / programmate.`, r.percentualeCompletate.value, n(r.attivitaCompletate), n(r.attivitaProgrammate), lines),
      percentCheck(
        `${p}-perc-rilevante`,
        tid,
        `${what}: la % con avanzamento rilevante è rilevanti / programmate.`,
        r.percentualeAvanzamentoRilevante.value,
        n(r.attivitaAvanzamentoRilevante),
        n(r.attivitaProgrammate),
        lines,
      ),
      percentCheck(`${p}-perc-alert`, tid, `${what}: la % in alert è alert / programmate.`, r.percentualeAlert.value, n(r.attivitaAlert), n(r.attivitaProgrammate), lines),
    );
  }
  return checks;
}

/** One per-CPI table as read, before the office names are reconciled. */
export interface TargetTable {
  table: TableInfo;
  target: string;
  baseRilevante: 'attivita-in-corso' | 'attivita-programmate';
  /** True for the layout with alert levels (basso/medio/alto). */
  levels: boolean;
  rows: TargetRow[];
}

/** A per-CPI row; `ref` becomes the `cpi` slug once names are reconciled. */
export type TargetRow = {
  target: string;
  regione: string;
  ref: NameRef;
  provenance: Provenance;
  alert: Value | null;
  alertBasso: Value | null;
  alertMedio: Value | null;
  alertAlto: Value | null;
} & Record<Exclude<TargetFigure, 'alert' | 'alertBasso' | 'alertMedio' | 'alertAlto'>, Value>;

/** Read every per-CPI progress table (Regione | CPI | programmate | completate | …). */
export function parseCpiTargets(ctx: ParseCtx, source: { fonte: string; line: number } | null): TargetTable[] {
  const out: TargetTable[] = [];
  for (let i = 0; i < ctx.lines.length; i++) {
    const h = ctx.lines[i];
    if (ctx.claimed(h.n) || !isTargetHeader(h)) continue;
    const captions = captionAbove(ctx, i, (l) => targetCode(l.text) !== null && l.cells.filter(Boolean).length === 1);
    if (!captions.length) throw new SeedError(ctx.file, h.n, 'a caption with the target code ("Target M5C1-7 al …") above the per-CPI table', excerpt(ctx.lines[i - 1]?.text ?? ''));
    const caption = captions[0];
    const target = targetCode(caption.text)!;
    const tid = /bis$/.test(target) ? 'T09' : 'T08';
    const datiAl = parseItalianLongDate(caption.text) ?? parseItalianDate(caption.text);
    const levelsPrinted = h.cells.some((c) => /\b(basso|medio|alto)$/.test(plain(c)));
    const cols = mapHeader(ctx, h, TARGET_COLS, (k) => {
      if (k === 'alert') return !levelsPrinted;
      if (k === 'alertBasso' || k === 'alertMedio' || k === 'alertAlto') return levelsPrinted;
      return true;
    });
    if (levelsPrinted && cols.has('alert')) throw new SeedError(ctx.file, h.n, 'either one alert column or the alert levels basso/medio/alto', 'both');
    const width = Math.max(...cols.values()) + 1;
    const baseRilevante = /in corso/.test(plain(h.cells[cols.get('percentualeRilevante')!])) ? 'attivita-in-corso' : 'attivita-programmate';
    const fonte = source && source.line < h.n ? source.fonte : null;
    const prov = (a: number, b: number): Provenance => ({ file: ctx.file, lines: [a, b], table: tid, tableTitle: caption.text, datiAl, fonte });

    type Raw = { l: SeedLine; cont: SeedLine[] };
    const rows: Raw[] = [];
    const blanks: number[] = [];
    let k = i + 1;
    for (; k < ctx.lines.length; k++) {
      const l = ctx.lines[k];
      if (isBlank(l)) {
        blanks.push(l.n);
        continue;
      }
      if (ctx.claimed(l.n)) break;
      const c0 = l.cells[0] ?? '';
      const nameCell = l.cells[cols.get('cpi')!] ?? '';
      const others = l.cells.filter((c, x) => x !== cols.get('cpi') && c !== '');
      // A name split over two rows: the second row holds only the rest of the name.
      if (c0 === '' && nameCell !== '' && others.length === 0) {
        if (!rows.length) throw new SeedError(ctx.file, l.n, 'a row of the per-CPI table before a continuation of a name', excerpt(l.text));
        rows[rows.length - 1].cont.push(l);
        continue;
      }
      if (c0 === '' || l.cells.length < 3) break;
      checkWidth(ctx, l, width);
      rows.push({ l, cont: [] });
    }
    if (!rows.length) throw new SeedError(ctx.file, ctx.lines[k]?.n ?? ctx.lines.length, `the rows of the per-CPI table ${target}`, ctx.lines[k] ? excerpt(ctx.lines[k].text) : 'end of file');
    const lastRow = rows[rows.length - 1];
    const last = (lastRow.cont.at(-1) ?? lastRow.l).n;

    const recs: TargetRow[] = rows.map(({ l, cont }) => {
      const first = l.cells[cols.get('cpi')!];
      const parts = [first, ...cont.map((c) => c.cells[cols.get('cpi')!])];
      const lines = [l.n, ...cont.map((c) => c.n)];
      const printed = parts.join(' ');
      const joined = parts.reduce((a, b) => joinSplitName(a, b));
      if (cont.length) {
        ctx.repaired({
          rule: 'nome-spezzato-su-due-righe',
          raw: parts.map((p) => `"${p}"`).join(' + '),
          fixed: joined,
          reason: 'il nome del CPI continua su una riga successiva che contiene solo il resto del nome',
          line: l.n,
          table: tid,
        });
      }
      const ref: NameRef = { printed, text: nameText(ctx, printed, joined, lines, tid), lines, table: tid };
      const read = (key: TargetFigure): Value | null => {
        const spec = TARGET_COLS.find((s) => s.key === key)!;
        const idx = cols.get(key);
        return idx === undefined ? null : readValue(l.cells[idx] ?? '', spec.kind as NumberKind, ctx.file, l, spec.label);
      };
      return {
        target,
        regione: l.cells[cols.get('regione')!],
        ref,
        programmate: read('programmate')!,
        completate: read('completate')!,
        percentualeCompletamento: read('percentualeCompletamento')!,
        avanzamentoRilevante: read('avanzamentoRilevante')!,
        percentualeRilevante: read('percentualeRilevante')!,
        alert: read('alert'),
        alertBasso: read('alertBasso'),
        alertMedio: read('alertMedio'),
        alertAlto: read('alertAlto'),
        provenance: prov(l.n, lines[lines.length - 1]),
      };
    });
    for (const c of captions) ctx.structural(c.n, `${tid} titolo`);
    ctx.structural(h.n, `${tid} intestazione`);
    ctx.consume(rows.flatMap((r) => [r.l.n, ...r.cont.map((c) => c.n)]), tid);
    for (const n of blanks) if (n < last) ctx.structural(n, `${tid} riga vuota`);
    const measure = enclosingMeasure(ctx.lines, caption.n);
    const firstCaption = Math.min(...captions.map((c) => c.n));
    const table: TableInfo = { id: tid, title: caption.text, lines: [firstCaption, last], rows: rows.length, datiAl, fonte, measure: measure?.code ?? null, collection: 'cpiTargets' };
    out.push({ table, target, baseRilevante, levels: levelsPrinted, rows: recs });
    i = last - 1;
  }
  return out;
}

/** Row identities and printed percentages of a per-CPI table; `ids` are the rows' record ids. Blank cells count as 0 in the sums. */
export function targetChecks(t: TargetTable, ids: string[]): Check[] {
  const tid = t.table.id;
  const n = (v: Value | null) => v?.value ?? 0;
  const checks: Check[] = [];
  t.rows.forEach((r, k) => {
    const p = `${tid.toLowerCase()}-${ids[k]}`;
    const name = r.ref.printed;
    const lines = [r.provenance.lines[0]];
    const alerts = t.levels ? n(r.alertBasso) + n(r.alertMedio) + n(r.alertAlto) : n(r.alert);
    const blanks = [r.completate, r.avanzamentoRilevante, ...(t.levels ? [r.alertBasso, r.alertMedio, r.alertAlto] : [r.alert])].some((v) => v && v.status !== 'valido');
    const note = blanks ? 'celle vuote contate come 0 nella verifica; nei dati restano assenti' : undefined;
    checks.push(
      percentCheck(`${p}-perc-completamento`, tid, `${name}: la percentuale di completamento è completate / programmate.`, r.percentualeCompletamento.value, n(r.completate), n(r.programmate), lines, note),
      t.baseRilevante === 'attivita-in-corso'
        ? percentCheck(
            `${p}-perc-rilevante`,
            tid,
            `${name}: la percentuale di avanzamento rilevante è rilevanti / attività in corso (programmate − completate).`,
            r.percentualeRilevante.value,
            n(r.avanzamentoRilevante),
            n(r.programmate) - n(r.completate),
            lines,
            note,
          )
        : percentCheck(`${p}-perc-rilevante`, tid, `${name}: la percentuale di avanzamento rilevante è rilevanti / programmate.`, r.percentualeRilevante.value, n(r.avanzamentoRilevante), n(r.programmate), lines, note),
      equalCheck(
        `${p}-identita`,
        tid,
        `${name}: le attività programmate sono la somma di completate, con avanzamento rilevante e in alert.`,
        r.programmate.value,
        n(r.completate) + n(r.avanzamentoRilevante) + alerts,
        lines,
        0,
        note,
      ),
    );
  });
  return checks;
}
