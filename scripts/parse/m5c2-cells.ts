/**
 * Reading the cells of a project row (M5C2 and Crescere Green): CUP codes and figures, with every
 * general repair recorded (spaces the PDF extraction put inside a code, an amount or a marker).
 */
import { SeedError, excerpt } from '../lib/errors.ts';
import { squash, type SeedLine } from '../lib/seed.ts';
import type { ParseCtx } from '../lib/types.ts';
import { readValue, repairCup, type NumberKind, type Value } from '../lib/values.ts';

/** The marker as the document normally prints it, to recognise (and record) a damaged spelling. */
const MARKERS: Record<string, string> = {
  datononvalidato: 'Dato non validato',
  datononvalido: 'Dato non valido',
};

/** Read a CUP cell; spaces inside the code are removed (and recorded); anything else is a located error. */
export function readCup(ctx: ParseCtx, cell: string, line: SeedLine, table: string): string {
  const cup = repairCup(cell);
  if (!cup) {
    throw new SeedError(ctx.file, line.n, `a CUP code (a letter, 2 digits, a letter, 11 digits) in the CUP column of table ${table}`, excerpt(cell));
  }
  if (cup !== cell.trim()) {
    ctx.repaired({
      rule: 'cup-spezzato',
      raw: cell,
      fixed: cup,
      reason: "Spazio inserito dall'estrazione del PDF dentro il codice CUP.",
      line: line.n,
      table,
    });
  }
  return cup;
}

/**
 * Read a figure and record the repairs `readValue` makes silently: spaces inside a number
 * ("476.666,6 7 €") and spaces inside a marker word ("Dato non validat o").
 */
export function readFigure(ctx: ParseCtx, cell: string, kind: NumberKind, line: SeedLine, column: string, table: string): Value {
  const v = readValue(cell, kind, ctx.file, line, column);
  const raw = v.raw;
  if (v.status === 'valido') {
    const fixed = raw.replace(/(?<=[\d.,])\s+(?=[\d.,])/g, '');
    if (fixed !== raw) {
      ctx.repaired({
        rule: 'numero-spezzato',
        raw,
        fixed,
        reason: `Spazio inserito dall'estrazione del PDF dentro il numero (colonna "${column}").`,
        line: line.n,
        table,
      });
    }
  } else {
    const canonical = MARKERS[squash(raw)];
    if (canonical && canonical !== raw) {
      ctx.repaired({
        rule: 'marcatore-spezzato',
        raw,
        fixed: canonical,
        reason: `Spazio inserito dall'estrazione del PDF dentro la dicitura "${canonical}".`,
        line: line.n,
        table,
      });
    }
  }
  return v;
}

/** An amount in euro (cents). */
export const readAmount = (ctx: ParseCtx, cell: string | undefined, line: SeedLine, column: string, table: string): Value =>
  readFigure(ctx, cell ?? '', 'euro', line, column, table);

/** An indicator value: hours may have decimals ("34,5"), counts must be whole numbers. */
export const readIndicatorValue = (
  ctx: ParseCtx,
  cell: string | undefined,
  ind: { nome: string; unita: 'numero' | 'ore' },
  line: SeedLine,
  which: string,
  table: string,
): Value => readFigure(ctx, cell ?? '', ind.unita === 'ore' ? 'decimal' : 'integer', line, `${ind.nome} – ${which}`, table);
