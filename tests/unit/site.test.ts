/**
 * Page-side helpers that are pure: sums that never turn a missing figure into 0, data-quality
 * notes picked for a record or a table, table headers with units, source notes.
 */
import { describe, expect, it } from 'vitest';
import { planFunding, planRowsFor, projectTotals, sumCell, sumValues } from '../../src/lib/aggregate.ts';
import { isEmpty, mergeNotes, notesForLines, notesForRecord, notesForTables } from '../../src/lib/quality.ts';
import { groupProvenance, headerLabel, plainText, sourceParts } from '../../src/lib/table.ts';
import type { Provenance, Value } from '../../src/schemas/common.ts';
import type { CpiPlan } from '../../src/schemas/cpi.ts';
import type { AppliedRepair, Check } from '../../scripts/lib/types.ts';

const ok = (value: number, raw = String(value)): Value => ({ value, status: 'valido', raw });
const nv: Value = { value: null, status: 'non_validato', raw: 'Dato non validato' };
const nd: Value = { value: null, status: 'nd', raw: '#N/D' };
const blank: Value = { value: null, status: 'assente', raw: '' };

const prov = (table: string, lines: [number, number], datiAl: string | null = null): Provenance => ({
  file: 'seeds/x.txt',
  lines,
  table,
  tableTitle: `Titolo ${table}`,
  datiAl,
  fonte: null,
});

describe('sums', () => {
  it('add only valid figures and count the others apart', () => {
    expect(sumValues([ok(10.1), ok(0.2), nv, nd, blank, null, undefined])).toEqual({ sum: 10.3, valid: 2, missing: 5 });
  });
  it('give words, not 0, when nothing entered the sum', () => {
    expect(sumCell(sumValues([nv, nd]))).toBe('nessun importo');
    expect(sumCell(sumValues([ok(0)]))).toBe(0);
  });
  it('compute the share spent only over projects with both figures', () => {
    const t = projectTotals([
      { importo: ok(100), spese: ok(25) },
      { importo: ok(300), spese: nd },
      { importo: nd, spese: ok(5) },
    ]);
    expect(t.count).toBe(3);
    expect(t.importo).toEqual({ sum: 400, valid: 2, missing: 1 });
    expect(t.spese).toEqual({ sum: 30, valid: 2, missing: 1 });
    expect(t.conEntrambi).toBe(1);
    expect(t.quotaSpesa).toBe(25);
    expect(projectTotals([{ importo: nd, spese: nd }]).quotaSpesa).toBeNull();
  });
});

describe('CPI plan', () => {
  const row = (id: string, cpi: string[], ambito: CpiPlan['ambito'], naz: Value, ess: Value = blank): CpiPlan => ({
    id,
    linea: 'adeguamento',
    attivita: null,
    attivitaRiga: null,
    versionePiano: 'prevista',
    nuovaAttivita: false,
    dettaglio: null,
    nazionali: naz,
    pnrrInEssere: ess,
    pnrrNative: blank,
    cpiCoinvolti: null,
    cpi,
    ambito,
    provenance: prov('T06', [1, 1]),
  });
  const plan = [
    row('a-001', ['monza'], { tipo: 'cpi' }, ok(1_800_000)),
    row('a-002', ['monza'], { tipo: 'cpi' }, ok(200_000), nd),
    row('a-003', [], { tipo: 'provincia', provincia: 'monza-e-della-brianza' }, ok(138_612.92)),
    row('a-004', [], { tipo: 'provincia', provincia: 'lodi' }, ok(1)),
    row('a-005', [], { tipo: 'regione' }, blank, ok(445_217.55)),
    row('a-006', ['lodi'], { tipo: 'cpi' }, ok(5)),
  ];
  it('separates an office’s own rows from those of its province and region', () => {
    const r = planRowsFor('monza', 'monza-e-della-brianza', plan);
    expect(r.proprie.map((x) => x.id)).toEqual(['a-001', 'a-002']);
    expect(r.provinciali.map((x) => x.id)).toEqual(['a-003']);
    expect(r.regionali.map((x) => x.id)).toEqual(['a-005']);
    expect(planRowsFor('meda', null, plan).provinciali).toEqual([]);
  });
  it('sums funding by source, with the total of the valid figures', () => {
    const f = planFunding(planRowsFor('monza', 'monza-e-della-brianza', plan).proprie);
    expect(f.nazionali).toEqual({ sum: 2_000_000, valid: 2, missing: 0 });
    expect(f.pnrrInEssere).toEqual({ sum: 0, valid: 0, missing: 2 });
    expect(f.totale).toBe(2_000_000);
  });
});

describe('data-quality notes', () => {
  const check = (id: string, table: string, lines: number[], okv: boolean): Check => ({
    id,
    table,
    description: id,
    stated: 17,
    computed: 18,
    tolerance: 0,
    ok: okv,
    lines,
  });
  const repair = (line: number, table: string): AppliedRepair => ({ kind: 'regola', rule: 'r', raw: `raw${line}`, fixed: 'f', reason: 'x', line, table });
  const report = {
    checks: [check('monza', 'T08', [314], false), check('ok', 'T08', [314], true), check('t11', 'T11', [477, 465], false), check('t05', 'T05c', [90], false)],
    repairs: [repair(314, 'T08'), repair(400, 'T09'), repair(91, 'T05c')],
  };
  it('pick failed checks and repairs on a record’s lines', () => {
    const n = notesForRecord(report, prov('T08', [314, 314]));
    expect(n.mismatches.map((c) => c.id)).toEqual(['monza']);
    expect(n.repairs.map((r) => r.line)).toEqual([314]);
    expect(isEmpty(notesForLines(report, [600, 700]))).toBe(true);
  });
  it('pick a table’s notes, a family id covering its sub-grids', () => {
    expect(notesForTables(report, ['T11']).mismatches.map((c) => c.id)).toEqual(['t11']);
    const fam = notesForTables(report, ['T05']);
    expect(fam.mismatches.map((c) => c.id)).toEqual(['t05']);
    expect(fam.repairs.map((r) => r.line)).toEqual([91]);
    // "T0" is not a family of "T08".
    expect(notesForTables(report, ['T0']).mismatches).toEqual([]);
  });
  it('merge without duplicates', () => {
    const a = notesForRecord(report, prov('T08', [314, 314]));
    const m = mergeNotes(a, a, notesForTables(report, ['T11']));
    expect(m.mismatches.map((c) => c.id)).toEqual(['monza', 't11']);
    expect(m.repairs).toHaveLength(1);
  });
});

describe('tables', () => {
  it('put the unit in the header once', () => {
    expect(headerLabel({ key: 'i', label: 'Importo', kind: 'euro' })).toBe('Importo (€)');
    expect(headerLabel({ key: 'q', label: 'Quota spesa (calcolata)', kind: 'percentuale' })).toBe('Quota spesa (calcolata, %)');
    expect(headerLabel({ key: 'b', label: 'Beneficiari', kind: 'numero', unit: 'persone' })).toBe('Beneficiari (persone)');
    expect(headerLabel({ key: 'n', label: 'Nome' })).toBe('Nome');
    expect(headerLabel({ key: 'v', label: 'Valore', kind: 'numero', unit: '' })).toBe('Valore');
  });
  it('format plain cells by column kind, and keep seed text as text', () => {
    expect(plainText(1234.5, { key: 'x', label: 'x', kind: 'euro' })).toBe('1.234,50\u00a0€');
    expect(plainText('2025-06-30', { key: 'x', label: 'x', kind: 'data' })).toBe('30 giugno 2025');
    expect(plainText('<b>x</b>', { key: 'x', label: 'x' })).toBe('<b>x</b>');
    expect(plainText(nv, { key: 'x', label: 'x', kind: 'euro' })).toBe('non validato');
  });
  it('group provenance by table with the overall line span', () => {
    const g = groupProvenance([prov('T08', [300, 300], '2025-06-10'), prov('T06', [182, 183]), prov('T08', [278, 280])]);
    expect(g.map((x) => [x.table, x.lines, x.count])).toEqual([
      ['T06', [182, 183], 1],
      ['T08', [278, 300], 2],
    ]);
  });
  it('write a source note with table, lines and "dati al"', () => {
    expect(sourceParts(prov('T08', [278, 363], '2025-06-10'))).toEqual({
      table: 'tabella T08 «Titolo T08»',
      file: 'seeds/x.txt',
      rest: 'righe 278–363 — dati al 10 giugno 2025',
    });
    expect(sourceParts({ ...prov('testo', [3, 5]), fonte: 'SIU' }).rest).toBe('righe 3–5 — il documento non indica la data dei dati, fonte: SIU');
  });
});
