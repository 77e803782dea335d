/**
 * The projects family on the real seed: counts, derived sums, markers and the damaged rows of
 * the inventory (seed-inventory.md §1 T15–T22), checked against the parser's output.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { createContext } from '../../scripts/lib/context.ts';
import { toLines } from '../../scripts/lib/seed.ts';
import type { FamilyResult } from '../../scripts/lib/types.ts';
import { parseProjectsFamily, spendingShare, type ProjectRecord } from '../../scripts/parse/projects.ts';
import { projectSchemas } from '../../src/schemas/projects.ts';
import { seedCorrections } from '../golden/harness.ts';

const SEEDS = join(import.meta.dirname, '../../seeds');
const seedFile = readdirSync(SEEDS).find((f) => f.endsWith('.txt'))!;
const seedText = readFileSync(join(SEEDS, seedFile), 'utf8');

let state: ReturnType<typeof createContext>;
let result: FamilyResult;
let projects: ProjectRecord[];
const byCup = (cup: string) => projects.find((p) => p.cup === cup)!;

beforeAll(() => {
  state = createContext(`seeds/${seedFile}`, toLines(seedText), seedCorrections());
  result = parseProjectsFamily(state.ctx);
  projects = result.collections.projects as ProjectRecord[];
});

describe('projects: counts', () => {
  test('309 M5C2 projects with 309 distinct CUP, plus 4 Crescere Green', () => {
    const m5 = projects.filter((p) => p.measure.startsWith('m5c2-'));
    expect(m5).toHaveLength(309);
    expect(new Set(m5.map((p) => p.cup)).size).toBe(309);
    expect(projects.filter((p) => p.measure === 'm7c1-i10')).toHaveLength(4);
    expect(projects).toHaveLength(313);
    for (const p of projects) expect(p.id).toBe(p.cup.toLowerCase());
  });

  test('rows per table and measure of each table, by heading', () => {
    const rows = Object.fromEntries(result.tables.map((t) => [t.id, [t.rows, t.measure]]));
    expect(rows).toEqual({
      T15a: [4, 'm7c1-i10'],
      T15b: [1, 'm7c1-i10'],
      T16: [60, 'm5c2-i1-1-1'],
      T17: [20, 'm5c2-i1-1-2'],
      T18: [33, 'm5c2-i1-1-3'],
      T19: [34, 'm5c2-i1-1-4'],
      T20: [77, 'm5c2-i1-2'],
      T21: [59, 'm5c2-i1-3-1'],
      T22: [26, 'm5c2-i1-3-2'],
    });
  });

  test('derived sums of importo and spese per table (inventory §1, T16–T22)', () => {
    const sums = Object.fromEntries(
      (result.collections.projectTables as { table: string; importo: { somma: number; righeConValore: number }; spese: { somma: number; righeConValore: number } | null }[]).map((t) => [
        t.table,
        [t.importo.somma, t.importo.righeConValore, t.spese?.somma ?? null, t.spese?.righeConValore ?? null],
      ]),
    );
    expect(sums).toEqual({
      T15a: [1020912.4, 4, null, null],
      T16: [12688499.22, 60, 3188316.2, 60],
      T17: [45917478.44, 20, 6121601.42, 20],
      T18: [10761948.79, 33, 1117575.39, 33],
      T19: [6092842.03, 34, 1477699.73, 34],
      T20: [48695064.51, 77, 10030111.99, 77],
      T21: [39751196.26, 58, 7404794.08, 55],
      T22: [26098113, 26, 3811274.02, 25],
    });
  });

  test('markers: 151 non validato, 4 non valido, 6 #N/D, never a fake 0', () => {
    const counts: Record<string, number> = {};
    for (const p of projects.filter((x) => x.measure.startsWith('m5c2-'))) {
      for (const v of [p.importo, p.spese, ...p.indicators.flatMap((i) => [i.programmato, i.realizzato])]) {
        counts[v.status] = (counts[v.status] ?? 0) + 1;
        if (v.status !== 'valido') expect(v.value).toBeNull();
      }
    }
    expect(counts.non_validato).toBe(151);
    expect(counts.non_valido).toBe(4);
    expect(counts.nd).toBe(6);
    expect(counts.assente).toBeUndefined();
  });

  test('every record passes its schema', () => {
    for (const [name, recs] of Object.entries(result.collections)) {
      if (!(name in projectSchemas)) continue;
      for (const r of recs) expect(projectSchemas[name].safeParse(r).success, `${name} ${(r as { id: string }).id}`).toBe(true);
    }
  });
});

describe('projects: damaged rows', () => {
  test('split CUP and amount "D74H220003 40001 | 476.666,6 7 €" are rejoined and recorded', () => {
    const p = byCup('D74H22000340001');
    expect(p.importo).toEqual({ value: 476666.67, status: 'valido', raw: '476.666,6 7 €' });
    expect(p.spese.value).toBe(2572.5);
    expect(p.table).toBe('T20');
    const line = p.provenance.lines[0];
    const rules = state.repairs.filter((r) => r.line === line).map((r) => `${r.rule}:${r.fixed}`);
    expect(rules).toContain('cup-spezzato:D74H22000340001');
    expect(rules).toContain('numero-spezzato:476.666,67 €');
  });

  test('T17 "G64H22000150 006" with its split amounts', () => {
    const p = byCup('G64H22000150006');
    expect(p.table).toBe('T17');
    expect(p.importo.value).toBe(2460000);
    expect(p.spese.value).toBe(883010.86);
    expect(p.entity).toBe('azienda-territoriale-per-i-servizi-alla');
  });

  test('T19 supervision hours are decimals in hours', () => {
    const p = byCup('B34H22000480006');
    expect(p.indicators.map((i) => i.unita)).toEqual(['ore', 'ore', 'ore', 'numero']);
    expect(p.indicators[1].realizzato.value).toBe(34.5);
    expect(p.indicators.map((i) => i.gruppo)).toEqual(['output', 'output', 'output', 'target']);
    expect(byCup('H74H22000180006').indicators[1].programmato.value).toBe(105.2);
  });

  test('the Ostiglia row: three "Dato non" / "validat o" cells rejoined from two lines below', () => {
    const p = byCup('B54D22002610006');
    const [first, last] = p.provenance.lines;
    expect(last - first).toBe(2);
    const realizzati = p.indicators.map((i) => i.realizzato.status);
    expect(realizzati).toEqual(['valido', 'valido', 'non_validato', 'non_validato', 'non_validato']);
    expect(state.repairs.filter((r) => r.line === first && r.rule === 'cella-spezzata')).toHaveLength(3);
    expect(state.claims.get(last)?.kind).toBe('consumed');
  });

  test('a name continued on the next row after a blank line is one project, spanning both lines', () => {
    const p = projects.find((x) => x.nomeStampato === 'COMUNITA MONTANA DEI LAGHI BERGAMASCHI' && x.table === 'T16' && x.provenance.lines[1] > x.provenance.lines[0])!;
    expect(p.cup).toBe('F34H22000130001');
    expect(p.provenance.lines[1] - p.provenance.lines[0]).toBe(2);
    expect(p.entity).toBe('comunita-montana-dei-laghi-bergamaschi');
  });

  test('#N/D in both importo and spese of one T21 row', () => {
    const p = projects.find((x) => x.table === 'T21' && x.importo.status === 'nd')!;
    expect(p.spese.status).toBe('nd');
    expect(p.percentualeSpesa).toBeNull();
    expect(p.nomeStampato).toBe('COMUNE DI ABBIATEGRASSO');
  });

  test('T17/T18 scrambled headers: indicators still split into output and target', () => {
    const t17 = projects.find((p) => p.table === 'T17')!;
    expect(t17.indicators.map((i) => `${i.gruppo}:${i.nome}`)).toEqual([
      'output:Progettualizzazione individualizzata',
      'output:Reperimento alloggi',
      'target:Nr. di anziani sostenuti',
      'target:Nr. di progetti attivati',
    ]);
    const t16 = projects.find((p) => p.table === 'T16')!;
    expect(t16.indicators[0].nome).toBe('Nr. di famiglie il cui pre-assessment è stato accettato');
    expect(t16.indicators.map((i) => i.gruppo)).toEqual(['output', 'output', 'target', 'target']);
  });
});

describe('projects: provenance and Crescere Green', () => {
  test('M5C2 rows are dated by the (*) footnote; Crescere Green states no date', () => {
    for (const p of projects) {
      if (p.measure.startsWith('m5c2-')) {
        expect(p.provenance.datiAl).toBe('2025-06-10');
        expect(p.provenance.fonte).toBe('Rilevazione a seguito della pre-validazione dei Soggetti attuatori');
      } else {
        expect(p.provenance.datiAl).toBeNull();
      }
    }
  });

  test('T15b LOMBARDIA reconciles with the sum of T15a (3 checks)', () => {
    expect(result.checks).toHaveLength(3);
    expect(result.checks.every((c) => c.ok)).toBe(true);
    expect(result.checks.map((c) => c.stated).sort()).toEqual([1020912.4, 1442, 425].sort());
    const [s] = result.collections.crescereGreen as { regione: string; importo: { value: number }; beneficiariRendicontati: { value: number } }[];
    expect(s.regione).toBe('LOMBARDIA');
    expect(s.importo.value).toBe(1020912.4);
    expect(s.beneficiariRendicontati.value).toBe(425);
  });

  test('Crescere Green rows: regione, proponente as entity, spese absent (not zero)', () => {
    const cg = projects.filter((p) => p.measure === 'm7c1-i10');
    expect(cg.map((p) => p.regione)).toEqual(['Lombardia', 'Lombardia', 'Lombardia', 'Lombardia']);
    expect(cg.map((p) => p.indicators[0].programmato.value)).toEqual([390, 70, 500, 482]);
    for (const p of cg) {
      expect(p.spese).toEqual({ value: null, status: 'assente', raw: '' });
      expect(p.percentualeSpesa).toBeNull();
    }
  });

  test('every line of the family\'s tables is claimed (no unconsumed line inside a table)', () => {
    for (const t of result.tables) {
      for (let n = t.lines[0]; n <= t.lines[1]; n++) {
        const line = state.ctx.lines[n - 1];
        if (line.text === '') continue;
        expect(state.claims.has(n), `${t.id} line ${n}`).toBe(true);
      }
    }
  });

  test('percentualeSpesa only when both figures are valid', () => {
    expect(spendingShare({ value: 200, status: 'valido', raw: '200' }, { value: 50, status: 'valido', raw: '50' })).toBe(25);
    expect(spendingShare({ value: 200, status: 'valido', raw: '200' }, { value: null, status: 'nd', raw: '#N/D' })).toBeNull();
    expect(spendingShare({ value: 0, status: 'valido', raw: '0' }, { value: 0, status: 'valido', raw: '0' })).toBeNull();
  });

  test('deterministic: same input, same output', () => {
    const again = createContext(`seeds/${seedFile}`, toLines(seedText), seedCorrections());
    expect(JSON.stringify(parseProjectsFamily(again.ctx))).toBe(JSON.stringify(result));
  });
});
