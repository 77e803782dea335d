/**
 * Bad input gives a located SeedError ("expected …, found …") at the right line; harmless
 * extraction noise (trailing tabs, blank lines) changes nothing; a changed number is followed.
 * Each case edits a copy of the real seed or of a golden excerpt, finding lines by content.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createContext } from '../../scripts/lib/context.ts';
import { SeedError } from '../../scripts/lib/errors.ts';
import { toLines } from '../../scripts/lib/seed.ts';
import { parseProjectsFamily, type ProjectRecord } from '../../scripts/parse/projects.ts';
import { seedCorrections } from '../golden/harness.ts';

const SEEDS = join(import.meta.dirname, '../../seeds');
const seedText = readFileSync(join(SEEDS, readdirSync(SEEDS).find((f) => f.endsWith('.txt'))!), 'utf8');
const excerpt = (name: string) => readFileSync(join(import.meta.dirname, `../golden/${name}.txt`), 'utf8');

const run = (text: string) => parseProjectsFamily(createContext('seed.txt', toLines(text), seedCorrections()).ctx);

/** Lines of `text` (0-based array) and the 1-based number of the first line matching `re` (after `after`). */
function find(text: string, re: RegExp, after = 0): { lines: string[]; n: number } {
  const lines = text.split('\n');
  const i = lines.findIndex((l, k) => k >= after && re.test(l));
  if (i < 0) throw new Error(`test setup: no line matches ${re}`);
  return { lines, n: i + 1 };
}

function edit(text: string, re: RegExp, change: (line: string) => string, after = 0) {
  const { lines, n } = find(text, re, after);
  lines[n - 1] = change(lines[n - 1]);
  return { text: lines.join('\n'), n };
}

function errorOf(text: string): SeedError {
  try {
    run(text);
  } catch (e) {
    if (e instanceof SeedError) return e;
    throw e;
  }
  throw new Error('expected a SeedError, the parse succeeded');
}

describe('bad input: headers', () => {
  test('a column removed from an M5C2 header → error at that header line', () => {
    const { text, n } = edit(seedText, /^Distretto sociale \(ATS\/Comune\)\tCUP\tImporto finanziamento\tSpese realizzata\t/, (l) => l.replace('\tSpese realizzata', ''));
    const e = errorOf(text);
    expect(e.line).toBe(n);
    expect(e.expected).toMatch(/Spese realizzate/);
  });

  test('a column added to an M5C2 header → error at that line naming the cell', () => {
    const { text, n } = edit(seedText, /^Distretto sociale \(ATS\/Comune\)\tCUP\t/, (l) => l.replace('\tCUP\t', '\tCUP\tNote\t'));
    const e = errorOf(text);
    expect(e.line).toBe(n);
    expect(e.found).toMatch(/"Note"/);
  });

  test('a "Valore realizzato" removed from the value-label row → error at that row', () => {
    const start = find(seedText, /^Distretto sociale/).n;
    const { text, n } = edit(seedText, /\tValore programmato\tValore realizzato/, (l) => l.replace(/\tValore realizzato$/, '\tValore programmato'), start);
    const e = errorOf(text);
    expect(e.line).toBe(n);
    expect(e.expected).toMatch(/Valore programmato" then "Valore realizzato/);
  });

  test('an indicator name removed → error', () => {
    const { text } = edit(seedText, /Nr\. di implementazioni/, (l) => l.replace('Nr. di implementazioni', ''));
    expect(errorOf(text).expected).toMatch(/indicator name/);
  });

  test('Crescere Green header without the PROPONENTE column → error at the header', () => {
    const { text, n } = edit(seedText, /^CUP\tPROPONENTE\t/, (l) => l.replace('PROPONENTE\t', ''));
    const e = errorOf(text);
    expect(e.line).toBe(n);
    expect(e.expected).toMatch(/proponente/);
  });
});

describe('bad input: rows', () => {
  test('a data row with more cells filled than columns → error at the row', () => {
    const { text, n } = edit(seedText, /^COMUNE DI LECCO\tD54H22000330006/, (l) => `${l}\t7`);
    const e = errorOf(text);
    expect(e.line).toBe(n);
    expect(e.found).toMatch(/13 cells filled/);
  });

  test('a numeric cell that is text → error at the row', () => {
    const { text, n } = edit(seedText, /^COMUNE DI VARESE\tB34H22000470006/, (l) => l.replace('300.000,00 €', 'trecentomila'));
    const e = errorOf(text);
    expect(e.line).toBe(n);
    expect(e.expected).toMatch(/Importo finanziamento/);
  });

  test('an indicator count that is text → error naming the indicator', () => {
    const { text, n } = edit(seedText, /^COMUNE DI SEREGNO\tB24H22000190001/, (l) => l.replace(/\t30\tDato/, '\ttrenta\tDato'));
    const e = errorOf(text);
    expect(e.line).toBe(n);
    expect(e.expected).toMatch(/pre-assessment/);
  });

  test('a CUP that is not a CUP even after removing spaces → error at the row', () => {
    const { text, n } = edit(seedText, /^COMUNE DI MELZO\tB54H220002 40006/, (l) => l.replace('B54H220002 40006', 'B54H220002 4000'));
    const e = errorOf(text);
    expect(e.line).toBe(n);
    expect(e.expected).toMatch(/CUP/);
  });

  test('a CUP listed twice → error at the second row', () => {
    const { text, n } = edit(seedText, /^COMUNE DI MILANO\tB44H22000060006/, (l) => l.replace('B44H22000060006', 'B44H22000040006'));
    expect(errorOf(text).line).toBe(n);
  });

  test('a fragment row under a complete cell → error at the fragment', () => {
    // One tab fewer: the pieces land under complete cells of the row above.
    const { text, n } = edit(seedText, /^\t+validat o\t/, (l) => l.replace(/^\t/, ''));
    expect(errorOf(text).line).toBe(n);
  });

  test('a row cut short (fewer cells than the header) → error at the row', () => {
    const { text, n } = edit(seedText, /^COMUNE DI BRONI\t/, (l) => l.split('\t').slice(0, 8).join('\t'));
    const e = errorOf(text);
    expect(e.line).toBe(n);
    expect(e.found).toMatch(/truncated/);
  });
});

describe('bad input: truncated file', () => {
  test('file cut in the middle of an M5C2 table → "end of file"', () => {
    const { lines, n } = find(seedText, /^COMUNE DI DALMINE\tH34H220001 80006/);
    const e = errorOf(lines.slice(0, n).join('\n') + '\n');
    expect(e.found).toBe('end of file');
    expect(e.line).toBe(n);
  });

  test('file cut after the M5C2 announcement, before any table → error', () => {
    const { lines, n } = find(seedText, /^Sub-investimento 1\.1\.1|^\*\*Sub-investimento 1\.1\.1/);
    const e = errorOf(lines.slice(0, n).join('\n') + '\n');
    expect(e.found).toBe('end of file');
    expect(e.expected).toMatch(/table of projects announced/);
  });

  test('Crescere Green projects without the regional summary → error', () => {
    const { lines, n } = find(seedText, /^Regione\tIMPORTO\t/);
    const cut = [...lines.slice(0, n - 1), ...lines.slice(n + 2)].join('\n');
    const e = errorOf(cut);
    expect(e.expected).toMatch(/regional summary/);
  });
});

describe('robustness and sensitivity', () => {
  test('extra trailing tabs and extra blank lines inside a table change nothing', () => {
    const base = run(excerpt('projects-t19'));
    const noisy = excerpt('projects-t19')
      .split('\n')
      .flatMap((l) => (/^COMUNE DI (MILANO|ASOLA)\t/.test(l) ? [`${l}\t\t`, ''] : [l]))
      .join('\n');
    const out = run(noisy);
    const strip = (r: ReturnType<typeof run>) => (r.collections.projects as ProjectRecord[]).map(({ provenance: _p, ...rest }) => rest);
    expect(strip(out)).toEqual(strip(base));
  });

  test('a number changed in a copy of an excerpt is followed by the output', () => {
    const original = excerpt('projects-t20');
    expect(original).toContain('476.666,6 7 €');
    const changed = original.replace('476.666,6 7 €', '476.666,6 8 €');
    const cup = (r: ReturnType<typeof run>) => (r.collections.projects as ProjectRecord[]).find((p) => p.cup === 'D74H22000340001')!;
    expect(cup(run(original)).importo.value).toBe(476666.67);
    expect(cup(run(changed)).importo.value).toBe(476666.68);
    const t = (r: ReturnType<typeof run>) => (r.collections.projectTables as { importo: { somma: number } }[])[0].importo.somma;
    expect(t(run(changed))).toBeCloseTo(t(run(original)) + 0.01, 2);
  });

  test('a changed beneficiari count makes the Crescere Green check fail (published, not thrown)', () => {
    const changed = excerpt('projects-t15').replace(/\t390\t287$/m, '\t391\t287');
    const r = run(changed);
    const bad = r.checks.filter((c) => !c.ok);
    expect(bad.map((c) => [c.stated, c.computed])).toEqual([[1442, 1443]]);
  });
});

describe('nothing is keyed to line numbers', () => {
  test('the same records when every line shifts and blank lines are inserted everywhere, and every table line is still claimed', () => {
    const withoutLines = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(withoutLines)
        : v && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'lines' && k !== 'line').map(([k, x]) => [k, withoutLines(x)]))
          : v;
    const lines = seedText.split('\n');
    const shifted = ['', '', '', ...lines.flatMap((l, i) => (i % 4 === 3 ? [l, ''] : [l]))].join('\n');
    const state = createContext('seed.txt', toLines(shifted), seedCorrections());
    const moved = parseProjectsFamily(state.ctx);
    expect(withoutLines(moved.collections)).toEqual(withoutLines(run(seedText).collections));
    for (const t of moved.tables) {
      for (let n = t.lines[0]; n <= t.lines[1]; n++) {
        if (state.ctx.lines[n - 1].text !== '') expect(state.claims.has(n), `${t.id} line ${n}`).toBe(true);
      }
    }
  });
});
