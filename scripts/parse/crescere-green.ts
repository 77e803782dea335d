/**
 * M7C1 I10 "Crescere Green" (REPowerEU): the projects table (CUP | Proponente | Regione | Importo |
 * Target M7-30 beneficiari programmati / rendicontati) and the regional summary under it
 * (Regione | Importo | beneficiari programmati / rendicontati), checked against each other.
 * Both are found by their column names; the measure comes from the compact code in the heading.
 */
import { SeedError, excerpt } from '../lib/errors.ts';
import { isBlank, isSeparator, type SeedLine } from '../lib/seed.ts';
import { placeKey } from '../lib/territory.ts';
import { slugify } from '../lib/slug.ts';
import type { Check, ParseCtx, Provenance, TableInfo } from '../lib/types.ts';
import { cents, has, type Value } from '../lib/values.ts';
import { readAmount, readCup, readFigure } from './m5c2-cells.ts';
import { compactMeasureAbove, isProjectsCaption, tableIdOf, type FoundMeasure } from './m5c2-measure.ts';
import type { ProjectDraft } from './m5c2.ts';

/** The regional summary row (T15b). */
export interface CrescereGreenSummary {
  id: string;
  regione: string;
  measure: string;
  importo: Value;
  beneficiariProgrammati: Value;
  beneficiariRendicontati: Value;
  provenance: Provenance;
}

export interface CrescereGreenResult {
  tables: TableInfo[];
  projects: ProjectDraft[];
  summaries: CrescereGreenSummary[];
  checks: Check[];
  /** Index in ctx.lines of the line after the summary table, or -1 when there is no such table. */
  endIdx: number;
}

type Col = 'cup' | 'proponente' | 'regione' | 'importo' | 'target';
const COLUMN_LABELS: [RegExp, Col][] = [
  [/^CUP$/i, 'cup'],
  [/^proponente$/i, 'proponente'],
  [/^regione$/i, 'regione'],
  [/^importo\b/i, 'importo'],
  [/^target\b/i, 'target'],
];
const PROGRAMMATI = /^beneficiari programmati$/i;
const RENDICONTATI = /^beneficiari rendicontati$/i;

interface Layout {
  idx: Partial<Record<Col, number>>;
  lines: number[];
  /** Index in ctx.lines of the first line after the header block. */
  nextIdx: number;
  /** The target group label as printed ("TARGET M7 - 30"), tidied to "TARGET M7-30". */
  target: string;
}

/** Read a header block: a row of column names, then (after separators/blank lines) the beneficiari sub-header. */
function readHeader(ctx: ParseCtx, startIdx: number, required: Col[], table: string): Layout {
  const { lines, file } = ctx;
  const first = lines[startIdx];
  const idx: Partial<Record<Col, number>> = {};
  first.cells.forEach((c, k) => {
    if (!c) return;
    const hit = COLUMN_LABELS.find(([re]) => re.test(c));
    if (!hit) throw new SeedError(file, first.n, `a column of table ${table} (${required.join(', ')})`, `${excerpt(c)} in column ${k + 1}`);
    if (idx[hit[1]] !== undefined) throw new SeedError(file, first.n, `one column "${hit[1]}" in table ${table}`, `two`);
    idx[hit[1]] = k;
  });
  for (const c of required) if (idx[c] === undefined) throw new SeedError(file, first.n, `a column "${c}" in the header of table ${table}`, 'a header without it');
  if (Object.keys(idx).length !== required.length) {
    const extra = Object.keys(idx).find((k) => !required.includes(k as Col));
    throw new SeedError(file, first.n, `the columns ${required.join(', ')} of table ${table}`, `also a column "${extra}"`);
  }
  const lns = [first.n];
  let i = startIdx + 1;
  for (; i < lines.length && (isBlank(lines[i]) || isSeparator(lines[i])); i++) lns.push(lines[i].n);
  const sub = lines[i];
  const t = idx.target!;
  if (!sub || !PROGRAMMATI.test(sub.cells[t] ?? '') || !RENDICONTATI.test(sub.cells[t + 1] ?? '')) {
    throw new SeedError(file, sub ? sub.n : first.n, `"beneficiari programmati | beneficiari rendicontati" under the target column of table ${table}`, sub ? excerpt(sub.text) : 'end of file');
  }
  const stray = sub.cells.find((c, k) => c && k !== t && k !== t + 1);
  if (stray) throw new SeedError(file, sub.n, `only the beneficiari labels in the sub-header of table ${table}`, excerpt(stray));
  lns.push(sub.n);
  const target = first.cells[t].replace(/\b(M\d+)\s*-\s*(\d+)\b/, '$1-$2');
  return { idx, lines: lns, nextIdx: i + 1, target };
}

/** A "CUP" column and an "Importo" column, and not the M5C2 layout (which starts with "Distretto sociale"). */
const isProjectsHeader = (l: SeedLine) =>
  l.cells.some((c) => /^CUP$/i.test(c)) && l.cells.some((c) => /^importo$/i.test(c)) && !l.cells.some((c) => /^distretto sociale\b/i.test(c));
const isSummaryHeader = (l: SeedLine) =>
  !l.cells.some((c) => /^CUP$/i.test(c)) && /^regione$/i.test(l.cells[0] ?? '') && l.cells.some((c) => /^importo\b/i.test(c));

/** Data rows: consecutive rows whose key column is filled, blank lines allowed between them. */
function readRows(ctx: ParseCtx, startIdx: number, keyCol: number, width: number, table: string) {
  const { lines, file } = ctx;
  const rows: SeedLine[] = [];
  const blanks: number[] = [];
  let i = startIdx;
  for (; i < lines.length; i++) {
    const l = lines[i];
    if (isBlank(l) || isSeparator(l)) {
      blanks.push(l.n);
      continue;
    }
    // A heading or paragraph is one cell; a row of the grid has its tabs.
    if (!l.cells[keyCol] || l.cells.length === 1 || isSummaryHeader(l) || isProjectsHeader(l)) break;
    const beyond = l.cells.slice(width).filter((c) => c);
    if (beyond.length) throw new SeedError(file, l.n, `a row of table ${table} with at most ${width} cells`, `extra ${excerpt(beyond.join(' ⇥ '))}`);
    if (l.cells.length < width) throw new SeedError(file, l.n, `a row of table ${table} with ${width} cells`, `${l.cells.length} cells (a truncated row?)`);
    ctx.structural(blanks.splice(0), `${table} riga vuota`);
    rows.push(l);
  }
  if (rows.length === 0) throw new SeedError(file, lines[Math.min(i, lines.length - 1)].n, `at least one row in table ${table}`, i >= lines.length ? 'end of file' : excerpt(lines[i].text));
  if (i >= lines.length) throw new SeedError(file, lines[lines.length - 1].n, `the end of table ${table} (a heading or another table after its rows)`, 'end of file');
  return { rows, endIdx: i };
}

/** The caption line right above a table header (blank lines aside), if it is the sentence that introduces it. */
function captionAbove(lines: SeedLine[], idx: number): SeedLine | null {
  for (let i = idx - 1; i >= 0; i--) {
    if (isBlank(lines[i])) continue;
    return isProjectsCaption(lines[i].text) ? lines[i] : null;
  }
  return null;
}

/**
 * Parse the Crescere Green tables. Returns nothing when the document has no such table; throws when
 * the projects table is there but its regional summary is not (the checks need it).
 */
export function parseCrescereGreen(ctx: ParseCtx): CrescereGreenResult {
  const { lines, file } = ctx;
  const startIdx = lines.findIndex((l) => !ctx.claimed(l.n) && isProjectsHeader(l));
  if (startIdx < 0) return { tables: [], projects: [], summaries: [], checks: [], endIdx: -1 };

  const measure: FoundMeasure = compactMeasureAbove(lines, startIdx, file);
  const caption = captionAbove(lines, startIdx);
  const base = tableIdOf(measure);
  const tA = `${base}a`;
  const tB = `${base}b`;
  const titleA = caption?.text ?? measure.heading;
  if (caption) ctx.structural(caption.n, `${tA} didascalia`);

  const hA = readHeader(ctx, startIdx, ['cup', 'proponente', 'regione', 'importo', 'target'], tA);
  ctx.structural(hA.lines, `${tA} intestazione`);
  const widthA = hA.idx.target! + 2;
  const a = readRows(ctx, hA.nextIdx, hA.idx.cup!, widthA, tA);
  const provA = (l: SeedLine): Provenance => ({ file, lines: [l.n, l.n], table: tA, tableTitle: titleA, datiAl: null, fonte: null });
  const indicatorName = `${hA.target} – beneficiari`;
  const projects: ProjectDraft[] = a.rows.map((l) => {
    ctx.consume(l.n, tA);
    const c = l.cells;
    const printed = c[hA.idx.proponente!];
    if (!printed) throw new SeedError(file, l.n, `the proponente of the project in table ${tA}`, 'an empty cell');
    const regione = c[hA.idx.regione!];
    if (!regione) throw new SeedError(file, l.n, `the regione of the project in table ${tA}`, 'an empty cell');
    return {
      cup: readCup(ctx, c[hA.idx.cup!], l, tA),
      measure: measure.id,
      table: tA,
      nameParts: [{ text: printed, line: l.n }],
      nomeStampato: printed,
      nome: ctx.correct(printed, l.n, tA),
      regione,
      importo: readAmount(ctx, c[hA.idx.importo!], l, 'Importo', tA),
      // The table has no spending column: the figure is absent, not zero.
      spese: { value: null, status: 'assente', raw: '' },
      indicators: [
        {
          gruppo: 'target',
          nome: indicatorName,
          unita: 'numero',
          programmato: readFigure(ctx, c[hA.idx.target!], 'integer', l, 'beneficiari programmati', tA),
          realizzato: readFigure(ctx, c[hA.idx.target! + 1], 'integer', l, 'beneficiari rendicontati', tA),
        },
      ],
      provenance: provA(l),
    };
  });

  // The regional summary must follow (blank lines aside).
  let j = a.endIdx;
  while (j < lines.length && isBlank(lines[j])) j++;
  if (j >= lines.length || !isSummaryHeader(lines[j])) {
    throw new SeedError(file, lines[Math.min(j, lines.length - 1)].n, `the regional summary of table ${tA} (Regione | Importo | beneficiari)`, j >= lines.length ? 'end of file' : excerpt(lines[j].text));
  }
  const hB = readHeader(ctx, j, ['regione', 'importo', 'target'], tB);
  ctx.structural(hB.lines, `${tB} intestazione`);
  const b = readRows(ctx, hB.nextIdx, hB.idx.regione!, hB.idx.target! + 2, tB);
  const summaries: CrescereGreenSummary[] = b.rows.map((l) => {
    ctx.consume(l.n, tB);
    const c = l.cells;
    return {
      id: slugify(c[hB.idx.regione!]),
      regione: c[hB.idx.regione!],
      measure: measure.id,
      importo: readAmount(ctx, c[hB.idx.importo!], l, 'Importo', tB),
      beneficiariProgrammati: readFigure(ctx, c[hB.idx.target!], 'integer', l, 'beneficiari programmati', tB),
      beneficiariRendicontati: readFigure(ctx, c[hB.idx.target! + 1], 'integer', l, 'beneficiari rendicontati', tB),
      provenance: { file, lines: [l.n, l.n], table: tB, tableTitle: measure.heading, datiAl: null, fonte: null },
    };
  });

  const tables: TableInfo[] = [
    { id: tA, title: titleA, lines: [lines[startIdx].n, a.rows.at(-1)!.n], rows: a.rows.length, datiAl: null, fonte: null, measure: measure.id, collection: 'projects' },
    { id: tB, title: measure.heading, lines: [lines[j].n, b.rows.at(-1)!.n], rows: b.rows.length, datiAl: null, fonte: null, measure: measure.id, collection: 'crescereGreen' },
  ];
  return { tables, projects, summaries, checks: summaryChecks(projects, summaries, tB), endIdx: b.endIdx };
}

/** Each summary row against the sum of the project rows of its region: importo, beneficiari programmati, rendicontati. */
function summaryChecks(projects: ProjectDraft[], summaries: CrescereGreenSummary[], table: string): Check[] {
  const checks: Check[] = [];
  for (const s of summaries) {
    const rows = projects.filter((p) => placeKey(p.regione ?? '') === placeKey(s.regione));
    const lines = [s.provenance.lines[0], ...rows.map((r) => r.provenance.lines[0])];
    const sum = (pick: (p: ProjectDraft) => Value) => {
      const vals = rows.map(pick);
      return vals.every(has) ? vals.reduce((n, v) => n + v.value!, 0) : null;
    };
    const items: [string, string, Value, number | null, number][] = [
      ['importo', 'Importo', s.importo, sum((p) => p.importo), 0.005],
      ['beneficiari-programmati', 'Beneficiari programmati', s.beneficiariProgrammati, sum((p) => p.indicators[0].programmato), 0],
      ['beneficiari-rendicontati', 'Beneficiari rendicontati', s.beneficiariRendicontati, sum((p) => p.indicators[0].realizzato), 0],
    ];
    for (const [key, label, stated, computedRaw, tolerance] of items) {
      const computed = computedRaw === null ? null : key === 'importo' ? cents(computedRaw) : computedRaw;
      const ok = stated.value !== null && computed !== null && Math.abs(stated.value - computed) <= tolerance;
      checks.push({
        id: `${table}-${s.id}-${key}`,
        table,
        description: `${label} della riga ${s.regione} = somma delle ${rows.length} righe dei progetti`,
        stated: stated.value,
        computed,
        tolerance,
        ok,
        lines,
        ...(computed === null ? { note: 'una o più righe non hanno il valore' } : {}),
      });
    }
  }
  return checks;
}
