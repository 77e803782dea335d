/**
 * Programme tables on the real seed: every figure and check the inventory lists for T01–T04,
 * T10–T14 and T23 (§1 and §5 rows 1–6, 18–26), numbers that follow an edited excerpt, and bad input.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../../scripts/lib/context.ts';
import { SeedError } from '../../scripts/lib/errors.ts';
import { crossChecks } from '../../scripts/lib/reconcile.ts';
import { toLines } from '../../scripts/lib/seed.ts';
import type { Check, Correction, FamilyResult } from '../../scripts/lib/types.ts';
import { parseActs } from '../../scripts/parse/acts.ts';
import { parseDualeAvvisi, parseDualeFinance, parseDualeTargets } from '../../scripts/parse/duale.ts';
import { parseGolAvvisi, parseGolFinance, parseGolTargets } from '../../scripts/parse/gol.ts';
import { parseProgrammes, programmeChecks } from '../../scripts/parse/programmes.ts';
import { parseIspezioni } from '../../scripts/parse/sommerso.ts';
import type { Act, DualeAvviso, DualeFinance, DualeTarget, GolAvviso, GolFinance, GolTarget, Ispezioni } from '../../src/schemas/programmes.ts';
import { programmeSchemas } from '../../src/schemas/programmes.ts';
import { seedCorrections } from '../golden/harness.ts';

const ROOT = join(import.meta.dirname, '../..');
const SEED_NAME = 'seeds/000_e71b61cb0ceb10fc.txt';
const SEED = readFileSync(join(ROOT, SEED_NAME), 'utf8');
const excerpt = (name: string) => readFileSync(join(ROOT, 'tests/golden', `${name}.txt`), 'utf8');

const contextOf = (text: string, corrections: Correction[] = seedCorrections()) => createContext(SEED_NAME, toLines(text), corrections);

/** Run a parser and return the SeedError it throws (fails the test if it does not throw one). */
function seedError(fn: () => unknown): SeedError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SeedError) return e;
    throw e;
  }
  throw new Error('expected a SeedError, none was thrown');
}

const lineOf = (text: string, start: string) => text.split('\n').findIndex((l) => l.startsWith(start)) + 1;
const checkById = (checks: Check[], id: string) => {
  const c = checks.find((x) => x.id === id);
  expect(c, `check ${id}`).toBeDefined();
  return c!;
};

let real: FamilyResult & { state: ReturnType<typeof contextOf> };
beforeAll(() => {
  const state = contextOf(SEED);
  real = { ...parseProgrammes(state.ctx), state };
});

describe('programme tables on the real seed', () => {
  it('finds every programme table with its rows, measure and dates', () => {
    const t = Object.fromEntries(real.tables.map((x) => [x.id, x]));
    const expected: Record<string, [number, string, string | null]> = {
      T01: [3, 'M5C1 R1.1', '2025-08-10'],
      T02a: [1, 'M5C1 R1.1', '2025-06-30'],
      T02b: [1, 'M5C1 R1.1', '2025-06-30'],
      T02c: [1, 'M5C1 R1.1', '2025-06-30'],
      T02d: [1, 'M5C1 R1.1', '2025-06-30'],
      T03: [1, 'M5C1 R1.1', '2025-07-31'],
      T04: [1, 'M5C1 I1.1', null],
      T10: [6, 'M5C1 I1.4', null],
      T11: [1, 'M5C1 I1.4', null],
      T12a: [1, 'M5C1 I1.4', null],
      T12b: [3, 'M5C1 I1.4', null],
      T12c: [1, 'M5C1 I1.4', null],
      T12d: [1, 'M5C1 I1.4', null],
      T12e: [3, 'M5C1 I1.4', null],
      T12f: [2, 'M5C1 I1.4', null],
      T13: [8, 'M5C1 R1.2', null],
      T14: [3, 'M5C1 R1.2', null],
      T23: [1, 'M5C2 R2.2', null],
    };
    expect(Object.keys(t).sort()).toEqual(Object.keys(expected).sort());
    for (const [id, [rows, measure, datiAl]] of Object.entries(expected)) {
      expect([t[id].rows, t[id].measure, t[id].datiAl], id).toEqual([rows, measure, datiAl]);
    }
    expect(t.T02a.fonte).toBe('Sistema Informativo Unitario');
    expect(t.T02c.fonte).toContain('Relevant Certification target M5C1-4');
    expect(t.T04.title).toContain('CPI Lombardia');
  });

  it('validates every record with its schema and gives each a provenance', () => {
    for (const [name, recs] of Object.entries(real.collections)) {
      for (const r of recs) {
        expect(programmeSchemas[name].safeParse(r).success, `${name} ${JSON.stringify(r).slice(0, 80)}`).toBe(true);
        expect((r as { provenance: { file: string } }).provenance.file).toBe(SEED_NAME);
      }
    }
  });

  it('T01: three GOL avvisi; the Percorso 5 amount is "di cui" Avviso n.1', () => {
    const a = real.collections.golAvvisi as GolAvviso[];
    expect(a.map((x) => x.id)).toEqual(['avviso-n-1', 'avviso-percorso-5', 'avviso-duale-per-gol']);
    expect(a.map((x) => x.dotazionePnrr.value)).toEqual([232328000, 4395458, 115819546]);
    expect(a.map((x) => x.diCui)).toEqual([false, true, false]);
    expect(a[1].diCuiDi).toBe('avviso-n-1');
    expect(a.map((x) => x.percorsi)).toEqual([[1, 2, 3, 4], [5], [3, 4]]);
    expect(a.map((x) => x.beneficiariStimati.value)).toEqual([147768, 3000, null]);
    expect(a[2].beneficiariStimati.status).toBe('assente');
    expect(a.map((x) => x.formatiStimati.value)).toEqual([26075, 3000, 20992]);
    expect(a[0].provenance.datiAl).toBe('2025-08-10');
  });

  it('T02a–d: target grids with the figures and source of the inventory', () => {
    const g = Object.fromEntries((real.collections.golTargets as GolTarget[]).map((x) => [x.id, x]));
    const b = g['m5c1-3'] as Extract<GolTarget, { tipo: 'beneficiari' }>;
    expect([b.valoreProgrammato, b.presiInCarico, b.beneficiariConseguiti, b.percAvanzamento, b.percFragili, b.percOccupati, b.percLep, b.percFormati].map((v) => v.value)).toEqual([
      334398, 429798, 306569, 91.7, 84.07, 46.2, 40.8, 17,
    ]);
    const p = g['distribuzione-per-percorso'] as Extract<GolTarget, { tipo: 'percorsi' }>;
    expect(p.quote.map((q) => [q.percorso, q.quota.value])).toEqual([
      ['Reinserimento lavorativo', 62],
      ['Upskilling', 26.4],
      ['Reskilling', 8.5],
      ['Lavoro e Inclusione', 3.1],
      ['Ricollocazione collettiva', 0],
    ]);
    const f = g['m5c1-4'] as Extract<GolTarget, { tipo: 'formati' }>;
    expect([f.valoreProgrammato, f.valoreProgrammatoDigitale, f.avviatiFormazione, f.formati, f.formatiDigitali, f.percFormati, f.percFormatiDigitali].map((v) => v.value)).toEqual([
      111651, 44210, 87315, 73060, 26941, 65.4, 60.9,
    ]);
    expect(f.nota).toMatch(/^Nel conteggio degli avviati/);
    const c = g['m5c1-5'] as Extract<GolTarget, { tipo: 'cpi' }>;
    expect(c.target).toBe('M5C1-5'); // printed "MSC1-5", corrected
    expect([c.cpiTotali.value, c.soglia.value, c.cpiValorizzabili.value, c.percAvanzamento.value, c.sogliaPercentuale]).toEqual([64, 52, 60, 115.4, 80]);
    for (const x of Object.values(g)) expect([x.provenance.datiAl, x.measure]).toEqual(['2025-06-30', 'm5c1-r1-1']);
  });

  it('T03: GOL finance with the tranche flags', () => {
    const f = real.collections.golFinance[0] as GolFinance;
    expect([f.risorseAssegnate, f.erogato, f.programmatoDaAvvisi, f.pagamentiTotali].map((v) => v.value)).toEqual([550826121, 75966000, 348147546, 29233159.53]);
    expect(f.tranche.map((t) => t.erogata)).toEqual([true, false, false, false]);
    expect(f.tranche[0].descrizione).toMatch(/^Erogazione del 75%/);
    expect(f.provenance.datiAl).toBe('2025-07-31');
  });

  it('T04, T13, T23: ten acts with dates, subjects and milestones', () => {
    const acts = real.collections.acts as Act[];
    expect(acts.map((a) => a.id)).toEqual([
      'nota-prot-424238-2023',
      'dm-32-2022',
      'dm-221-2022',
      'dm-57-2023',
      'dm-58-2023',
      'dm-50-2024',
      'dlgs-124-2024',
      'dm-170-2024',
      'dl-19-2024',
      'l-33-2023',
    ]);
    const byId = Object.fromEntries(acts.map((a) => [a.id, a]));
    expect(byId['nota-prot-424238-2023']).toMatchObject({ tipologia: 'nota prot.', numero: '424238', data: '2023-10-20', oggetto: null, milestone: null, measure: 'm5c1-i1-1' });
    expect(acts.filter((a) => a.milestone?.code === 'M5C1-8').map((a) => a.numero)).toEqual(['32', '221', '57', '58']);
    expect(acts.filter((a) => a.milestone?.code === 'M5C1-9').map((a) => a.numero)).toEqual(['50', '124', '170', '19']);
    // The M5C1-9 description continues on an orphan row after a blank line: rejoined.
    const d = byId['dm-50-2024'].milestone!.description!;
    expect(d).toMatch(/^Introduzione di misure per migliorare la raccolta/);
    expect(d).toContain("incentivi mirati. Inoltre, è stata prevista l'introduzione");
    expect(d).toMatch(/sfruttamento del lavoro in agricoltura\.$/);
    expect(byId['dl-19-2024'].data).toBe('2024-03-02'); // printed "2/03/2024"
    expect(byId['dlgs-124-2024'].oggetto).toContain('alle risultanze');
    expect(byId['l-33-2023']).toMatchObject({ tipologia: 'L', data: '2023-03-23', measure: 'm5c2-r2-2', milestone: { code: 'M5C2-3', raggiunta: true } });
  });

  it('T10: six duale avvisi; "13432 di cui 13432 PNRR" read as two numbers; IeFP spelt right', () => {
    const a = real.collections.dualeAvvisi as DualeAvviso[];
    expect(a).toHaveLength(6);
    expect(a.every((x) => !/leFP/.test(x.avviso))).toBe(true);
    const sum = (k: 'dotazione' | 'dotazionePnrr') => Math.round(a.reduce((s, x) => s + x[k].value!, 0) * 100) / 100;
    expect(sum('dotazione')).toBe(518349745.71);
    expect(sum('dotazionePnrr')).toBe(267599745.71);
    const iefp = a.find((x) => x.id === 'avviso-iefp-24-25')!;
    expect([iefp.percorsiProgrammati.value, iefp.percorsiProgrammatiPnrr.value]).toEqual([13432, 13432]);
    expect(a.filter((x) => x.percorsiProgrammati.status === 'assente')).toHaveLength(5);
    expect((real.collections.dualePercorsi as { descrizione: string }[]).map((p) => p.descrizione)[2]).toBe("Percorsi di conversione in duale dell'offerta IeFP ordinaria finanziata con risorse ordinarie");
  });

  it('T11: duale finance with the riparto decrees', () => {
    const f = real.collections.dualeFinance[0] as DualeFinance;
    expect(f.riparto.map((r) => [r.decreto, r.sommeAssegnate.value])).toEqual([
      ['DD n. 54/2022', 45221048],
      ['DD n.120/2023', 95997356],
      ['DD n.100/2024', 97014815],
    ]);
    expect([f.totaleAssegnato, f.relevantCertification, f.risorsePnrrABando, f.totaleProgrammatoAvvisi, f.statoLiquidita, f.pagamentiTotali].map((v) => v.value)).toEqual([
      238233219, 35735, 230599745.71, 518349745.71, 81914464, 31340257.21,
    ]);
    expect(f.obiettivoScadenza).toBe('2025-12-31');
  });

  it('T12a–f: duale targets, baseline and the series by anno formativo', () => {
    const t = Object.fromEntries((real.collections.dualeTargets as DualeTarget[]).map((x) => [x.id, x]));
    expect(Object.keys(t).sort()).toEqual([
      'baseline-per-anno-lombardia',
      'obiettivo-lombardia',
      'serie-baseline',
      'serie-obiettivo-baseline-regionale',
      'serie-obiettivo-target-programmato-regionale',
      'serie-target',
      'serie-target-con-risorse-rrf',
      'target-per-anno-lombardia',
      'totali',
    ]);
    const tpa = t['target-per-anno-lombardia'] as Extract<DualeTarget, { tipo: 'target-per-anno' }>;
    expect(tpa.anni.map((a) => [a.annoFormativo, a.relevantTarget?.value, a.diCuiRrf?.value ?? null])).toEqual([
      ['2020/2021', 0, null],
      ['2021/2022', 14433, null],
      ['2022/2023', 14266, 4577],
      ['2023/2024', 40436, 12858],
    ]);
    expect([tpa.totaleTarget?.value, tpa.totaleTargetRrf?.value, tpa.quotaRrf?.value, tpa.totaleConRisorseMiste?.value, tpa.totaleConSoleRrf?.value]).toEqual([69135, 17435, 25, 44, 17391]);
    const serie = t['serie-target'] as Extract<DualeTarget, { tipo: 'serie' }>;
    expect(serie.valori.map((v) => v.valore.value)).toEqual([0, 14433, 28699, 69135]);
    expect(serie.grafico).toBe('AVANZAMENTO TARGET');
    expect((t['serie-baseline'] as Extract<DualeTarget, { tipo: 'serie' }>).valori.map((v) => v.valore.value)).toEqual([4738, 9476, 14214, 22439]);
    expect((t.totali as Extract<DualeTarget, { tipo: 'totali' }>).totaleBaseline.value).toBe(22439);
  });

  it('T14: inspections by semester; the blank 2025 II semestre is assente, never 0', () => {
    const i = real.collections.ispezioni as Ispezioni[];
    expect(i.map((x) => [x.anno, x.primoSemestre.value, x.secondoSemestre.value, x.totale.value])).toEqual([
      [2023, 42759, 38677, 81436],
      [2024, 68321, 60867, 129188],
      [2025, 70462, null, 70462],
    ]);
    expect(i[2].secondoSemestre.status).toBe('assente');
  });

  it('records the printed totals of §5 (rows 1–6, 18–25) with the inventory’s ✓ and ✗', () => {
    const ok = (id: string) => checkById(real.checks, id).ok;
    for (const id of [
      'T03-programmato-da-avvisi',
      'T02a-avanzamento',
      'T02b-somma',
      'T02c-formati',
      'T02c-formati-digitali',
      'T02d-avanzamento',
      'T11-totale-assegnato',
      'T11-totale-programmato',
      'T11-riparto-dd-n-54-2022',
      'T11-riparto-dd-n-120-2023',
      'T12a-perc-realizzato-lombardia',
      'T12a-perc-rrf-lombardia',
      'T12c-totale-target-lombardia',
      'T12c-totale-rrf-lombardia',
      'T12c-quota-rrf-lombardia',
      'T12c-totale-sole-rrf-lombardia',
      'T12d-totale-lombardia',
      'T12b-totale-baseline-lombardia',
      'T12e-target-cumulato-2022-2023',
      'T12e-target-cumulato-2023-2024',
      'T12f-baseline-cumulata-2023-2024',
      'T14-totale-2023',
      'T14-totale-2024',
    ]) {
      expect(ok(id), id).toBe(true);
    }
    const soglia = checkById(real.checks, 'T02d-soglia');
    expect([soglia.ok, soglia.stated, soglia.computed]).toEqual([false, 52, 51.2]);
    const bando = checkById(real.checks, 'T11-pnrr-a-bando');
    expect([bando.ok, bando.stated, bando.computed]).toEqual([false, 230599745.71, 267599745.71]);
    expect(bando.note).toContain('37.000.000,00');
    expect(bando.note).toContain('Avviso Apprendistato 23/24 + Avviso Apprendistato 24/25');
    expect(real.checks.filter((c) => !c.ok).map((c) => c.id).sort()).toEqual(['T02d-soglia', 'T11-pnrr-a-bando']);
    // Checks are only recorded, never thrown; each has an Italian one-sentence description.
    for (const c of real.checks) expect(c.description).toMatch(/^[A-ZÈ«].*\.$/);
  });

  it('claims every line of its tables (captions, headers, blank lines, source notes)', () => {
    for (const t of real.tables) {
      for (let n = t.lines[0]; n <= t.lines[1]; n++) {
        const l = real.state.ctx.lines[n - 1];
        if (l.text !== '') expect(real.state.claims.has(n), `${t.id} line ${n}`).toBe(true);
      }
    }
    expect(real.state.claims.get(22)?.by).toBe('T01 dati al');
  });

  it('cross-family check: the 64 CPI of T02d equal the sedi centrali of T07, skipped when T07 is absent', () => {
    const gol = real.collections.golTargets;
    const q = (sedi: number) => ({ id: 'm5c1-7-apr-25', periodo: 'apr-25', target: 'M5C1-7', sediCentrali: { value: sedi, status: 'valido', raw: String(sedi) }, provenance: { lines: [258, 258], table: 'T07a' } });
    expect(crossChecks({ golTargets: gol })).toEqual([]);
    expect(crossChecks({ golTargets: gol, cpiQuarterly: [q(64)] }).map((c) => c.ok)).toEqual([true]);
    const bad = crossChecks({ golTargets: gol, cpiQuarterly: [q(63)] });
    expect([bad[0].ok, bad[0].stated, bad[0].computed]).toEqual([false, 64, 63]);
  });
});

describe('numbers follow the document', () => {
  it('a changed semester in the inspections excerpt changes the record and breaks its total', () => {
    const text = excerpt('prog-ispezioni').replace('2024\t68.321\t', '2024\t68.999\t');
    const r = parseIspezioni(contextOf(text).ctx);
    const y = (r.collections.ispezioni as Ispezioni[]).find((x) => x.anno === 2024)!;
    expect(y.primoSemestre).toEqual({ value: 68999, status: 'valido', raw: '68.999' });
    expect(checkById(r.checks, 'T14-totale-2024')).toMatchObject({ ok: false, stated: 129188, computed: 129866 });
  });

  it('a changed avviso amount moves the GOL check; a changed "di cui" amount does not', () => {
    const run = (text: string) => {
      const { ctx } = contextOf(text);
      const a = parseGolAvvisi(ctx);
      const f = parseGolFinance(ctx);
      return checkById(programmeChecks({ ...a.collections, ...f.collections }), 'T03-programmato-da-avvisi');
    };
    const base = excerpt('prog-gol-finance');
    expect(run(base).ok).toBe(true);
    const moved = run(base.replace('232.328.000,00 €', '232.328.100,00 €'));
    expect([moved.ok, moved.computed]).toEqual([false, 348147646]);
    expect(run(base.replace('4.395.458,00 €', '5.000.000,00 €')).ok).toBe(true);
  });

  it('a changed duale PNRR share moves the "messe a bando" gap', () => {
    const { ctx } = contextOf(excerpt('prog-duale-finance').replace('19.000.000,00 €\t19.000.000,00 €', '19.000.000,00 €\t19.500.000,00 €'));
    const a = parseDualeAvvisi(ctx);
    const f = parseDualeFinance(ctx);
    const c = checkById(programmeChecks({ ...a.collections, ...f.collections }), 'T11-pnrr-a-bando');
    expect(c.computed).toBe(268099745.71);
    expect(c.note).toContain('37.500.000,00');
  });
});

describe('bad input gives a located error', () => {
  it('T01 with a column added to the header', () => {
    const text = excerpt('prog-gol-avvisi').replace('Dotazione PNRR\tStima platea', 'Dotazione PNRR\tNote\tStima platea');
    const e = seedError(() => parseGolAvvisi(contextOf(text).ctx));
    expect(e.line).toBe(lineOf(text, 'Avvisi\t'));
    expect(e.expected).toMatch(/columns \(Avviso \| Percorso 1/);
  });

  it('T01 with a column removed from the header', () => {
    const text = excerpt('prog-gol-avvisi').replace('\tBeneficiari\tFormati', '\tBeneficiari');
    const e = seedError(() => parseGolAvvisi(contextOf(text).ctx));
    expect(e.line).toBe(lineOf(text, 'Avvisi\t'));
    expect(e.found).toMatch(/Stima platea – Beneficiari$/);
  });

  it('T01 with a flag cell that is neither "x" nor empty', () => {
    const text = excerpt('prog-gol-avvisi').replace('Avviso n.1\tx\t', 'Avviso n.1\tsì\t');
    const e = seedError(() => parseGolAvvisi(contextOf(text).ctx));
    expect([e.line, e.expected]).toEqual([lineOf(text, 'Avviso n.1'), '"x" or an empty cell for "Percorso 1"']);
  });

  it('T10 row with more cells filled than columns', () => {
    const text = excerpt('prog-duale-avvisi').replace('19.000.000,00 €\t19.000.000,00 €\t', '19.000.000,00 €\t19.000.000,00 €\t\t999');
    const e = seedError(() => parseDualeAvvisi(contextOf(text).ctx));
    expect(e.line).toBe(lineOf(text, 'Avviso Apprendistato 24/25'));
    expect(e.expected).toMatch(/at most 11 cells/);
  });

  it('T14 numeric cell that is text', () => {
    const text = excerpt('prog-ispezioni').replace('2023\t42.759\t', '2023\t42.7x9\t');
    const e = seedError(() => parseIspezioni(contextOf(text).ctx));
    expect([e.line, e.expected, e.found]).toEqual([lineOf(text, '2023\t'), 'a number for "I semestre"', '"42.7x9"']);
  });

  it('T13 with the Oggetto column removed', () => {
    const text = excerpt('prog-acts-sommerso').replace('Data Emissione\tOggetto\tM5C1-8', 'Data Emissione\tM5C1-8');
    const e = seedError(() => parseActs(contextOf(text).ctx));
    expect(e.line).toBe(lineOf(text, 'Tipologia\t'));
  });

  it('an act whose date is not a date', () => {
    const text = excerpt('prog-acts-anziani').replace('L\t33\t23/03/2023\t', 'L\t33\tmarzo 2023\t');
    const e = seedError(() => parseActs(contextOf(text).ctx));
    expect([e.line, e.expected]).toEqual([lineOf(text, 'L\t33'), 'a date dd/mm/yyyy in "Data emissione"']);
  });

  it('T12c with an unknown column', () => {
    const text = excerpt('prog-duale-targets').replace('\tTOTALE TARGET\t', '\tTOTALE PROGETTI\t');
    const e = seedError(() => parseDualeTargets(contextOf(text).ctx));
    expect(e.line).toBe(lineOf(text, 'REGIONE\tRELEVANT TARGET'));
    expect(e.found).toBe('"TOTALE PROGETTI"');
  });

  it('a GOL target caption over a header of no known grid', () => {
    const text = excerpt('prog-gol-targets').replace('Numero totale di CPI nella regione', 'Numero di sportelli');
    const e = seedError(() => parseGolTargets(contextOf(text).ctx));
    expect(e.line).toBe(lineOf(text, '<b>Numero di sportelli'));
  });

  it('a required table missing: found end of file', () => {
    const text = excerpt('prog-acts-cpi');
    const e = seedError(() => parseIspezioni(contextOf(text).ctx));
    expect([e.line, e.found]).toEqual([text.split('\n').filter((_, i, a) => i < a.length - 1 || a[i] !== '').length, 'end of file']);
  });

  it('the seed truncated in the middle of T10: reported at the cut row, or at the end of file', () => {
    const lines = SEED.split('\n');
    const at = lines.findIndex((l) => l.startsWith('Avviso leFP 24/25'));
    const cut = (k: number) => [...lines.slice(0, at), lines[at].slice(0, k)].join('\n');
    // Cut inside an amount: the damaged figure is reported on the cut row.
    const inAmount = seedError(() => parseProgrammes(contextOf(cut(30)).ctx));
    expect([inAmount.line, inAmount.found]).toEqual([at + 1, '"89.3"']);
    // Cut after an amount: the row is complete as far as it goes, and the next table is missing.
    const after = seedError(() => parseProgrammes(contextOf(cut(40)).ctx));
    expect([after.line, after.found]).toEqual([at + 1, 'end of file']);
  });
});
