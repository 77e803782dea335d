/**
 * Lavoro sommerso (M5C1 Riforma 1.2): inspections by year and semester (T14). The acts grid of the
 * reform (T13) is read by parseActs with the other acts grids.
 */
import { SeedError, excerpt } from '../lib/errors.ts';
import type { Check, FamilyResult, ParseCtx } from '../lib/types.ts';
import { readValue } from '../lib/values.ts';
import { captionAbove } from './gol.ts';
import { measureAt, scanHeadings, type DocumentStructure } from './measure-headings.ts';
import { blanksBetween, check, filledCount, matchColumns, missingTable, nextContent, prov, rowCells, trimmed, type ColSpec } from './programmes-lib.ts';

/** T14 — inspections started, by year: I and II semestre and the printed total (a blank semester is `assente`). */
export function parseIspezioni(ctx: ParseCtx, structure: DocumentStructure = scanHeadings(ctx)): FamilyResult {
  const TABLE = 'T14';
  const header = ctx.lines.find((l) => !ctx.claimed(l.n) && /^Annualit[àa]$/i.test(l.cells[0] ?? '') && filledCount(l) >= 2);
  if (!header) throw missingTable(ctx, 'the inspections table (header "Annualità | I semestre | II semestre | Totale")');
  const specs: ColSpec[] = [
    { key: 'anno', re: /^Annualit[àa]$/i, label: 'Annualità' },
    { key: 'primo', re: /^I semestre$/i, label: 'I semestre' },
    { key: 'secondo', re: /^II semestre$/i, label: 'II semestre' },
    { key: 'totale', re: /^Totale$/i, label: 'Totale' },
  ];
  const names = trimmed(header);
  const col = matchColumns(ctx, header.n, names, specs);
  const caption = captionAbove(ctx, header);
  const title = caption?.text ?? 'Ispezioni';
  const measure = measureAt(structure, header.n);
  const rows: { n: number; cells: string[]; l: (typeof ctx.lines)[number] }[] = [];
  for (let cur = nextContent(ctx, header.n - 1); cur && /^\d{4}$/.test(cur.cells[0] ?? ''); cur = nextContent(ctx, cur.n - 1)) {
    rows.push({ n: cur.n, l: cur, cells: rowCells(ctx, cur, names.length, TABLE) });
  }
  if (rows.length === 0) {
    const n = nextContent(ctx, header.n - 1);
    throw new SeedError(ctx.file, n?.n ?? header.n, 'a row per year (yyyy | I semestre | II semestre | Totale)', n ? excerpt(n.text) : 'end of file');
  }
  const checks: Check[] = [];
  const records = rows.map(({ l, cells }) => {
    const anno = Number(cells[col.anno]);
    const r = {
      id: `ispezioni-${anno}`,
      anno,
      primoSemestre: readValue(cells[col.primo], 'integer', ctx.file, l, 'I semestre'),
      secondoSemestre: readValue(cells[col.secondo], 'integer', ctx.file, l, 'II semestre'),
      totale: readValue(cells[col.totale], 'integer', ctx.file, l, 'Totale'),
      measure: measure?.id ?? null,
      provenance: prov(ctx, [l.n, l.n], TABLE, title),
    };
    // Only a year with both semesters printed can be checked; a missing semester is not a zero.
    if (r.primoSemestre.value !== null && r.secondoSemestre.value !== null && r.totale.value !== null) {
      checks.push(
        check({
          id: `${TABLE}-totale-${anno}`,
          table: TABLE,
          description: `Il totale ${anno} è la somma delle ispezioni del I e del II semestre.`,
          stated: r.totale.value,
          computed: r.primoSemestre.value + r.secondoSemestre.value,
          tolerance: 0,
          lines: [l.n],
        }),
      );
    }
    return r;
  });
  const first = caption?.n ?? header.n;
  const last = rows[rows.length - 1].n;
  ctx.structural([...new Set([first, header.n, ...blanksBetween(ctx, first, last)])], `${TABLE} intestazione`);
  rows.forEach((r) => ctx.consume(r.n, TABLE));
  return {
    tables: [{ id: TABLE, title, lines: [first, last], rows: rows.length, datiAl: null, fonte: null, measure: measure?.code ?? null, collection: 'ispezioni' }],
    collections: { ispezioni: records },
    checks,
  };
}
