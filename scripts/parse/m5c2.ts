/**
 * M5C2 project tables (Avviso 1/2022): one row per project (CUP) of a distretto sociale, with
 * amount, spending and programmato/realizzato pairs for each indicator.
 *
 * Tables are found by their header signature ("Distretto sociale … | CUP | …"), never by position;
 * each gets its measure from the nearest heading above it. Physical damage is repaired here by
 * general rules: a name continued on a row of its own, a cell split over two rows ("Dato non" …
 * "validat o"), spaces inside CUP codes and amounts. Name canonicalisation across tables
 * (inserted spaces, 40-character truncation) happens later, in entities.ts, because it needs
 * every printed name of the document.
 */
import { SeedError, excerpt } from '../lib/errors.ts';
import { isBlank, isSeparator, type SeedLine } from '../lib/seed.ts';
import type { ParseCtx, Provenance, TableInfo } from '../lib/types.ts';
import { markerStatus, parseItalianLongDate, parseItalianNumber, type Value } from '../lib/values.ts';
import { isM5c2HeaderStart, readM5c2Header, type IndicatorColumn, type M5c2Header } from './m5c2-header.ts';
import { isMeasureHeading, measureAbove, tableIdOf, type FoundMeasure } from './m5c2-measure.ts';
import { readAmount, readCup, readIndicatorValue } from './m5c2-cells.ts';

/** One indicator of one project: programmato and realizzato from the pair of columns. */
export interface Indicator {
  gruppo: 'output' | 'target';
  nome: string;
  unita: 'numero' | 'ore';
  programmato: Value;
  realizzato: Value;
}

/** A project row before its entity name is canonicalised across the document. */
export interface ProjectDraft {
  cup: string;
  measure: string;
  table: string;
  /** Name cells as printed (one per physical row when the name continues on the next row). */
  nameParts: { text: string; line: number }[];
  /** The name as printed on the row, fragments joined with a space, before any repair. */
  nomeStampato: string;
  /** The name after human corrections (corrections.json) and rejoining, before cross-table repairs. */
  nome: string;
  regione: string | null;
  importo: Value;
  spese: Value;
  indicators: Indicator[];
  provenance: Provenance;
}

/** The M5C2 tables found and their rows, in document order. */
export interface M5c2Result {
  tables: TableInfo[];
  projects: ProjectDraft[];
  /** Index in ctx.lines of the line after the last table (for bounds of later searches). */
  endIdx: number;
}

/** The footnote that dates the M5C2 tables: "(*) … rilevazione … del 10 giugno 2025." */
interface Footnote {
  line: number;
  datiAl: string | null;
  fonte: string | null;
}

/** Find the "(*)" footnote after `fromIdx`: its long-form date is the tables' "dati al", its subject the source. */
export function findM5c2Footnote(lines: SeedLine[], fromIdx: number): Footnote | null {
  for (let i = fromIdx; i < lines.length; i++) {
    const t = lines[i].text;
    if (!/^\(\*\)/.test(t)) continue;
    // The source is the survey the note names ("rilevazione …"), without its date; failing that, the whole note.
    const src = /\b(rilevazione\b.*?)\s+del\s+\d/i.exec(t)?.[1] ?? t.replace(/^\(\*\)\s*/, '').replace(/\.$/, '');
    return {
      line: lines[i].n,
      datiAl: parseItalianLongDate(t),
      fonte: src ? src.charAt(0).toUpperCase() + src.slice(1) : null,
    };
  }
  return null;
}

/**
 * Parse every M5C2 project table of the document (lines other parsers claimed are skipped).
 * `stopIdx` is where the previous project table ended, so the first table's heading search
 * does not run into it.
 */
export function parseM5c2Tables(ctx: ParseCtx, stopIdx = -1): M5c2Result {
  const { lines } = ctx;
  const starts: number[] = [];
  for (let i = 0; i < lines.length; i++) if (!ctx.claimed(lines[i].n) && isM5c2HeaderStart(lines[i])) starts.push(i);
  if (starts.length === 0) return { tables: [], projects: [], endIdx: stopIdx };

  const footnote = findM5c2Footnote(lines, starts[0]);
  const tables: TableInfo[] = [];
  const projects: ProjectDraft[] = [];
  const seenIds = new Map<string, number>();
  let prevEnd = stopIdx;
  for (const start of starts) {
    const measure = measureAbove(lines, start, prevEnd, ctx.file);
    const table = tableIdOf(measure);
    if (seenIds.has(table)) {
      throw new SeedError(ctx.file, lines[start].n, `one table per measure (${measure.code} already has the table at line ${seenIds.get(table)})`, 'a second one');
    }
    seenIds.set(table, lines[start].n);
    const dated = footnote && footnote.line > lines[start].n ? footnote : null;
    const parsed = parseOneTable(ctx, start, table, measure, dated);
    tables.push(parsed.info);
    projects.push(...parsed.projects);
    prevEnd = parsed.endIdx - 1;
  }
  if (footnote) ctx.structural(footnote.line, 'nota (*) delle tabelle M5C2');
  return { tables, projects, endIdx: prevEnd + 1 };
}

interface LogicalRow {
  line: SeedLine;
  cells: string[];
  lines: number[];
  nameParts: { text: string; line: number }[];
  /** Cells completed from a fragment row: column → the pieces as printed. */
  splits: Map<number, { parts: string[]; line: number }>;
}

function parseOneTable(ctx: ParseCtx, start: number, table: string, measure: FoundMeasure, footnote: Footnote | null) {
  const { lines, file } = ctx;
  const header = readM5c2Header(ctx, start, table);
  // A measure title printed as a row of the grid itself (trailing tabs, right above the header, blank lines aside) is its caption.
  let above = start - 1;
  while (above >= 0 && isBlank(lines[above])) above--;
  const titleIdx = above >= 0 && lines[above].n === measure.line && lines[above].cells.length > 1 ? above : null;
  if (titleIdx !== null) ctx.structural(lines[titleIdx].n, `${table} titolo`);
  ctx.structural(header.lines, `${table} intestazione`);

  const rows: LogicalRow[] = [];
  let pendingBlank: number[] = [];
  let i = header.lastIdx + 1;
  for (; ; i++) {
    if (i >= lines.length) {
      // A grid runs until a heading, a note or the next table; running into the end means the file was cut.
      throw new SeedError(file, lines[lines.length - 1].n, `the end of table ${table} (a heading or a note after its rows)`, 'end of file');
    }
    const l = lines[i];
    if (isBlank(l) || isSeparator(l)) {
      pendingBlank.push(l.n);
      continue;
    }
    const kind = classify(lines, i, header.width);
    if (kind === 'end') break;
    if (kind === 'data') {
      checkWidth(ctx, l, header, table);
      rows.push({ line: l, cells: [...l.cells], lines: [l.n], nameParts: l.cells[0] ? [{ text: l.cells[0], line: l.n }] : [], splits: new Map() });
    } else {
      const row = rows.at(-1);
      if (!row) break;
      if (kind === 'name') row.nameParts.push({ text: l.cells[0], line: l.n });
      else mergeFragments(ctx, row, l);
      row.lines.push(l.n);
    }
    ctx.structural(pendingBlank, `${table} riga vuota`);
    pendingBlank = [];
  }
  if (rows.length === 0) throw new SeedError(file, lines[i].n, `at least one project row in table ${table}`, excerpt(lines[i].text));

  const last = rows.at(-1)!.lines.at(-1)!;
  const info: TableInfo = {
    id: table,
    title: measure.heading,
    lines: [titleIdx !== null ? lines[titleIdx].n : lines[start].n, last],
    rows: rows.length,
    datiAl: footnote?.datiAl ?? null,
    fonte: footnote?.fonte ?? null,
    measure: measure.id,
    collection: 'projects',
  };
  for (const r of rows) ctx.consume(r.lines, table);
  const projects = rows.map((r) => toDraft(ctx, r, header.indicators, info));
  return { info, projects, endIdx: i };
}

type RowKind = 'data' | 'name' | 'fragment' | 'end';

/**
 * What a non-blank line inside a table is: a project row (the CUP column is filled), the rest of
 * the previous row's name (only the name cell is filled), the rest of split cells (only value
 * cells are filled), or the end of the table (a heading, a note, the next table's title or header).
 */
function classify(lines: SeedLine[], i: number, width: number): RowKind {
  const l = lines[i];
  if (isM5c2HeaderStart(l)) return 'end';
  if (l.cells[1]) return 'data';
  // The filled cells: how many, whether the first cell is the only one, whether all are value cells.
  let filled = 0;
  let valueCellsOnly = true;
  l.cells.forEach((c, k) => {
    if (!c) return;
    filled++;
    if (k < 2 || k >= width) valueCellsOnly = false;
  });
  if (filled === 1 && l.cells[0]) {
    // A heading or a note has no tabs, while a continuation is a row of the grid and keeps them.
    // The next table's title row is a grid row too: it names a measure, or a header follows it.
    if (isMeasureHeading(l.text) || l.cells.length < width / 2) return 'end';
    let j = i + 1;
    while (j < lines.length && isBlank(lines[j])) j++;
    return j < lines.length && isM5c2HeaderStart(lines[j]) ? 'end' : 'name';
  }
  if (!l.cells[0] && filled > 0 && valueCellsOnly) return 'fragment';
  return 'end';
}

function checkWidth(ctx: ParseCtx, l: SeedLine, header: M5c2Header, table: string) {
  const beyond = l.cells.slice(header.width).filter((c) => c !== '');
  if (beyond.length > 0) {
    const filledCount = l.cells.filter((c) => c !== '').length;
    throw new SeedError(ctx.file, l.n, `a row of table ${table} with at most ${header.width} cells (as its header)`, `${filledCount} cells filled, extra ${excerpt(beyond.join(' ⇥ '))}`);
  }
  if (!l.cells[0]) throw new SeedError(ctx.file, l.n, `the name of the distretto sociale in the first cell of a row of table ${table}`, 'an empty cell');
  if (l.cells.length < header.width) {
    throw new SeedError(ctx.file, l.n, `a row of table ${table} with ${header.width} cells (as its header)`, `${l.cells.length} cells (a truncated row?)`);
  }
}

/** "Dato non" on a row, "validat o" in the same column of a later row of otherwise empty cells. */
function mergeFragments(ctx: ParseCtx, row: LogicalRow, l: SeedLine) {
  l.cells.forEach((frag, k) => {
    if (!frag) return;
    const prev = row.cells[k] ?? '';
    const complete = prev !== '' && (markerStatus(prev) !== null || parseItalianNumber(prev) !== null);
    if (prev === '' || complete) {
      throw new SeedError(ctx.file, l.n, `the continuation of a cell split over two rows (column ${k + 1} above is ${prev ? 'complete' : 'empty'})`, excerpt(frag));
    }
    row.cells[k] = `${prev} ${frag}`;
    const s = row.splits.get(k);
    if (s) s.parts.push(frag);
    else row.splits.set(k, { parts: [prev, frag], line: l.n });
  });
}

function toDraft(ctx: ParseCtx, r: LogicalRow, indicators: IndicatorColumn[], info: TableInfo): ProjectDraft {
  const table = info.id;
  const { line, cells } = r;
  for (const [k, s] of r.splits) {
    ctx.repaired({
      rule: 'cella-spezzata',
      raw: s.parts.join(' | '),
      fixed: s.parts.join(' '),
      reason: `Cella spezzata dall'estrazione del PDF: il seguito è sulla riga ${s.line}, nella stessa colonna (${k + 1}).`,
      line: line.n,
      table,
    });
  }
  const nomeStampato = r.nameParts.map((p) => p.text).join(' ');
  const nome = r.nameParts.map((p) => ctx.correct(p.text, p.line, table)).join(' ');
  if (r.nameParts.length > 1) {
    ctx.repaired({
      rule: 'nome-spezzato',
      raw: r.nameParts.map((p) => p.text).join(' | '),
      fixed: nome,
      reason: `Nome del distretto sociale spezzato su più righe dall'estrazione del PDF (righe ${r.nameParts.map((p) => p.line).join(', ')}).`,
      line: line.n,
      table,
    });
  }
  const cup = readCup(ctx, cells[1], line, table);
  const importo = readAmount(ctx, cells[2], line, 'Importo finanziamento', table);
  const spese = readAmount(ctx, cells[3], line, 'Spese realizzate', table);
  const inds: Indicator[] = indicators.map((c) => ({
    gruppo: c.gruppo,
    nome: c.nome,
    unita: c.unita,
    programmato: readIndicatorValue(ctx, cells[c.index], c, line, 'Valore programmato', table),
    realizzato: readIndicatorValue(ctx, cells[c.index + 1], c, line, 'Valore realizzato', table),
  }));
  return {
    cup,
    measure: info.measure!,
    table,
    nameParts: r.nameParts,
    nomeStampato,
    nome,
    regione: null,
    importo,
    spese,
    indicators: inds,
    provenance: {
      file: ctx.file,
      lines: [r.lines[0], r.lines.at(-1)!],
      table,
      tableTitle: info.title,
      datiAl: info.datiAl,
      fonte: info.fonte,
    },
  };
}
