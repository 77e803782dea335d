/**
 * The regional plan of "Potenziamento dei CPI": the "Dettaglio delle attività" grids, one per line of
 * intervention (T05a Comunicazione, T05b Formazione, T05c Osservatorio, T05d Sistemi informativi,
 * T06 Adeguamento strumentale e infrastrutturale), each with its "Risorse programmate" block.
 *
 * Grids are found by their header ("Versione piano di riferimento" … "CPI coinvolti"); the line of
 * intervention by the heading above. Rows drift between 6, 7 and 8 cells from page to page, so amounts
 * are placed by anchors (the "Versione" cell, the "Dettaglio" cell, the "CPI coinvolti" cell) rather
 * than by position; see `placeAmounts`.
 */
import { SeedError, excerpt } from '../lib/errors.ts';
import { memoize } from '../lib/memo.ts';
import { filled, filledCount, isBlank, isSeparator, type SeedLine } from '../lib/seed.ts';
import { markerStatus, readValue, type Value } from '../lib/values.ts';
import type { Check, ParseCtx, Provenance, TableInfo } from '../lib/types.ts';
import {
  enclosingMeasure,
  equalCheck,
  groupScope,
  isFigure,
  labelScope,
  nameText,
  plain,
  sumEuro,
  type NameRef,
  type Scope,
} from './cpi-shared.ts';

/** Line of intervention of the plan (one grid each). */
export type Linea = 'comunicazione' | 'formazione' | 'osservatorio' | 'sistemi-informativi' | 'adeguamento';

/** Table ids of the inventory, by what the grid is (its line of intervention). */
export const PLAN_TABLE_ID: Record<Linea, string> = {
  comunicazione: 'T05a',
  formazione: 'T05b',
  osservatorio: 'T05c',
  'sistemi-informativi': 'T05d',
  adeguamento: 'T06',
};

/** The "Versione piano di riferimento" cell of a data row ("prevista da Piano ex …", "nuova attività prevista da Piano …"). */
const VERSION_RE = /prevista da piano/i;
/** The plan update of 2023, funded by native PNRR resources ("Aggiornamento Piano" = the native column's total). */
const NEW_ACTIVITY_RE = /^nuova attivit/i;

type Col = 'attivita' | 'versione' | 'dettaglio' | 'nazionali' | 'pnrrInEssere' | 'pnrrNative' | 'cpiCoinvolti';
const FUNDS = ['nazionali', 'pnrrInEssere', 'pnrrNative'] as const;
type Fund = (typeof FUNDS)[number];

const COLUMNS: { col: Col; re: RegExp; label: string }[] = [
  { col: 'attivita', re: /^attivita$/, label: 'Attività' },
  { col: 'versione', re: /versione piano/, label: 'Versione piano di riferimento' },
  { col: 'dettaglio', re: /dettaglio attivita/, label: 'Dettaglio attività' },
  { col: 'nazionali', re: /risorse nazionali/, label: 'Risorse Nazionali ex DM 74/2019 e 59/2020' },
  { col: 'pnrrInEssere', re: /progetti in essere/, label: 'Risorse PNRR - Progetti in essere' },
  { col: 'pnrrNative', re: /risorse native/, label: 'Risorse native PNRR' },
  { col: 'cpiCoinvolti', re: /cpi coinvolti/, label: 'CPI coinvolti (nome delle sedi)' },
];
const GROUP_LABEL = /^fonte di finanziamento$/;
const FUND_LABEL: Record<Fund, string> = {
  nazionali: 'Risorse Nazionali ex DM 74/2019 e 59/2020',
  pnrrInEssere: 'Risorse PNRR - Progetti in essere (cfr. 400 mln)',
  pnrrNative: 'Risorse native PNRR (cfr. 200 mln)',
};

/** A plan row before the office names are reconciled across tables. */
export interface PlanRow {
  id: string;
  linea: Linea;
  attivita: string | null;
  attivitaRiga: number | null;
  versionePiano: string;
  nuovaAttivita: boolean;
  dettaglio: string | null;
  nazionali: Value;
  pnrrInEssere: Value;
  pnrrNative: Value;
  cpiCoinvolti: string | null;
  /** Filled once the registry has resolved `refs`. */
  cpi: string[];
  ambito: Scope | null;
  provenance: Provenance;
  /** Mentions of offices in the "CPI coinvolti" cell. */
  refs: NameRef[];
}

/** A group label of the "Attività" column (merged cell), with the scope it names. */
export interface GroupLabel {
  label: string;
  line: number;
  scope: Scope | null;
  /** The place as printed after the dash ("Provincia di Bergamo", "Città Metropolitana di Milano"). */
  place: string | null;
}

/** The resources of one line of intervention (record of `cpiPlanLines`). */
export interface PlanLine {
  id: Linea;
  linea: Linea;
  titolo: string;
  tabella: string;
  pianoPotenziamento: Value;
  aggiornamentoPiano: Value;
  totaleNazionali: Value;
  totalePnrrInEssere: Value;
  totalePnrrNative: Value;
  attivita: number;
  provenance: Provenance;
}

/** One grid as read: its table, resources, rows and the checks of its printed totals. */
export interface PlanGrid {
  table: TableInfo;
  linea: Linea;
  line: PlanLine;
  rows: PlanRow[];
  /** For each row (same index), the group label it belongs to. */
  groups: (GroupLabel | null)[];
  checks: Check[];
}

/** Find and read every plan grid of the seed, in document order. */
export function parseCpiPlan(ctx: ParseCtx): PlanGrid[] {
  const grids: PlanGrid[] = [];
  const seen = new Set<Linea>();
  for (let i = 0; i < ctx.lines.length; i++) {
    const l = ctx.lines[i];
    // A header names at least three columns, so it has at least three filled cells (most lines have one).
    if (ctx.claimed(l.n) || filledCount(l) < 3 || columnHits(l) < 3) continue;
    const grid = readGrid(ctx, i);
    if (seen.has(grid.linea)) {
      throw new SeedError(ctx.file, l.n, `one grid per line of intervention`, `a second grid for "${grid.line.titolo}"`);
    }
    seen.add(grid.linea);
    grids.push(grid);
    i = grid.table.lines[1] - 1;
  }
  return grids;
}

/** How many cells of a line are column names of the activity grids (a header has at least three). */
function columnHits(l: SeedLine): number {
  let hits = 0;
  for (const c of l.cells) if (isColumnName(c)) hits++;
  return hits;
}

/** A cell naming a column of the activity grids other than "Attività". Memoised: the grid finder tests every cell of the rows of every table. */
const isColumnName = memoize((cell: string): boolean => {
  const k = plain(cell.replace(/^fonte di finanziamento\s*/i, ''));
  return k !== '' && COLUMNS.some((col) => col.col !== 'attivita' && col.re.test(k));
});

interface Header {
  lines: SeedLine[];
  cols: Partial<Record<Col, number>>;
  width: number;
  totals: Record<Fund, { value: Value; line: number }>;
}

function readGrid(ctx: ParseCtx, anchorIdx: number): PlanGrid {
  const { lines, file } = ctx;
  const anchor = lines[anchorIdx];

  // Header block: lines above the anchor that hold the group label alone ("Fonte di finanziamento") or
  // column names (a damaged first line may have fewer than three), the anchor, and continuation lines
  // down to the first data row (the printed totals and cells split over lines live there).
  const headerLines: SeedLine[] = [anchor];
  for (let up = anchorIdx - 1; up >= 0; up--) {
    const l = lines[up];
    if (isBlank(l)) continue;
    const group = filled(l).length > 0 && filled(l).every((c) => GROUP_LABEL.test(plain(c)));
    if (ctx.claimed(l.n) || !(group || columnHits(l) > 0)) break;
    headerLines.unshift(l);
  }
  let j = anchorIdx + 1;
  for (; j < lines.length; j++) {
    const l = lines[j];
    if (l.cells.some((c) => VERSION_RE.test(c))) break;
    if (isBlank(l)) continue;
    if (headerLines.length >= 5 || /^\s*(#|\*\*)/.test(l.raw)) {
      throw new SeedError(file, l.n, 'the first activity row ("prevista da Piano …") of the table', excerpt(l.text));
    }
    headerLines.push(l);
  }
  if (j >= lines.length) throw new SeedError(file, lines.length, 'the activity rows of the table headed on line ' + anchor.n, 'end of file');

  // Title and "Risorse programmate" above the header.
  const pre = readPreamble(ctx, headerLines[0].n - 1);
  if (!pre.title) {
    const above = lines[headerLines[0].n - 2];
    throw new SeedError(file, headerLines[0].n, 'the heading of a line of intervention (Comunicazione, Formazione, …) above the table', above ? excerpt(above.text) : 'the start of the file');
  }
  const linea = lineaOf(pre.title.text);
  if (!linea) {
    throw new SeedError(file, pre.title.line, 'a line of intervention (Comunicazione, Formazione, Osservatorio, Sistemi informativi, Adeguamento strumentale e infrastrutturale)', excerpt(pre.title.text));
  }
  const tid = PLAN_TABLE_ID[linea];
  const titolo = ctx.correct(pre.title.text, pre.title.line, tid);
  const header = readHeader(ctx, headerLines, anchor, tid);
  if (header.cols.attivita === undefined && linea === 'adeguamento') {
    // T06's group labels carry the province of each office: the column cannot be missing there.
    throw new SeedError(file, anchor.n, 'an "Attività" column in the header of "Adeguamento strumentale e infrastrutturale"', excerpt(anchor.text));
  }

  // Data rows, until a line that is neither a row nor a blank line (a page break inside the table).
  const rowLines: { l: SeedLine; afterBreak: boolean }[] = [];
  const blanks: number[] = [];
  let afterBreak = false;
  let end = j;
  for (let k = j; k < lines.length; k++) {
    const l = lines[k];
    if (isBlank(l)) {
      afterBreak = true;
      blanks.push(l.n);
      continue;
    }
    if (isSeparator(l)) {
      ctx.structural(l.n, `${tid} separatore`);
      break;
    }
    if (ctx.claimed(l.n) || !l.cells.some((c) => VERSION_RE.test(c))) break;
    rowLines.push({ l, afterBreak });
    afterBreak = false;
    end = k;
  }
  const last = lines[end].n;

  const firstLine = Math.min(pre.firstLine ?? headerLines[0].n, headerLines[0].n);
  const measure = enclosingMeasure(lines, firstLine);
  const table: TableInfo = {
    id: tid,
    title: titolo,
    lines: [firstLine, last],
    rows: rowLines.length,
    datiAl: null,
    fonte: null,
    measure: measure?.code ?? null,
    collection: 'cpiPlan',
  };
  const prov = (a: number, b = a): Provenance => ({ file, lines: [a, b], table: tid, tableTitle: titolo, datiAl: null, fonte: null });

  const rows = rowLines.map(({ l }, idx) => readRow(ctx, l, header, linea, tid, idx, prov(l.n)));
  const groups = assignGroups(
    ctx,
    tid,
    rows,
    rowLines.map((r) => r.afterBreak),
  );
  rows.forEach((r, k) => {
    r.attivita = groups[k]?.label ?? null;
    r.attivitaRiga = groups[k]?.line ?? null;
  });

  // Mark the lines: title/umbrella structural, resources and header totals consumed, rows consumed.
  for (const n of pre.structural) ctx.structural(n, `${tid} titolo`);
  ctx.consume(pre.resources.map((r) => r.n), tid);
  for (const h of headerLines) {
    if (/tot\s*:/i.test(h.text)) ctx.consume(h.n, tid);
    else ctx.structural(h.n, `${tid} intestazione`);
  }
  ctx.consume(rowLines.map((r) => r.l.n), tid);
  for (const n of blanks) if (n < last) ctx.structural(n, `${tid} riga vuota`);
  for (let n = headerLines[0].n; n < j + 1; n++) if (isBlank(lines[n - 1])) ctx.structural(n, `${tid} intestazione`);

  const planLine: PlanLine = {
    id: linea,
    linea,
    titolo,
    tabella: tid,
    pianoPotenziamento: pre.piano ?? { value: null, status: 'assente', raw: '' },
    aggiornamentoPiano: pre.aggiornamento ?? { value: null, status: 'assente', raw: '' },
    totaleNazionali: header.totals.nazionali.value,
    totalePnrrInEssere: header.totals.pnrrInEssere.value,
    totalePnrrNative: header.totals.pnrrNative.value,
    attivita: rows.length,
    provenance: prov(pre.resources[0]?.n ?? headerLines[0].n, Math.max(...headerLines.map((h) => h.n))),
  };
  const checks = gridChecks(tid, titolo, planLine, rows, groups, header, pre);
  return { table, linea, line: planLine, rows, groups, checks };
}

function readHeader(ctx: ParseCtx, headerLines: SeedLine[], anchor: SeedLine, tid: string): Header {
  const width = Math.max(...headerLines.map((h) => h.cells.length));
  const parts: { text: string; line: number }[][] = Array.from({ length: width }, () => []);
  for (const h of headerLines) h.cells.forEach((c, k) => c && parts[k].push({ text: c, line: h.n }));
  const cols: Partial<Record<Col, number>> = {};
  const totals = {} as Header['totals'];
  const fundLine = headerLines.find((h) => h.cells.some((c) => /^risorse\b/i.test(c))) ?? anchor;
  for (let k = 0; k < width; k++) {
    const ps = parts[k];
    if (ps.length === 0) continue;
    const text = ps.map((p) => p.text).join(' ');
    const key = plain(text.replace(/^fonte di finanziamento\s*/i, ''));
    if (key === '' && GROUP_LABEL.test(plain(text))) continue;
    const hit = COLUMNS.find((c) => c.re.test(key));
    if (!hit) {
      throw new SeedError(ctx.file, ps[0].line, `the columns ${COLUMNS.map((c) => `"${c.label}"`).join(', ')}`, `an unknown column "${text}"`);
    }
    if (cols[hit.col] !== undefined) throw new SeedError(ctx.file, ps[0].line, `one "${hit.label}" column`, `two (cells ${cols[hit.col]! + 1} and ${k + 1})`);
    cols[hit.col] = k;
    // A header cell broken over two lines (not a group label above a column): rejoin and record it.
    const own = ps.filter((p) => !GROUP_LABEL.test(plain(p.text)));
    if (own.length > 1) {
      ctx.repaired({
        rule: 'cella-intestazione-spezzata',
        raw: own.map((p) => p.text).join(' | '),
        fixed: own.map((p) => p.text).join(' '),
        reason: "l'intestazione della colonna è spezzata su più righe dall'estrazione",
        line: own[0].line,
        table: tid,
      });
    }
    if ((FUNDS as readonly string[]).includes(hit.col)) {
      const m = /tot\s*:\s*(€?\s*[\d.,]+\s*€?)/i.exec(text);
      const totLine = ps.find((p) => /tot\s*:/i.test(p.text))?.line ?? ps[0].line;
      const lineObj = headerLines.find((h) => h.n === totLine)!;
      totals[hit.col as Fund] = {
        value: m ? readValue(m[1], 'euro', ctx.file, lineObj, `${hit.label} (tot)`) : { value: null, status: 'assente', raw: '' },
        line: totLine,
      };
    }
  }
  const nameLine = headerLines.find((h) => h.cells.some((c) => /versione piano|dettaglio attivita|cpi coinvolti/.test(plain(c)))) ?? anchor;
  for (const c of COLUMNS) {
    if (c.col === 'attivita' || cols[c.col] !== undefined) continue;
    const line = (FUNDS as readonly string[]).includes(c.col) ? fundLine : nameLine;
    throw new SeedError(ctx.file, line.n, `a "${c.label}" column in the header of the activity table`, `the columns ${excerpt(line.text)}`);
  }
  const order = COLUMNS.map((c) => cols[c.col]).filter((x): x is number => x !== undefined);
  if (order.some((x, k) => k > 0 && x <= order[k - 1])) {
    throw new SeedError(ctx.file, anchor.n, `the columns in the order ${COLUMNS.map((c) => c.label).join(' | ')}`, excerpt(anchor.text));
  }
  return { lines: headerLines, cols, width: order.length, totals };
}

interface Preamble {
  title: { text: string; line: number } | null;
  resources: SeedLine[];
  piano: Value | null;
  aggiornamento: Value | null;
  pianoLine: number | null;
  aggiornamentoLine: number | null;
  structural: number[];
  firstLine: number | null;
}

const RESOURCE_RE = /risorse programmate|piano di potenziamento|aggiornamento piano/i;
const AMOUNT_ONLY = /^(€\s*)?\d[\d.]*(,\d+)?(\s*€)?$/;
const MEASURE_HEADING = /^(MISSIONE|COMPONENTE|SUB-?INVESTIMENTO|INVESTIMENTO|RIFORMA)\b/i;

/**
 * Walk up from the header: the "Risorse programmate" block (on its own lines, or fused with the title
 * into the grid's first row), the line's title, and an umbrella heading ("Dettaglio delle attività").
 */
function readPreamble(ctx: ParseCtx, headerIdx: number): Preamble {
  const out: Preamble = { title: null, resources: [], piano: null, aggiornamento: null, pianoLine: null, aggiornamentoLine: null, structural: [], firstLine: null };
  let i = headerIdx - 1;
  for (; i >= 0; i--) {
    const l = ctx.lines[i];
    if (isBlank(l)) continue;
    if (ctx.claimed(l.n)) break;
    if (RESOURCE_RE.test(l.text) || AMOUNT_ONLY.test(l.text)) {
      out.resources.unshift(l);
      const fused = /^(.*?)\s*risorse programmate/i.exec(l.text);
      if (fused && fused[1].trim()) {
        out.title = { text: fused[1].trim(), line: l.n };
        break;
      }
      continue;
    }
    if (filled(l).length === 1 && !MEASURE_HEADING.test(l.text)) {
      out.title = { text: l.text, line: l.n };
      out.structural.push(l.n);
    }
    break;
  }
  if (out.title) {
    // An umbrella heading right above the first title ("### Dettaglio delle attività").
    let k = out.title.line - 2;
    while (k >= 0 && isBlank(ctx.lines[k])) k--;
    const u = ctx.lines[k];
    if (u && !ctx.claimed(u.n) && filled(u).length === 1 && /^#/.test(u.raw.trim()) && !MEASURE_HEADING.test(u.text) && !RESOURCE_RE.test(u.text)) {
      out.structural.push(u.n);
    }
  }
  // Read "Piano di potenziamento: X" and "Aggiornamento Piano: Y" in order; the amount may be on the next line.
  let expect: 'piano' | 'aggiornamento' | null = null;
  const token = /(piano di potenziamento|aggiornamento piano)\s*:?|((?:€\s*)?\d[\d.]*(?:,\d+)?(?:\s*€)?)/gi;
  for (const l of out.resources) {
    for (const m of l.text.matchAll(token)) {
      if (m[1]) expect = /^piano/i.test(m[1]) ? 'piano' : 'aggiornamento';
      else if (m[2] && expect) {
        const v = readValue(m[2], 'euro', ctx.file, l, expect === 'piano' ? 'Piano di potenziamento' : 'Aggiornamento Piano');
        if (expect === 'piano') [out.piano, out.pianoLine] = [v, l.n];
        else [out.aggiornamento, out.aggiornamentoLine] = [v, l.n];
        expect = null;
      }
    }
  }
  const all = [...out.structural, ...out.resources.map((r) => r.n)];
  out.firstLine = all.length ? Math.min(...all) : null;
  return out;
}

function lineaOf(title: string): Linea | null {
  const k = plain(title);
  if (/comunicazion/.test(k)) return 'comunicazione';
  if (/formazion/.test(k)) return 'formazione';
  if (/osservatori/.test(k)) return 'osservatorio';
  if (/sistemi informativ/.test(k)) return 'sistemi-informativi';
  if (/adeg\w*mento strumentale/.test(k)) return 'adeguamento';
  return null;
}

/** Words glued together where a list lost its separators ("…e COBSviluppo…", "…lavoroEvoluzione…"). */
const GLUE = /(?<=[a-zà-ÿ])(?=[A-Z][a-zà-ÿ])|(?<=[A-Z])(?=[A-Z][a-zà-ÿ]{2,})/g;

function readDettaglio(ctx: ParseCtx, raw: string, line: number, tid: string): string {
  const parts = raw.split(GLUE).map((p) => p.trim()).filter(Boolean);
  // One capital inside a word is normal (PseudoCOB); a run of them is a list whose separators were lost.
  if (parts.length < 3) return ctx.correct(raw, line, tid);
  const fixed = parts.map((p) => ctx.correct(p, line, tid)).join('; ');
  ctx.repaired({
    rule: 'voci-incollate',
    raw,
    fixed,
    reason: "più attività scritte di seguito senza separatore nella stessa cella: separate dove una parola maiuscola è attaccata alla precedente",
    line,
    table: tid,
  });
  return fixed;
}

function readRow(ctx: ParseCtx, l: SeedLine, header: Header, linea: Linea, tid: string, idx: number, provenance: Provenance): PlanRow {
  const { file } = ctx;
  const cells = l.cells;
  const nonEmpty = cells.filter((c) => c !== '').length;
  if (nonEmpty > header.width) {
    throw new SeedError(file, l.n, `a row with at most ${header.width} filled cells (the columns of the header)`, `${nonEmpty} filled cells: ${excerpt(l.text)}`);
  }
  const v = cells.findIndex((c) => VERSION_RE.test(c));
  const before = cells.slice(0, v).filter((c) => c !== '');
  if (before.length > (header.cols.attivita === undefined ? 0 : 1)) {
    throw new SeedError(file, l.n, `${header.cols.attivita === undefined ? 'no cell' : 'at most one "Attività" cell'} before "Versione piano di riferimento"`, excerpt(before.join(' | ')));
  }
  let d = v + 1;
  while (d < cells.length && cells[d] === '') d++;
  let dettaglioRaw: string | null = null;
  if (d < cells.length && !isFigure(cells[d])) dettaglioRaw = cells[d];
  else d = v;
  // The "CPI coinvolti" cell is the last text cell; when it is blank, the row's last (empty) cell stands for it.
  let c = -1;
  for (let k = cells.length - 1; k > d; k--) {
    if (cells[k] !== '' && !isFigure(cells[k])) {
      c = k;
      break;
    }
  }
  if (c < 0) c = cells.length - 1 > d && cells[cells.length - 1] === '' ? cells.length - 1 : cells.length;
  const stray = cells.slice(c + 1).find((x) => x !== '');
  if (stray !== undefined) throw new SeedError(file, l.n, 'no figure after the "CPI coinvolti" cell', excerpt(stray));
  const amounts = placeAmounts(ctx, l, cells.slice(d + 1, c), NEW_ACTIVITY_RE.test(cells[v]), tid);

  const versionePiano = ctx.correct(cells[v], l.n, tid);
  const cpiCell = c < cells.length && cells[c] !== '' ? cells[c] : null;
  let ambito: Scope | null = null;
  const refs: NameRef[] = [];
  let cpiCoinvolti: string | null = null;
  if (cpiCell !== null) {
    cpiCoinvolti = ctx.correct(cpiCell, l.n, tid);
    const scope = groupScope(cpiCoinvolti);
    if (scope) ambito = scope;
    else if (/^tutti\b/i.test(cpiCoinvolti)) {
      throw new SeedError(file, l.n, 'a province of the region, the CMM or the region after "Tutti i CPI"', excerpt(cpiCoinvolti));
    } else {
      ambito = { tipo: 'cpi' };
      for (const name of cpiCell.split(/\s*[;,]\s*/).filter(Boolean)) {
        refs.push({ printed: name, text: nameText(ctx, name, name, [l.n], tid), lines: [l.n], table: tid });
      }
    }
  }
  return {
    id: `${linea}-${String(idx + 1).padStart(3, '0')}`,
    linea,
    attivita: before[0] ?? null, // replaced by the group assignment
    attivitaRiga: null,
    versionePiano,
    nuovaAttivita: NEW_ACTIVITY_RE.test(versionePiano),
    dettaglio: dettaglioRaw === null ? null : readDettaglio(ctx, dettaglioRaw, l.n, tid),
    ...amounts,
    cpiCoinvolti,
    cpi: [],
    ambito,
    provenance,
    refs,
  };
}

/**
 * Place the cells between "Dettaglio" and "CPI coinvolti" into the three funding columns.
 * - Four or more slots: the page's grid has a spurious leading slot (it holds "-" or nothing); drop it,
 *   keeping a "-" as the mark of an empty Nazionali.
 * - Fewer than three: missing slots are trailing empties.
 * - The native column funds only the 2023 update ("nuova attività prevista da Piano ex DD 2023"): an
 *   amount of such a row belongs there wherever it lands, and an amount of an older activity that
 *   lands in the native slot belongs to "PNRR – progetti in essere". Both moves are recorded.
 */
function placeAmounts(ctx: ParseCtx, l: SeedLine, zone: string[], nuova: boolean, tid: string): Record<Fund, Value> {
  const slots = [...zone];
  let dash = false;
  while (slots.length > 3) {
    const z = slots.shift()!;
    if (z === '') continue;
    if (markerStatus(z) === 'assente') {
      dash = true;
      continue;
    }
    throw new SeedError(ctx.file, l.n, 'at most three amounts (Nazionali, PNRR in essere, native PNRR) in an activity row', `${zone.filter((x) => x).length} figures: ${excerpt(zone.join(' | '))}`);
  }
  while (slots.length < 3) slots.push('');
  if (dash && slots[0] === '') slots[0] = '-';
  const vals = slots.map((s, k) => readValue(s, 'euro', ctx.file, l, FUND_LABEL[FUNDS[k]]));
  const out: Record<Fund, Value> = { nazionali: vals[0], pnrrInEssere: vals[1], pnrrNative: vals[2] };
  const empty = (raw = ''): Value => ({ value: null, status: 'assente', raw });
  const move = (from: Fund, to: Fund, reason: string) => {
    ctx.repaired({ rule: 'colonna-fondi', raw: `${out[from].raw} in "${FUND_LABEL[from]}"`, fixed: `${out[from].raw} in "${FUND_LABEL[to]}"`, reason, line: l.n, table: tid });
    out[to] = out[from];
    out[from] = empty();
  };
  const present = FUNDS.filter((f) => out[f].status === 'valido');
  if (nuova) {
    if (present.length === 1 && present[0] !== 'pnrrNative' && out.pnrrNative.status !== 'valido') {
      move(present[0], 'pnrrNative', 'una "nuova attività prevista da Piano ex DD 2023" è finanziata dalle risorse native PNRR (Aggiornamento Piano)');
    }
  } else if (out.pnrrNative.status === 'valido' && out.pnrrInEssere.status !== 'valido') {
    move('pnrrNative', 'pnrrInEssere', 'le risorse native PNRR finanziano solo le nuove attività del Piano ex DD 2023: in una riga più stretta l\'importo PNRR è scivolato nella colonna successiva');
  }
  return out;
}

/**
 * Give each row its "Attività" group. The label of a merged cell is printed once per page, on the first
 * row after a page break, not on the group's first row. So rows printed before any label, and rows
 * printed after the previous group was closed by its own "Tutti i CPI della Provincia di X" row, belong
 * to the next label when that label follows a page break; otherwise labels carry down.
 */
function assignGroups(ctx: ParseCtx, tid: string, rows: PlanRow[], afterBreak: boolean[]): (GroupLabel | null)[] {
  const out: (GroupLabel | null)[] = rows.map(() => null);
  let current: GroupLabel | null = null;
  let closed = false;
  let pending: number[] = [];
  const closes = (r: PlanRow, g: GroupLabel | null) =>
    !!g && g.scope?.tipo === 'provincia' && r.ambito?.tipo === 'provincia' && r.ambito.provincia === g.scope.provincia;
  rows.forEach((r, k) => {
    if (r.attivita) {
      const label = ctx.correct(r.attivita, r.provenance.lines[0], tid);
      const { scope, place } = labelScope(label);
      const g: GroupLabel = { label, line: r.provenance.lines[0], scope, place };
      if (pending.length) {
        const target = current === null || afterBreak[k] ? g : current;
        for (const p of pending) {
          out[p] = target;
          if (target === g) {
            ctx.repaired({
              rule: 'etichetta-gruppo-dopo-salto-pagina',
              raw: '(cella "Attività" vuota)',
              fixed: label,
              reason: `l'etichetta del gruppo è stampata dopo il salto pagina (riga ${g.line}); la riga precede l'etichetta ma appartiene al gruppo`,
              line: rows[p].provenance.lines[0],
              table: tid,
            });
          }
        }
        pending = [];
      }
      current = g;
      closed = closes(r, g);
      out[k] = g;
      return;
    }
    if (current === null || (closed && !closes(r, current))) {
      pending.push(k);
      return;
    }
    out[k] = current;
    if (closes(r, current)) closed = true;
  });
  for (const p of pending) out[p] = current;
  return out;
}

function gridChecks(tid: string, titolo: string, line: PlanLine, rows: PlanRow[], groups: (GroupLabel | null)[], header: Header, pre: Preamble): Check[] {
  const sums = Object.fromEntries(FUNDS.map((f) => [f, sumEuro(rows.map((r) => r[f].value))])) as Record<Fund, number>;
  const rowLines = rows.map((r) => r.provenance.lines[0]);
  const checks: Check[] = [];
  const names: Record<Fund, string> = { nazionali: 'nazionali', pnrrInEssere: 'pnrr-in-essere', pnrrNative: 'pnrr-native' };
  for (const f of FUNDS) {
    checks.push(
      equalCheck(
        `${tid.toLowerCase()}-totale-${names[f]}`,
        tid,
        `${titolo}: il totale stampato della colonna «${FUND_LABEL[f]}» è la somma delle righe.`,
        header.totals[f].value.value,
        sums[f],
        [header.totals[f].line, ...rowLines],
        0.005,
      ),
    );
  }
  checks.push(
    equalCheck(
      `${tid.toLowerCase()}-piano-potenziamento`,
      tid,
      `${titolo}: le risorse del Piano di potenziamento sono la somma delle risorse nazionali e PNRR in essere delle righe.`,
      line.pianoPotenziamento.value,
      sumEuro([sums.nazionali, sums.pnrrInEssere]),
      [...(pre.pianoLine ? [pre.pianoLine] : []), ...rowLines],
      0.005,
    ),
    equalCheck(
      `${tid.toLowerCase()}-aggiornamento-piano`,
      tid,
      `${titolo}: le risorse dell'Aggiornamento Piano sono la somma delle risorse native PNRR delle righe.`,
      line.aggiornamentoPiano.value,
      sums.pnrrNative,
      [...(pre.aggiornamentoLine ? [pre.aggiornamentoLine] : []), ...rowLines],
      0.005,
    ),
  );
  const nuove = rows.filter((r) => r.nuovaAttivita);
  checks.push(
    equalCheck(
      `${tid.toLowerCase()}-nuove-attivita`,
      tid,
      `${titolo}: le righe «nuova attività prevista da Piano ex DD 2023» sommano l'Aggiornamento Piano.`,
      line.aggiornamentoPiano.value,
      sumEuro(nuove.flatMap((r) => FUNDS.map((f) => r[f].value))),
      [...(pre.aggiornamentoLine ? [pre.aggiornamentoLine] : []), ...nuove.map((r) => r.provenance.lines[0])],
      0.005,
    ),
    equalCheck(
      `${tid.toLowerCase()}-totale-importi`,
      tid,
      `${titolo}: tutti gli importi delle righe sommano i tre totali stampati nell'intestazione.`,
      sumEuro(FUNDS.map((f) => header.totals[f].value.value)),
      sumEuro(rows.flatMap((r) => FUNDS.map((f) => r[f].value))),
      [...new Set(FUNDS.map((f) => header.totals[f].line))],
      0.005,
    ),
  );
  // Group labels vs the "Tutti i CPI della Provincia di X" rows they hold: a cross-check of the group assignment.
  const provRows = rows
    .map((r, k) => ({ r, g: groups[k] }))
    .filter(({ r, g }) => r.ambito?.tipo === 'provincia' && g?.scope?.tipo === 'provincia');
  if (provRows.length) {
    const agree = provRows.filter(({ r, g }) => r.ambito?.tipo === 'provincia' && g?.scope?.tipo === 'provincia' && r.ambito.provincia === g.scope.provincia);
    const off = provRows.filter((x) => !agree.includes(x));
    checks.push(
      equalCheck(
        `${tid.toLowerCase()}-gruppi-province`,
        tid,
        `${titolo}: ogni riga «Tutti i CPI della Provincia di X» sta nel gruppo «… Provincia di X» della colonna Attività.`,
        provRows.length,
        agree.length,
        (off.length ? off : provRows).map(({ r }) => r.provenance.lines[0]),
      ),
    );
  }
  return checks;
}
