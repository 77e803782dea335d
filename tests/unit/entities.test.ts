/**
 * Implementing entities on the real seed: the 87 canonical names of seed-inventory.md §4 with
 * their projects per measure, the 4 Crescere Green proponenti, seats, and the naming rules.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { createContext } from '../../scripts/lib/context.ts';
import { SeedError } from '../../scripts/lib/errors.ts';
import { toLines } from '../../scripts/lib/seed.ts';
import {
  comuneNameOf,
  curatedEntities,
  readCuratedEntities,
  repairInsertedSpaces,
  restoreTruncated,
  tipoFromName,
  type EntityRecord,
} from '../../scripts/parse/entities.ts';
import { parseProjectsFamily, type ProjectRecord } from '../../scripts/parse/projects.ts';
import { seedCorrections } from '../golden/harness.ts';

const SEEDS = join(import.meta.dirname, '../../seeds');
const seedText = readFileSync(join(SEEDS, readdirSync(SEEDS).find((f) => f.endsWith('.txt'))!), 'utf8');

const MEASURES = ['m5c2-i1-1-1', 'm5c2-i1-1-2', 'm5c2-i1-1-3', 'm5c2-i1-1-4', 'm5c2-i1-2', 'm5c2-i1-3-1', 'm5c2-i1-3-2'];

/**
 * seed-inventory.md §4: canonical name → projects in 1.1.1, 1.1.2, 1.1.3, 1.1.4, 1.2, 1.3.1, 1.3.2.
 * One deliberate difference: "CESANO BOSCONI" is corrected to BOSCONE (corrections.json, progetti).
 */
const INVENTORY: [string, number[]][] = [
  ["A.S.C.I. AZIENDA SOCIALE COMUNI INSIEME", [0, 0, 1, 0, 1, 1, 0]],
  ["A.S.C.L.V. AZIENDA SOCIALE CENTRO LARIO", [1, 0, 0, 0, 0, 1, 0]],
  ["AZIENDA ISOLA", [0, 0, 1, 0, 1, 0, 0]],
  ["AZIENDA SERVIZI ALLA PERSONA DEL TERRITORIO", [0, 1, 1, 1, 1, 1, 1]],
  ["AZIENDA SERVIZI COMUNALI ALLA PERSONA", [0, 1, 1, 0, 1, 1, 0]],
  ["AZIENDA SOCIALE COMASCA E LARIANA", [0, 1, 0, 1, 1, 1, 1]],
  ["AZIENDA SOCIALE DEL LEGNANESE", [0, 0, 0, 0, 1, 1, 0]],
  ["AZIENDA SOCIALE SUD EST MILANO", [1, 0, 1, 1, 1, 1, 0]],
  ['AZIENDA SPECIALE CONSORTILE "OGLIO PO"', [1, 0, 0, 0, 1, 0, 0]],
  ["AZIENDA SPECIALE CONSORTILE GALLIANO", [1, 0, 0, 0, 1, 1, 0]],
  ["AZIENDA SPECIALE CONSORTILE GARDA SOCIAL", [1, 0, 0, 1, 1, 1, 1]],
  ["AZIENDA SPECIALE CONSORTILE MEDIO OLONA", [1, 0, 0, 0, 1, 0, 0]],
  ["AZIENDA SPECIALE CONSORTILE PER I SERVIZ", [1, 0, 0, 1, 1, 0, 0]],
  ["AZIENDA SPECIALE CONSORTILE SERVIZI ALLA", [1, 0, 0, 0, 0, 1, 0]],
  ["AZIENDA SPECIALE CONSORTILE SERVIZI INTEGRATI", [1, 0, 1, 0, 0, 1, 1]],
  ["AZIENDA TERRITORIALE PER I SERVIZI ALLA", [2, 1, 2, 1, 2, 2, 0]],
  ["COMUNE DI ABBIATEGRASSO", [1, 0, 0, 1, 1, 1, 0]],
  ["COMUNE DI ALBINO", [0, 1, 0, 0, 1, 1, 0]],
  ["COMUNE DI ASOLA", [1, 0, 1, 1, 0, 0, 0]],
  ["COMUNE DI AZZATE", [0, 0, 0, 1, 1, 0, 0]],
  ["COMUNE DI BERGAMO", [1, 1, 1, 1, 2, 1, 1]],
  ["COMUNE DI BIASSONO", [1, 0, 1, 1, 1, 1, 1]],
  ["COMUNE DI BOLGARE", [1, 0, 0, 0, 1, 0, 1]],
  ["COMUNE DI BRESCIA", [0, 1, 1, 1, 1, 1, 1]],
  ["COMUNE DI BRONI", [1, 0, 0, 0, 0, 0, 0]],
  ["COMUNE DI BUSTO ARSIZIO", [1, 0, 1, 0, 1, 1, 1]],
  ["COMUNE DI CALCINATE", [0, 0, 0, 0, 1, 0, 0]],
  ["COMUNE DI CANNETO SULL'OGLIO", [0, 0, 0, 0, 1, 0, 0]],
  ["COMUNE DI CERNUSCO SUL NAVIGLIO", [1, 0, 1, 1, 1, 1, 0]],
  ["COMUNE DI CESANO BOSCONE", [1, 0, 1, 1, 1, 1, 0]],
  ["COMUNE DI CHIARI", [1, 0, 1, 0, 0, 0, 0]],
  ["COMUNE DI CINISELLO BALSAMO", [0, 0, 0, 0, 1, 0, 0]],
  ["COMUNE DI CLUSONE", [1, 0, 0, 0, 1, 0, 0]],
  ["COMUNE DI CORBETTA", [0, 0, 0, 0, 1, 0, 0]],
  ["COMUNE DI CREMA", [1, 1, 0, 1, 1, 1, 0]],
  ["COMUNE DI CREMONA", [1, 1, 1, 0, 2, 1, 1]],
  ["COMUNE DI DALMINE", [1, 0, 0, 1, 1, 1, 0]],
  ["COMUNE DI DESIO", [1, 0, 1, 1, 1, 1, 0]],
  ["COMUNE DI GALLARATE", [1, 0, 0, 1, 1, 1, 0]],
  ["COMUNE DI ISEO", [1, 0, 0, 0, 0, 0, 0]],
  ["COMUNE DI LECCO", [1, 1, 1, 0, 1, 1, 1]],
  ["COMUNE DI LUINO", [0, 0, 1, 1, 1, 0, 0]],
  ["COMUNE DI MAGENTA", [1, 0, 1, 1, 1, 1, 0]],
  ["COMUNE DI MANTOVA", [0, 0, 0, 0, 0, 1, 1]],
  ["COMUNE DI MELZO", [1, 0, 0, 1, 1, 1, 0]],
  ["COMUNE DI MILANO", [3, 1, 1, 2, 3, 3, 2]],
  ["COMUNE DI MONTICHIARI", [0, 1, 0, 0, 1, 1, 1]],
  ["COMUNE DI MONZA", [0, 1, 0, 0, 1, 1, 1]],
  ["COMUNE DI ORZINUOVI", [0, 0, 0, 1, 1, 0, 0]],
  ["COMUNE DI OSTIGLIA", [1, 0, 0, 0, 1, 0, 0]],
  ["COMUNE DI PALAZZOLO SULL'OGLIO", [1, 0, 1, 0, 1, 1, 1]],
  ["COMUNE DI PAVIA", [0, 0, 0, 0, 0, 1, 0]],
  ["COMUNE DI PIOLTELLO", [1, 0, 0, 1, 1, 1, 0]],
  ["COMUNE DI ROZZANO", [0, 0, 0, 0, 1, 1, 1]],
  ["COMUNE DI SARONNO", [1, 0, 1, 1, 2, 1, 0]],
  ["COMUNE DI SEREGNO", [1, 0, 1, 0, 1, 1, 1]],
  ["COMUNE DI SERIATE", [0, 0, 0, 1, 1, 0, 0]],
  ["COMUNE DI SESTO CALENDE", [1, 0, 0, 0, 0, 0, 0]],
  ["COMUNE DI SESTO SAN GIOVANNI", [0, 0, 0, 1, 1, 0, 0]],
  ["COMUNE DI SIZIANO", [0, 0, 1, 0, 0, 1, 0]],
  ["COMUNE DI SOMMA LOMBARDO", [1, 0, 0, 0, 1, 1, 0]],
  ["COMUNE DI SONDRIO", [1, 1, 0, 0, 1, 1, 0]],
  ["COMUNE DI TRADATE", [1, 1, 1, 0, 1, 1, 0]],
  ["COMUNE DI VARESE", [1, 1, 0, 1, 0, 1, 1]],
  ["COMUNE DI VIGEVANO", [1, 0, 0, 0, 1, 1, 0]],
  ["COMUNE DI VOGHERA", [1, 0, 0, 0, 0, 0, 0]],
  ["COMUNI INSIEME PER LO SVILUPPO SOCIALE A", [1, 0, 0, 1, 1, 1, 1]],
  ["COMUNITA MONTANA DEI LAGHI BERGAMASCHI", [2, 0, 0, 0, 1, 0, 0]],
  ["COMUNITA MONTANA DEL PIAMBELLO", [1, 0, 0, 1, 1, 1, 0]],
  ["COMUNITA' MONTANA ALTA VALTELLINA", [0, 0, 0, 0, 1, 0, 0]],
  ["COMUNITA' MONTANA DELLA VALCHIAVENNA", [0, 0, 0, 0, 0, 1, 0]],
  ["COMUNITA' MONTANA VALLE BREMBANA", [0, 0, 0, 0, 1, 0, 0]],
  ["COMUNITA' MONTANA VALLE SABBIA", [0, 0, 1, 0, 1, 1, 0]],
  ["COMUNITA' MONTANA VALLE TROMPIA", [1, 0, 0, 0, 1, 1, 0]],
  ["COMUNITA' MONTANA VALSASSINA VALVARRONE", [1, 0, 0, 1, 1, 1, 1]],
  ["COMUNITA' MONTANA VALTELLINA DI TIRANO", [1, 0, 0, 0, 1, 1, 0]],
  ["CONSORZIO PROGETTO SOLIDARIETA'", [1, 1, 1, 0, 2, 0, 0]],
  ["CONSORZIO SERVIZI DELLA VAL CAVALLINA", [1, 0, 1, 0, 1, 0, 0]],
  ["CONSORZIO SERVIZI SOCIALI DELL'OLGIATESE", [1, 0, 1, 1, 1, 1, 0]],
  ["CONSORZIO SOCIALE PAVESE", [1, 0, 0, 1, 0, 0, 0]],
  ["INSIEME PER IL SOCIALE", [0, 1, 0, 0, 0, 0, 0]],
  ["OFFERTA SOCIALE AZIENDA SPECIALE CONSORT", [1, 0, 1, 0, 1, 1, 1]],
  ["OVEST SOLIDALE", [0, 0, 0, 0, 1, 1, 0]],
  ["RETESALUTE - AZIENDA SPECIALE", [1, 1, 1, 0, 1, 0, 1]],
  ["RISORSA SOCIALE GERA D'ADDA AZIENDA SPEC", [0, 1, 0, 0, 1, 1, 1]],
  ["SOLIDALIA", [1, 0, 0, 0, 0, 0, 0]],
  ["VALLE IMAGNA - VILLA D'ALME' - AZIENDA T", [0, 0, 0, 0, 1, 1, 1]],
];

let entities: EntityRecord[];
let projects: ProjectRecord[];
const entity = (name: string) => entities.find((e) => e.name === name)!;

beforeAll(() => {
  const { ctx } = createContext('seed.txt', toLines(seedText), seedCorrections());
  const r = parseProjectsFamily(ctx);
  entities = r.collections.entities as EntityRecord[];
  projects = r.collections.projects as ProjectRecord[];
});

describe('entities of the M5C2 tables', () => {
  test('87 canonical names with their projects per measure (inventory §4), 309 projects in all', () => {
    const m5 = entities.filter((e) => e.ruoli.includes('soggetto-attuatore'));
    const actual = m5
      .map((e): [string, number[]] => [e.name, MEASURES.map((m) => projects.filter((p) => p.entity === e.id && p.measure === m).length)])
      .sort(([a], [b]) => a.localeCompare(b));
    expect(actual).toEqual([...INVENTORY].sort(([a], [b]) => a.localeCompare(b)));
    expect(m5.reduce((n, e) => n + e.projects.length, 0)).toBe(309);
  });

  test('variants keep every printed spelling with its lines', () => {
    expect(entity("CONSORZIO SERVIZI SOCIALI DELL'OLGIATESE").variants.map((v) => [v.text, v.lines.length])).toEqual([
      ["CONSORZIO SERVIZI SOCIALI DELL'OLGIATES E", 4],
      ["CONSORZIO SERVIZI SOCIALI DELL'OLGIA TESE", 1],
    ]);
    expect(entity('AZIENDA SERVIZI ALLA PERSONA DEL TERRITORIO').variants.map((v) => v.text)).toContain('AZIENDA SERVIZI ALLA PERSONA DEL TERRITO');
    expect(entity("COMUNE DI PALAZZOLO SULL'OGLIO").variants.map((v) => v.text)).toContain("COMUNE DI PALAZZOLO SULL'OGGIO");
    expect(entity('AZIENDA SOCIALE DEL LEGNANESE').variants.map((v) => v.text)).toEqual(['AZIENDA SOCILAE DEL LEGNANESE']);
  });

  test('names still truncated in the whole document stay as printed', () => {
    expect(entity('OFFERTA SOCIALE AZIENDA SPECIALE CONSORT').projects).toHaveLength(5);
    expect(entity("VALLE IMAGNA - VILLA D'ALME' - AZIENDA T").projects).toHaveLength(3);
  });

  test('the truncated "AZIENDA TERRITORIALE PER I SERVIZI ALLA" is flagged as ambiguous', () => {
    const e = entity('AZIENDA TERRITORIALE PER I SERVIZI ALLA');
    expect(e.ambiguo).toBe(true);
    expect(e.nota).toMatch(/più enti/);
    expect(e.projects).toHaveLength(10);
    expect(entities.filter((x) => x.ambiguo).map((x) => x.id)).toEqual([e.id]);
  });

  test('type by rule from the name; comuni located through the gazetteer', () => {
    expect(entity('COMUNE DI SESTO SAN GIOVANNI').comune).toEqual({ istat: '015209', nome: 'Sesto San Giovanni', slug: 'sesto-san-giovanni' });
    expect(entity("COMUNE DI CANNETO SULL'OGLIO").province).toBe('mantova');
    expect(entity('COMUNE DI CESANO BOSCONE').comune?.nome).toBe('Cesano Boscone');
    const comuni = entities.filter((e) => e.tipo === 'comune');
    expect(comuni).toHaveLength(50);
    for (const e of comuni) {
      expect(e.comune, e.name).not.toBeNull();
      expect(e.sedeFonte).toBe('nome');
    }
    expect(entities.filter((e) => e.tipo === 'comunita-montana')).toHaveLength(9);
    expect(entities.filter((e) => e.tipo === 'consorzio').map((e) => e.name)).toHaveLength(4);
  });

  test('curated seats: every entry names an entity of the document, has a reason, and resolves', () => {
    const names = new Set(entities.map((e) => e.name));
    for (const c of curatedEntities()) {
      expect(names.has(c.name), c.name).toBe(true);
      expect(c.reason.trim()).not.toBe('');
    }
    const galliano = entity('AZIENDA SPECIALE CONSORTILE GALLIANO');
    expect(galliano.comune?.nome).toBe('Cantù');
    expect(galliano.sedeFonte).toBe('curata');
    expect(galliano.sedeNota).toMatch(/Cantù/);
    const unknown = entity('AZIENDA SERVIZI COMUNALI ALLA PERSONA');
    expect([unknown.comune, unknown.province, unknown.sedeNota]).toEqual([null, null, 'sede non indicata nel documento']);
    // Every entity that is not a comune is covered by a curated entry (seat or an explicit "unknown").
    const curated = new Set(curatedEntities().map((c) => c.name));
    for (const e of entities.filter((x) => x.tipo !== 'comune')) expect(curated.has(e.name), e.name).toBe(true);
  });

  test('a curated comune that is not in the gazetteer is a located error', () => {
    expect(() => readCuratedEntities({ entities: [{ name: 'X', comune: 'Y' }] })).toThrow(SeedError);
    const bad = [{ name: 'AZIENDA ISOLA', comune: 'Atlantide', reason: 'prova' }];
    const { ctx } = createContext('seed.txt', toLines(seedText), seedCorrections());
    expect(() => parseProjectsFamily(ctx, bad)).toThrow(/Atlantide/);
  });
});

describe('Crescere Green proponenti', () => {
  test('4 proponenti, training bodies, one project each', () => {
    const p = entities.filter((e) => e.ruoli.includes('proponente'));
    expect(p.map((e) => e.name).sort()).toEqual(['ADECCO.TRAINING', 'ASSOCIAZIONE C.I.O.F.S.-F.P. LOMBARDIA', 'CE.SVI.P. LOMBARDIA SOC. COOP.', 'Randstad HR Solutions']);
    for (const e of p) {
      expect(e.tipo).toBe('ente-formazione');
      expect(e.measures).toEqual(['m7c1-i10']);
      expect(e.projects).toHaveLength(1);
    }
  });
});

describe('naming rules', () => {
  test('inserted spaces: a space survives only where every spelling has it', () => {
    const m = repairInsertedSpaces(["CONSORZIO DELL'OLGIATES E", "CONSORZIO DELL'OLGIA TESE", 'COMUNE DI X Y', 'COMUNE DI ABBIATEGRASS O', 'COMUNE DI ABBIATEGRASSO', 'COMUNE DI ABBIATEGRASSO']);
    expect(Object.fromEntries(m)).toEqual({
      "CONSORZIO DELL'OLGIATES E": "CONSORZIO DELL'OLGIATESE",
      "CONSORZIO DELL'OLGIA TESE": "CONSORZIO DELL'OLGIATESE",
      'COMUNE DI ABBIATEGRASS O': 'COMUNE DI ABBIATEGRASSO',
    });
  });

  test('truncation at 40 characters restored only when exactly one longer form starts with it', () => {
    const cut = 'AZIENDA SPECIALE CONSORTILE SERVIZI INTE';
    expect(cut).toHaveLength(40);
    expect(Object.fromEntries(restoreTruncated([cut, `${cut}GRATI`]))).toEqual({ [cut]: `${cut}GRATI` });
    expect(restoreTruncated([cut, `${cut}GRATI`, `${cut}RCOMUNALI`]).size).toBe(0);
    expect(restoreTruncated(['COMUNE DI X', 'COMUNE DI X Y']).size).toBe(0);
  });

  test('type from the legal form in the name', () => {
    expect(tipoFromName('COMUNE DI BRESCIA')).toBe('comune');
    expect(tipoFromName("COMUNITA' MONTANA VALLE SABBIA")).toBe('comunita-montana');
    expect(tipoFromName('COMUNITA MONTANA DEL PIAMBELLO')).toBe('comunita-montana');
    expect(tipoFromName('CONSORZIO SOCIALE PAVESE')).toBe('consorzio');
    expect(tipoFromName('RETESALUTE - AZIENDA SPECIALE')).toBe('azienda-consortile');
    expect(tipoFromName('SOLIDALIA')).toBe('altro');
    expect(comuneNameOf('COMUNE DI SESTO SAN GIOVANNI')).toBe('SESTO SAN GIOVANNI');
    expect(comuneNameOf('COMUNI INSIEME PER LO SVILUPPO SOCIALE A')).toBeNull();
  });
});
