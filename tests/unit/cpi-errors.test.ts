/**
 * Bad input for the CPI family: a damaged copy of the real seed must give a located SeedError
 * (`seeds/<file>:<line>: expected …, found …`) at the right line; normal extraction noise must not.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createContext } from '../../scripts/lib/context.ts';
import { SeedError } from '../../scripts/lib/errors.ts';
import { stableStringify } from '../../scripts/lib/json.ts';
import { toLines } from '../../scripts/lib/seed.ts';
import { parseCpiFamily } from '../../scripts/parse/cpi.ts';
import { seedCorrections } from '../golden/harness.ts';

const SEED = 'seeds/000_e71b61cb0ceb10fc.txt';
const original = readFileSync(join(import.meta.dirname, '../..', SEED), 'utf8').split('\n');

/** 1-based number of the first line (from `from`) that contains every needle. */
function find(lines: string[], needles: string[], from = 1): number {
  const i = lines.findIndex((l, k) => k + 1 >= from && needles.every((n) => l.includes(n)));
  if (i < 0) throw new Error(`no line with ${needles.join(' + ')}`);
  return i + 1;
}

function parse(lines: string[]) {
  const st = createContext(SEED, toLines(lines.join('\n')), seedCorrections());
  return parseCpiFamily(st.ctx);
}

/** The SeedError thrown by parsing `lines`, or a failure if none is thrown. */
function errorOf(lines: string[]): SeedError {
  try {
    parse(lines);
  } catch (e) {
    if (e instanceof SeedError) return e;
    throw e;
  }
  throw new Error('expected a SeedError, none was thrown');
}

/** A copy of the seed with one line replaced by `edit(line)`. */
function edited(n: number, edit: (line: string) => string): string[] {
  const copy = [...original];
  copy[n - 1] = edit(copy[n - 1]);
  return copy;
}

const dropCell = (line: string, needle: string) =>
  line
    .split('\t')
    .filter((c) => !c.includes(needle))
    .join('\t');

describe('headers with a column removed', () => {
  test('T06: "Risorse native PNRR" removed from the header → error on the header line with the totals', () => {
    const start = find(original, ['Adeguamento strumentale e infrastrutturale'], find(original, ['### Adeguamento']));
    const n = find(original, ['Risorse native PNRR', 'tot:'], start);
    const e = errorOf(edited(n, (l) => dropCell(l, 'Risorse native PNRR')));
    expect(e.line).toBe(n);
    expect(e.message).toMatch(/expected a "Risorse native PNRR" column/);
  });

  test('T05b: "Dettaglio attività" removed → error on the line that names the columns', () => {
    const n = find(original, ['Attività\tVersione piano di riferimento\tDettaglio attività'], find(original, ['<b>Formazione</b>']));
    const e = errorOf(edited(n, (l) => dropCell(l, 'Dettaglio attivit')));
    expect(e.line).toBe(n);
    expect(e.message).toMatch(/expected a "Dettaglio attività" column/);
  });

  test('T07: "Totale attività con alert" removed from the M5C1-7bis header', () => {
    const n = find(original, ['Periodo di rilevazione'], find(original, ['trimestre M5C1-7bis']));
    const e = errorOf(edited(n, (l) => dropCell(l, 'Totale attivit')));
    expect(e.line).toBe(n);
    expect(e.message).toMatch(/expected a "Totale attività con alert" column/);
  });

  test('T08: "Percentuale di completamento" removed', () => {
    const n = find(original, ['Regione\tCPI\t', 'al vertice']);
    const e = errorOf(edited(n, (l) => dropCell(l, 'Percentuale di completamento')));
    expect(e.line).toBe(n);
    expect(e.message).toMatch(/expected a "Percentuale di completamento" column/);
  });

  test('T09: an unknown column added', () => {
    const n = find(original, ['Regione\tCPI\t', 'altert basso']);
    const e = errorOf(edited(n, (l) => `${l}\tNote`));
    expect(e.line).toBe(n);
    expect(e.message).toMatch(/found an unknown column "Note"/);
  });
});

describe('rows', () => {
  test('a count that is text', () => {
    const n = find(original, ['Lombardia\tCPI Crema\t5\t']);
    const e = errorOf(edited(n, (l) => l.replace('CPI Crema\t5', 'CPI Crema\tcinque')));
    expect(e.line).toBe(n);
    expect(e.message).toMatch(/expected a number for "N. attività programmate", found "cinque"/);
  });

  test('an amount that is text in T06', () => {
    const n = find(original, ['CPI Albino']);
    const e = errorOf(edited(n, (l) => l.replace('900.000,00 €', 'novecentomila')));
    expect(e.line).toBe(n);
    expect(e.message).toMatch(/expected a number for "Risorse Nazionali/);
  });

  test('more filled cells than columns (T08, T06)', () => {
    const n = find(original, ['Lombardia\tCPI Albino\t18']);
    expect(errorOf(edited(n, (l) => `${l}\t99`)).line).toBe(n);
    const m = find(original, ['CPI Bergamo - sede distaccata'], find(original, ['Apertura sede distaccata']));
    const e = errorOf(edited(m, (l) => l.replace('\t-\t\t700.000,00 €', '\t1,00 €\t2,00 €\t700.000,00 €\t3,00 €')));
    expect(e.line).toBe(m);
  });

  test('a quarterly row with a period that cannot be read', () => {
    const n = find(original, ['<b>apr-25</b>']);
    const e = errorOf(edited(n, (l) => l.replace('apr-25', 'primavera')));
    expect(e.line).toBe(n);
    expect(e.message).toMatch(/expected a row starting with a period/);
  });
});

describe('missing or truncated tables', () => {
  test('file truncated after a T08 row: the next required table is missing at the end of file', () => {
    const n = find(original, ['Lombardia\tCPI Monza - sede distaccata']);
    const e = errorOf(original.slice(0, n));
    expect(e.line).toBe(n);
    expect(e.message).toMatch(/per-CPI table of target M5C1-7bis.*found end of file/);
  });

  test('file truncated in the middle of a row: reported at that row', () => {
    const n = find(original, ['Lombardia\tCPI Seregno\t17']);
    const e = errorOf([...original.slice(0, n - 1), 'Lombardia\tCPI Seregno\t17']);
    expect(e.line).toBe(n);
    expect(e.message).toMatch(/truncated row/);
  });

  test('a quarterly table whose header is gone', () => {
    const n = find(original, ['Periodo di rilevazione'], find(original, ['trimestre M5C1-7bis']));
    const copy = [...original];
    copy[n - 1] = '';
    const e = errorOf(copy);
    expect(e.message).toMatch(/Avanzamento fisico per trimestre M5C1-7bis/);
    expect(e.line).toBe(find(original, ['trimestre M5C1-7bis']));
  });
});

describe('normal extraction noise is not an error', () => {
  test('extra trailing tabs, a blank line inside a table and an extra blank line give the same records', () => {
    const base = stableStringify(parse(original).collections);
    const copy = [...original];
    const t08row = find(copy, ['Lombardia\tCPI Lovere\t18']);
    copy[t08row - 1] += '\t\t';
    const t06row = find(copy, ['CPI Lovere'], find(copy, ['### Adeguamento']));
    copy.splice(t06row, 0, '');
    const noisy = parse(copy);
    // Line numbers move by one after the inserted blank line; compare the figures, not the provenance.
    const strip = (s: string) => s.replace(/"lines": \[[^\]]*\]/g, '').replace(/"line": \d+/g, '').replace(/"attivitaRiga": \d+/g, '');
    expect(strip(stableStringify(noisy.collections))).toBe(strip(base));
  });
});
