/**
 * The CPI family on the real seed: the figures of the inventory (row counts, column totals, damaged rows
 * repaired, the 81 offices) and exactly the mismatches it lists.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { createContext } from '../../scripts/lib/context.ts';
import { toLines } from '../../scripts/lib/seed.ts';
import type { AppliedRepair, Check, FamilyResult } from '../../scripts/lib/types.ts';
import { parseCpiFamily } from '../../scripts/parse/cpi.ts';
import { cpiSchemas, type Cpi, type CpiPlan, type CpiPlanLine, type CpiQuarterly, type CpiTarget, type Province } from '../../src/schemas/cpi.ts';
import { seedCorrections } from '../golden/harness.ts';

const SEED = 'seeds/000_e71b61cb0ceb10fc.txt';
const ROOT = join(import.meta.dirname, '../..');

let out: FamilyResult;
let repairs: AppliedRepair[];
let claims: Map<number, unknown>;
let text: string;
let plan: CpiPlan[];
let lines: CpiPlanLine[];
let quarterly: CpiQuarterly[];
let targets: CpiTarget[];
let cpi: Cpi[];
let provinces: Province[];

/** The seed line holding `needle` (tests find rows by content, like the parser). */
const lineOf = (needle: string, from = 1) => {
  const i = text.split('\n').findIndex((l, k) => k + 1 >= from && l.includes(needle));
  if (i < 0) throw new Error(`no line with ${needle}`);
  return i + 1;
};
const check = (id: string): Check => {
  const c = out.checks.find((x) => x.id === id);
  if (!c) throw new Error(`no check ${id}`);
  return c;
};
const sum = (xs: { value: number | null }[]) => Math.round(xs.reduce((a, x) => a + Math.round((x.value ?? 0) * 100), 0)) / 100;

beforeAll(() => {
  text = readFileSync(join(ROOT, SEED), 'utf8');
  const st = createContext(SEED, toLines(text), seedCorrections());
  out = parseCpiFamily(st.ctx);
  repairs = st.repairs;
  claims = st.claims;
  const c = out.collections as Record<string, unknown[]>;
  plan = c.cpiPlan as CpiPlan[];
  lines = c.cpiPlanLines as CpiPlanLine[];
  quarterly = c.cpiQuarterly as CpiQuarterly[];
  targets = c.cpiTargets as CpiTarget[];
  cpi = c.cpi as Cpi[];
  provinces = c.provinces as Province[];
});

describe('tables and records', () => {
  test('finds the nine tables by structure, with their row counts and dates', () => {
    expect(out.tables.map((t) => [t.id, t.rows, t.datiAl])).toEqual([
      ['T05a', 4, null],
      ['T05b', 2, null],
      ['T05c', 8, null],
      ['T05d', 9, null],
      ['T06', 113, null],
      ['T07a', 2, null],
      ['T07b', 2, null],
      ['T08', 80, '2025-06-10'],
      ['T09', 79, '2025-06-30'],
    ]);
    expect(new Set(out.tables.map((t) => t.measure))).toEqual(new Set(['M5C1 I1.1']));
    expect(out.tables.filter((t) => t.fonte === 'Allegati D').map((t) => t.id)).toEqual(['T07a', 'T07b', 'T08', 'T09']);
  });

  test('every record is valid for its schema and ids are unique', () => {
    for (const [name, recs] of Object.entries(out.collections)) {
      const schema = cpiSchemas[name as keyof typeof cpiSchemas];
      expect(schema, name).toBeDefined();
      for (const r of recs) expect(schema.safeParse(r).success, `${name} ${JSON.stringify(r).slice(0, 80)}`).toBe(true);
      const ids = recs.map((r) => (r as { id: string }).id);
      expect(new Set(ids).size, name).toBe(ids.length);
    }
    expect(Object.fromEntries(Object.entries(out.collections).map(([k, v]) => [k, v.length]))).toEqual({
      cpiPlan: 136,
      cpiPlanLines: 5,
      cpiQuarterly: 4,
      cpiTargets: 159,
      cpi: 81,
      provinces: 12,
    });
  });

  test('every line inside the tables is read or marked structural', () => {
    const src = text.split('\n');
    for (const t of out.tables) {
      for (let n = t.lines[0]; n <= t.lines[1]; n++) {
        if (src[n - 1].trim() === '') continue;
        expect(claims.has(n), `line ${n} of ${t.id}: ${src[n - 1].slice(0, 60)}`).toBe(true);
      }
    }
    // The separator row that closes T06 and the duplicated T08 caption belong to the family too.
    expect(claims.has(lineOf('--\t--\t---'))).toBe(true);
  });
});

describe('plan (T05a–d, T06)', () => {
  test('23 activities in T05 and 113 in T06, by line of intervention', () => {
    const count = (l: string) => plan.filter((r) => r.linea === l).length;
    expect([count('comunicazione'), count('formazione'), count('osservatorio'), count('sistemi-informativi'), count('adeguamento')]).toEqual([4, 2, 8, 9, 113]);
  });

  test('T06 column totals reconcile with the printed 52.000.000 / 36.100.000 / 13.000.000', () => {
    const t06 = plan.filter((r) => r.linea === 'adeguamento');
    expect(sum(t06.map((r) => r.nazionali))).toBe(52_000_000);
    expect(sum(t06.map((r) => r.pnrrInEssere))).toBe(36_100_000);
    expect(sum(t06.map((r) => r.pnrrNative))).toBe(13_000_000);
    // Native resources only on the four "nuova attività" rows.
    expect(t06.filter((r) => r.pnrrNative.status === 'valido').map((r) => r.provenance.lines[0])).toEqual([
      lineOf('CPI Palazzolo (distaccata di Iseo)'),
      lineOf('5.500.000,00'),
      lineOf('5.400.000,00'),
      lineOf('1.800.000,00 €\tCPI Darfo'),
    ]);
  });

  test('drifting rows: "-" marks an empty Nazionali, shifted rows keep their amounts', () => {
    const at = (n: number) => plan.find((r) => r.provenance.lines[0] === n)!;
    const trescore = at(lineOf('CPI Trescore Balneario'));
    expect(trescore.nazionali).toEqual({ value: null, status: 'assente', raw: '-' });
    expect(trescore.pnrrInEssere.value).toBe(1_000_000);
    // Row with no CPI name, shifted right by one cell.
    const noName = at(lineOf('\t\tprevista da Piano'));
    expect(noName.nazionali.value).toBe(20_000);
    expect(noName.cpi).toEqual([]);
    expect(noName.cpiCoinvolti).toBeNull();
    // Rows with the Versione text in the first cell (shifted left).
    const varese = at(lineOf('\t-\t2.000.000,00 €\tCPI Varese'));
    expect([varese.nazionali.raw, varese.pnrrInEssere.value]).toEqual(['-', 2_000_000]);
    // Two amounts on one row.
    const mantova = at(lineOf('Tutti i CPI della provincia di Mantova'));
    expect([mantova.nazionali.value, mantova.pnrrInEssere.value]).toEqual([1_150_000, 1_000_000]);
    expect(mantova.ambito).toEqual({ tipo: 'provincia', provincia: 'mantova' });
  });

  test('group labels printed after a page break cover the rows before them', () => {
    const group = (needle: string) => plan.find((r) => r.provenance.lines[0] === lineOf(needle))!;
    expect(group('CPI Albino').attivita).toBe('Adeguamento sedi - Provincia di Bergamo');
    expect(group('CPI Albino').attivitaRiga).toBe(lineOf('Adeguamento sedi - Provincia di Bergamo'));
    expect(group('CPI Crema').attivita).toBe('Adeguamento sedi - Provincia di Cremona');
    expect(group('CPI Cremona - sede principale').attivita).toBe('Adeguamento sedi - Provincia di Cremona');
    expect(group('Tutti CPI della Provincia di Como').attivita).toBe('Adeguamento sedi - Provincia di Como');
    // The second "Tutti CPI della Provincia di Cremona" row stays in its group.
    const cremonaAll = plan.filter((r) => r.cpiCoinvolti === 'Tutti CPI della Provincia di Cremona');
    expect(cremonaAll.map((r) => r.attivita)).toEqual(['Adeguamento sedi - Provincia di Cremona', 'Adeguamento sedi - Provincia di Cremona']);
    // Merged cells in T05: blank "Attività" carries the label down.
    const siul = plan.filter((r) => r.linea === 'sistemi-informativi');
    expect(siul.slice(0, 8).every((r) => r.attivita === 'Sistemi informativi Sviluppo e manutenzione SIUL - Regione Lombardia')).toBe(true);
    expect(siul[8].attivita).toBe('Evolutive SIUL e Web App collegate');
    expect(repairs.filter((r) => r.rule === 'etichetta-gruppo-dopo-salto-pagina')).toHaveLength(8);
  });

  test('typos are corrected from corrections.json, run-together activities are split', () => {
    expect(plan.some((r) => /Adegumento/.test(`${r.attivita} ${r.dettaglio}`))).toBe(false);
    expect(repairs.filter((r) => r.kind === 'correzione' && /^Adegumento/.test(r.raw)).map((r) => r.line)).toHaveLength(16);
    expect(new Set(repairs.filter((r) => r.kind === 'correzione' && /^Adegumento/.test(r.raw)).map((r) => r.line)).size).toBe(13);
    expect(plan.some((r) => /59\/2021/.test(r.versionePiano))).toBe(false);
    const glued = plan.find((r) => r.provenance.lines[0] === lineOf('occupazianle'))!;
    expect(glued.dettaglio!.split('; ')).toHaveLength(10);
    expect(glued.dettaglio).toContain('stato occupazionale e COB; Sviluppo e gestione del SIUL - SAP -DID e PP; Sviluppo e gestione RdC');
    expect(glued.pnrrInEssere.value).toBe(5_650_011.57);
  });

  test('scopes of "CPI coinvolti"', () => {
    const scopes = new Map<string, number>();
    for (const r of plan) scopes.set(r.ambito?.tipo ?? 'null', (scopes.get(r.ambito?.tipo ?? 'null') ?? 0) + 1);
    expect(Object.fromEntries(scopes)).toEqual({ regione: 15, provincia: 20, cpi: 99, null: 2 });
    expect(plan.filter((r) => r.ambito?.tipo !== 'cpi').every((r) => r.cpi.length === 0)).toBe(true);
    expect(plan.filter((r) => r.ambito?.tipo === 'cpi').every((r) => r.cpi.length === 1)).toBe(true);
  });

  test('Risorse programmate per line, with the totals printed in the headers', () => {
    const v = (l: CpiPlanLine) => [l.pianoPotenziamento.value, l.aggiornamentoPiano.value, l.totaleNazionali.value, l.totalePnrrInEssere.value, l.totalePnrrNative.value];
    expect(lines.map((l) => [l.id, l.tabella, ...v(l)])).toEqual([
      ['comunicazione', 'T05a', 445_217.55, 1_562_033.03, 0, 445_217.55, 1_562_033.03],
      ['formazione', 'T05b', 3_843_573.95, 0, 1_455_233.2, 2_388_340.75, 0],
      ['osservatorio', 'T05c', 2_099_001.46, 0, 445_652.92, 1_653_348.54, 0],
      ['sistemi-informativi', 'T05d', 12_400_000, 9_956_426.04, 3_949_988.7, 8_450_011.3, 9_956_426.04],
      ['adeguamento', 'T06', 88_100_000, 13_000_000, 52_000_000, 36_100_000, 13_000_000],
    ]);
    // The PNRR total of Sistemi informativi is split over two header lines.
    expect(repairs.some((r) => r.rule === 'cella-intestazione-spezzata' && r.table === 'T05d')).toBe(true);
  });
});

describe('quarterly (T07a, T07b)', () => {
  test('14 columns per period, percentages in points, periods read literally', () => {
    expect(quarterly.map((q) => [q.id, q.periodoIso, q.attivitaProgrammate.value, q.attivitaCompletate.value, q.percentualeCompletate.value])).toEqual([
      ['m5c1-7-apr-25', '2025-04', 23, 16, 70],
      ['m5c1-7-lug-25', '2025-07', 23, 18, 78],
      ['m5c1-7bis-apr-24', '2024-04', 113, 19, 17],
      ['m5c1-7bis-lug-25', '2025-07', 113, 34, 30],
    ]);
    const lug = quarterly[3];
    expect([lug.cpiRendicontabili.value, lug.rendicontabiliSediCentrali.value, lug.rendicontabiliSediDistaccate.value]).toEqual([0, 1, 0]);
  });

  test('identities with the plan and the per-CPI table', () => {
    for (const p of ['apr-25', 'lug-25']) {
      expect(check(`t07a-${p}-attivita-piano`)).toMatchObject({ stated: 23, computed: 23, ok: true });
      expect(check(`t07a-${p}-cpi-tabella`)).toMatchObject({ stated: 80, computed: 80, ok: true });
      expect(check(`t07a-${p}-sedi-distaccate-tabella`)).toMatchObject({ stated: 16, computed: 16, ok: true });
      expect(check(`t07a-${p}-sedi-centrali-tabella`)).toMatchObject({ stated: 64, computed: 64, ok: true });
    }
    expect(check('t07b-apr-24-attivita-piano')).toMatchObject({ stated: 113, computed: 113, ok: true });
    expect(check('t07b-lug-25-attivita-piano')).toMatchObject({ stated: 113, computed: 113, ok: true });
    // T07b's header is copied from M5C1-7: its CPI counts are not compared with T09.
    expect(out.checks.some((c) => c.id.startsWith('t07b') && c.id.endsWith('-cpi-tabella'))).toBe(false);
  });
});

describe('per-CPI tables (T08, T09)', () => {
  test('80 rows for M5C1-7 and 79 for M5C1-7bis, blank cells assente', () => {
    const t08 = targets.filter((t) => t.target === 'M5C1-7');
    const t09 = targets.filter((t) => t.target === 'M5C1-7bis');
    expect([t08.length, t09.length]).toEqual([80, 79]);
    expect(new Set(t09.map((t) => t.cpi)).size).toBe(74);
    expect(t08.every((t) => t.alert !== null && t.alertBasso === null && t.baseRilevante === 'attivita-in-corso')).toBe(true);
    expect(t09.every((t) => t.alert === null && t.alertBasso !== null && t.baseRilevante === 'attivita-programmate')).toBe(true);
    const albino = t09.find((t) => t.cpi === 'albino')!;
    expect(albino.completate).toEqual({ value: null, status: 'assente', raw: '' });
    expect(t09.filter((t) => t.completate.status === 'assente')).toHaveLength(8);
    expect(t09.filter((t) => t.avanzamentoRilevante.status === 'assente')).toHaveLength(16);
    expect(t09.filter((t) => t.alertAlto?.value === 0)).toHaveLength(5);
  });

  test('a name split over two rows is rejoined and matched to its clean form', () => {
    const d = targets.find((t) => t.id === 'm5c1-7-desenzano-del-garda')!;
    expect(d.provenance.lines).toEqual([lineOf('CPI Desenze\t'), lineOf('\tno del Garda')]);
    expect(d.nomeStampato).toBe('CPI Desenze no del Garda');
    expect(d.programmate.value).toBe(17);
  });

  test('the five CPI printed twice in T09 are kept as two rows each, flagged', () => {
    const dup = targets.filter((t) => t.duplicato);
    expect(dup.map((t) => t.id).sort()).toEqual(
      [
        'm5c1-7bis-pavia',
        'm5c1-7bis-pavia-2',
        'm5c1-7bis-cesano-maderno',
        'm5c1-7bis-cesano-maderno-2',
        'm5c1-7bis-lodi',
        'm5c1-7bis-lodi-2',
        'm5c1-7bis-bollate-distaccata-di-rho',
        'm5c1-7bis-bollate-distaccata-di-rho-2',
        'm5c1-7bis-melzo-distaccata-di-pioltello',
        'm5c1-7bis-melzo-distaccata-di-pioltello-2',
      ].sort(),
    );
    const pavia = targets.filter((t) => t.target === 'M5C1-7bis' && t.cpi === 'pavia');
    expect(pavia.map((t) => [t.programmate.value, t.completate.value, t.duplicatoDi])).toEqual([
      [4, 2, ['m5c1-7bis-pavia-2']],
      [3, 2, ['m5c1-7bis-pavia']],
    ]);
  });
});

describe('checks', () => {
  test('exactly the mismatches of the inventory', () => {
    const bad = out.checks.filter((c) => !c.ok).sort((a, b) => a.id.localeCompare(b.id));
    expect(bad.map((c) => [c.id, c.stated, c.computed])).toEqual([
      ['t07b-lug-25-cpi-rendicontabili', 0, 1],
      ['t08-m5c1-7-monza-identita', 17, 18],
      ['t09-cpi-duplicati', null, 5],
    ]);
    expect(check('t08-m5c1-7-monza-identita').lines).toEqual([lineOf('CPI Monza\t')]);
  });

  test('T05/T06 totals and Piano sums hold', () => {
    for (const t of ['t05a', 't05b', 't05c', 't05d', 't06']) {
      for (const k of ['totale-nazionali', 'totale-pnrr-in-essere', 'totale-pnrr-native', 'piano-potenziamento', 'aggiornamento-piano', 'nuove-attivita', 'totale-importi']) {
        expect(check(`${t}-${k}`).ok, `${t}-${k}`).toBe(true);
      }
    }
    expect(check('t06-totale-importi')).toMatchObject({ stated: 101_100_000, computed: 101_100_000 });
    expect(check('t06-nuove-attivita')).toMatchObject({ stated: 13_000_000, computed: 13_000_000 });
  });

  test('one percentage and identity check per per-CPI row', () => {
    const per = (tid: string, kind: string) => out.checks.filter((c) => c.table === tid && c.id.endsWith(kind));
    expect([per('T08', '-perc-completamento').length, per('T08', '-perc-rilevante').length, per('T08', '-identita').length]).toEqual([80, 80, 80]);
    expect([per('T09', '-perc-completamento').length, per('T09', '-perc-rilevante').length, per('T09', '-identita').length]).toEqual([79, 79, 79]);
    expect(per('T09', '-identita').every((c) => c.ok)).toBe(true);
    expect(per('T08', '-perc-rilevante').every((c) => c.ok)).toBe(true);
  });
});

describe('offices and provinces', () => {
  test('81 offices: 64 + 16 in T08 plus "CPI Cremona - sede principale"', () => {
    const inT08 = cpi.filter((c) => c.tables.some((t) => t.table === 'T08'));
    expect(inT08).toHaveLength(80);
    expect(inT08.filter((c) => c.kind === 'sede distaccata')).toHaveLength(16);
    expect(cpi.filter((c) => !c.tables.some((t) => t.table === 'T08')).map((c) => c.name)).toEqual(['CPI Cremona - sede principale']);
  });

  test('canonical names come from the clean forms; damaged forms are variants', () => {
    const by = (slug: string) => cpi.find((c) => c.slug === slug)!;
    expect(by('desenzano-del-garda').name).toBe('CPI Desenzano del Garda');
    expect(by('desenzano-del-garda').variants.map((v) => v.text)).toEqual(['CPI Desenzano del Garda', 'CPI Desenze no del Garda', 'CPI Desenzeno del Garda']);
    expect(by('milano-carchidio-sede-distaccata').variants.map((v) => v.text)).toContain('CPI Milano - Carchidoro (sede distaccata)');
    expect(by('cremona').variants.map((v) => v.text)).toEqual(['CPI Cremona', 'CPI Cremon a']);
    expect(by('seregno').variants.map((v) => v.text)).toEqual(['CPI Seregno', 'Cpi seregno']);
    expect(by('casalmaggiore').name).toBe('CPI Casalmaggiore');
    expect(by('bergamo-sede-distaccata').name).toBe('CPI Bergamo - sede distaccata');
    expect(by('breno').variants).toEqual([{ text: 'Breno', lines: [lineOf('Lombardia\tBreno')] }]);
  });

  test('kind, parent, comune', () => {
    const by = (slug: string) => cpi.find((c) => c.slug === slug)!;
    expect([by('edolo-distaccata-di-breno').kind, by('edolo-distaccata-di-breno').parent]).toEqual(['sede distaccata', 'breno']);
    expect(by('milano-parea-sede-distaccata').parent).toBe('milano');
    expect(by('monza-sede-distaccata').parent).toBe('monza');
    expect([by('melzo-distaccata-di-pioltello').parent, by('melzo-distaccata-di-pioltello').parentName]).toEqual([null, 'Pioltello']);
    expect(by('milano-strozzi').comune).toMatchObject({ name: 'Milano', source: 'nome' });
    expect(by('s-angelo-lodigiano-distaccata-di-lodi').comune).toMatchObject({ name: "Sant'Angelo Lodigiano", source: 'nome' });
    expect(by('palazzolo-distaccata-di-iseo').comune).toMatchObject({ name: "Palazzolo sull'Oglio", source: 'curato' });
    expect(cpi.every((c) => c.comune !== null)).toBe(true);
  });

  test('provinces from the T06 groups, curated for the four offices no group names', () => {
    const by = (slug: string) => cpi.find((c) => c.slug === slug)!;
    expect(by('albino').provinceSource).toEqual({ type: 'documento', line: lineOf('Adeguamento sedi - Provincia di Bergamo'), label: 'Adeguamento sedi - Provincia di Bergamo' });
    expect(by('crema').province).toBe('cremona');
    expect(cpi.filter((c) => c.provinceSource?.type === 'curato').map((c) => [c.slug, c.province])).toEqual([
      ['casalmaggiore', 'cremona'],
      ['breno', 'brescia'],
      ['meda', 'monza-e-della-brianza'],
      ['milano', 'milano'],
    ]);
    expect(check('cpi-province-comuni')).toMatchObject({ stated: 77, computed: 77, ok: true });
    expect(check('cpi-province-curate')).toMatchObject({ stated: 4, computed: 4, ok: true });
    expect(Object.fromEntries(provinces.map((p) => [p.id, p.cpi.length]))).toEqual({
      varese: 7,
      como: 5,
      sondrio: 5,
      milano: 18,
      bergamo: 11,
      brescia: 11,
      pavia: 4,
      cremona: 6,
      mantova: 3,
      lecco: 2,
      lodi: 3,
      'monza-e-della-brianza': 6,
    });
    const mi = provinces.find((p) => p.id === 'milano')!;
    expect([mi.name, mi.label, mi.sigla, mi.istat]).toEqual(['Milano', 'Città Metropolitana di Milano', 'MI', '015']);
    expect(provinces.find((p) => p.id === 'monza-e-della-brianza')!.label).toBe('Provincia di Monza e della Brianza');
  });
});
