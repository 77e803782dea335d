/**
 * The header of an M5C2 project table (Avviso 1/2022): "Distretto sociale (ATS/Comune) | CUP |
 * Importo finanziamento | Spese realizzate | then, per indicator, Valore programmato / Valore realizzato",
 * under group labels "Indicatori di output" and "Indicatori di target".
 *
 * The PDF extraction scrambles the upper header rows (labels shift by a cell, land on another row,
 * a separator and a blank line sit in between), so fixed columns are recognised by name anywhere in
 * the header block, while indicator columns are anchored on the last row, the
 * "Valore programmato / Valore realizzato" pairs, which is never scrambled.
 */
import { SeedError, excerpt } from '../lib/errors.ts';
import { isBlank, isSeparator, type SeedLine } from '../lib/seed.ts';
import type { ParseCtx } from '../lib/types.ts';

/** One indicator: a programmato/realizzato pair of columns. */
export interface IndicatorColumn {
  /** Cell index of "Valore programmato" (realizzato is the next cell). */
  index: number;
  /** Indicator name as in the header (cleaned, corrections applied). */
  nome: string;
  gruppo: 'output' | 'target';
  /** `ore` when the indicator counts hours ("Ore supervisione-…"), else `numero`. */
  unita: 'numero' | 'ore';
}

export interface M5c2Header {
  /** Every line of the header block (labels, separators, blank lines). */
  lines: number[];
  /** Index in ctx.lines of the last header row (the value labels). */
  lastIdx: number;
  indicators: IndicatorColumn[];
  /** Number of columns a data row has: 4 fixed + 2 per indicator. */
  width: number;
}

/** The four fixed columns, in the order of the data cells. */
export const FIXED_COLUMNS = ['Distretto sociale (ATS/Comune)', 'CUP', 'Importo finanziamento', 'Spese realizzate'] as const;

const FIXED_LABELS: [RegExp, number][] = [
  [/^distretto sociale\b/i, 0],
  [/^\(?ATS\s*\/\s*Comun[ei]\)?$/i, 0],
  [/^CUP$/i, 1],
  [/^importo finanziament[oi]\b/i, 2],
  [/^spese realizzat[ae]\b/i, 3],
];
const OUTPUT_GROUP = /^indicatori di output\b/i;
const TARGET_GROUP = /^indicatori di target\b/i;
const PROGRAMMATO = /^valore programmato$/i;
const REALIZZATO = /^valore realizzato$/i;
/** Non-blank rows of a header (labels, separators, value labels): never more than a handful. */
const MAX_HEADER_LINES = 8;

const DISTRETTO = /^distretto sociale\b/i;
const CUP = /^CUP$/i;

/** True for the first row of an M5C2 table header: a "Distretto sociale" cell and a "CUP" cell. */
export function isM5c2HeaderStart(l: SeedLine): boolean {
  // Runs on every line: two different cells are needed (no cell is both), which rules out most lines.
  return l.cells.length > 1 && l.cells.some((c) => DISTRETTO.test(c)) && l.cells.some((c) => CUP.test(c));
}

/**
 * Read the header block starting at `startIdx`. Throws a located SeedError when a column is
 * missing, unknown, or an indicator has no name / no programmato-realizzato pair.
 */
export function readM5c2Header(ctx: ParseCtx, startIdx: number, table: string): M5c2Header {
  const { lines, file } = ctx;
  const labelLines: SeedLine[] = [];
  const block: number[] = [];
  let valueLine: SeedLine | null = null;
  let i = startIdx;
  let rowsSeen = 0;
  for (; i < lines.length && rowsSeen < MAX_HEADER_LINES; i++) {
    const l = lines[i];
    block.push(l.n);
    // Blank lines (page breaks) do not count towards the header's height.
    if (isBlank(l)) continue;
    rowsSeen++;
    if (isSeparator(l)) continue;
    if (l.cells.some((c) => PROGRAMMATO.test(c))) {
      valueLine = l;
      break;
    }
    if (i > startIdx && l.cells[0] && l.cells[1] && !FIXED_LABELS.some(([re]) => re.test(l.cells[0]))) {
      // A data row before the value labels: the header lost its last row.
      throw new SeedError(file, l.n, `the header row "Valore programmato | Valore realizzato" of table ${table}`, excerpt(l.text));
    }
    labelLines.push(l);
  }
  if (!valueLine) {
    const eof = i >= lines.length;
    const at = lines[Math.min(i, lines.length - 1)];
    throw new SeedError(file, at.n, `the header row "Valore programmato | Valore realizzato" of table ${table}`, eof ? 'end of file' : excerpt(at.text));
  }

  // Value labels: four empty fixed cells, then programmato/realizzato pairs, then only empty cells.
  const v = valueLine.cells;
  for (let c = 0; c < 4; c++) {
    if (v[c]) throw new SeedError(file, valueLine.n, `an empty cell above column "${FIXED_COLUMNS[c]}" in the value-label row`, excerpt(v[c]));
  }
  const pairs: number[] = [];
  let c = 4;
  while (c < v.length && v[c]) {
    if (!PROGRAMMATO.test(v[c]) || !REALIZZATO.test(v[c + 1] ?? '')) {
      throw new SeedError(file, valueLine.n, `"Valore programmato" then "Valore realizzato" at columns ${c + 1}–${c + 2}`, excerpt(`${v[c]} ⇥ ${v[c + 1] ?? ''}`));
    }
    pairs.push(c);
    c += 2;
  }
  if (pairs.length === 0) throw new SeedError(file, valueLine.n, 'at least one indicator (Valore programmato | Valore realizzato)', excerpt(valueLine.text));
  const extra = v.slice(c).find((x) => x !== '');
  if (extra) throw new SeedError(file, valueLine.n, 'only empty cells after the last "Valore realizzato"', excerpt(extra));
  const width = 4 + 2 * pairs.length;

  // Label rows: every filled cell must be a fixed label, a group label, or an indicator name
  // sitting above a "Valore programmato" column.
  const seenFixed = new Set<number>();
  let outputAt: number | null = null;
  let targetAt: number | null = null;
  const names = new Map<number, { text: string; line: number }>();
  for (const l of labelLines) {
    l.cells.forEach((cell, idx) => {
      if (!cell) return;
      const fixed = FIXED_LABELS.find(([re]) => re.test(cell));
      if (fixed) {
        seenFixed.add(fixed[1]);
        return;
      }
      if (OUTPUT_GROUP.test(cell)) {
        outputAt ??= idx;
        return;
      }
      if (TARGET_GROUP.test(cell)) {
        targetAt ??= idx;
        return;
      }
      if (pairs.includes(idx) && !names.has(idx)) {
        names.set(idx, { text: ctx.correct(cell, l.n, table), line: l.n });
        return;
      }
      throw new SeedError(
        file,
        l.n,
        `a column of the M5C2 table (${FIXED_COLUMNS.join(', ')}, "Indicatori di output/target", or an indicator name above a "Valore programmato" column)`,
        `${excerpt(cell)} in column ${idx + 1}`,
      );
    });
  }
  const first = lines[startIdx];
  FIXED_COLUMNS.forEach((name, k) => {
    if (!seenFixed.has(k)) throw new SeedError(file, first.n, `a column "${name}" in the header of table ${table}`, 'a header without it');
  });
  for (const p of pairs) {
    if (!names.has(p)) throw new SeedError(file, valueLine.n, `an indicator name above column ${p + 1} ("Valore programmato") of table ${table}`, 'an empty cell');
  }
  if (outputAt === null) throw new SeedError(file, first.n, `the group label "Indicatori di output" in the header of table ${table}`, 'a header without it');
  if (targetAt === null) throw new SeedError(file, first.n, `the group label "Indicatori di target" in the header of table ${table}`, 'a header without it');

  const ordered = pairs.map((p) => ({ index: p, nome: names.get(p)!.text }));
  const firstTarget = targetGroupStart(ctx, ordered, outputAt, targetAt, pairs, labelLines, table);
  const indicators: IndicatorColumn[] = ordered.map((ind, k) => ({
    index: ind.index,
    nome: ind.nome,
    gruppo: k < firstTarget ? 'output' : 'target',
    unita: /^ore\b/i.test(ind.nome) ? 'ore' : 'numero',
  }));
  return { lines: block, lastIdx: startIdx + block.length - 1, indicators, width };
}

/**
 * Index (in indicator order) of the first target indicator. When the group labels sit above
 * indicator columns, their positions decide. When the extraction collapsed them (both labels in
 * adjacent cells, or before the indicator columns), target indicators are the trailing run whose
 * names count something ("Nr. di …"): the Avviso's target indicators are counts of people or
 * projects, its output indicators are activities.
 */
function targetGroupStart(
  ctx: ParseCtx,
  ordered: { index: number; nome: string }[],
  outputAt: number,
  targetAt: number,
  pairs: number[],
  labelLines: SeedLine[],
  table: string,
): number {
  const aligned = outputAt === pairs[0] && targetAt > outputAt && pairs.includes(targetAt);
  if (aligned) return pairs.indexOf(targetAt);
  let k = ordered.length;
  while (k > 0 && /^nr\.?\s/i.test(ordered[k - 1].nome)) k--;
  const groupLine = labelLines.find((l) => l.cells.some((c) => TARGET_GROUP.test(c)))!;
  if (k === 0 || k === ordered.length || targetAt <= outputAt) {
    throw new SeedError(ctx.file, groupLine.n, `group labels "Indicatori di output/target" above the indicator columns of table ${table}`, excerpt(groupLine.text));
  }
  ctx.repaired({
    rule: 'intestazione-gruppi-disallineata',
    raw: groupLine.text,
    fixed: `output: ${ordered.slice(0, k).map((o) => o.nome).join('; ')} — target: ${ordered.slice(k).map((o) => o.nome).join('; ')}`,
    reason: "Le etichette \"Indicatori di output/target\" sono scivolate fuori dalle loro colonne: gli indicatori di target sono gli ultimi, quelli che contano persone o progetti (\"Nr. di …\").",
    line: groupLine.n,
    table,
  });
  return k;
}
