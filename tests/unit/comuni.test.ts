/**
 * buildComuni: one record per comune touched by a CPI office or an entity, everything about the
 * comune taken from the gazetteer, with search aliases.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createContext } from '../../scripts/lib/context.ts';
import { toLines } from '../../scripts/lib/seed.ts';
import { findComune } from '../../scripts/lib/territory.ts';
import { buildComuni, comuneAliases, placeInCpiName } from '../../scripts/parse/comuni.ts';
import type { EntityRecord } from '../../scripts/parse/entities.ts';
import { parseProjectsFamily } from '../../scripts/parse/projects.ts';
import { comune as comuneSchema, type Comune } from '../../src/schemas/projects.ts';
import { seedCorrections } from '../golden/harness.ts';

const prov = (line: number, table: string) => ({ file: 'seed.txt', lines: [line, line] as [number, number], table, tableTitle: 't', datiAl: null, fonte: null });

function ref(name: string) {
  const c = findComune(name);
  if (!c) throw new Error(`test setup: ${name} not in the gazetteer`);
  return c;
}

describe('buildComuni on small collections', () => {
  const desenzano = ref('Desenzano del Garda');
  const cantu = ref('Cantù');
  const collections = {
    cpi: [
      { id: 'desenzano-del-garda', comune: { istat: desenzano.istat, name: desenzano.nome, source: 'nome', reason: null }, variants: [{ text: 'CPI Desenzano del Garda' }, { text: 'CPI Desenzeno del Garda' }, { text: 'CPI Desenze no del Garda' }], provenance: prov(139, 'T06') },
      { id: 'cantu', comune: { istat: cantu.istat, name: cantu.nome, source: 'nome', reason: null }, variants: [{ text: 'CPI Cantù' }], provenance: prov(148, 'T06') },
      { id: 'meda', comune: null, variants: [{ text: 'Cpi Meda' }], provenance: prov(362, 'T08') },
    ],
    entities: [
      { id: 'azienda-speciale-consortile-galliano', tipo: 'azienda-consortile', comune: { istat: cantu.istat, nome: cantu.nome, slug: cantu.slug }, variants: [{ text: 'AZIENDA SPECIALE CONSORTILE GALLIANO', lines: [647] }], projects: ['c34h22000250006', 'c34h22000240006'], provenance: prov(647, 'T16') },
    ],
  };
  const comuni = buildComuni(collections).collections.comuni as Comune[];

  test('one record per comune, with CPI, entities and their projects', () => {
    expect(comuni.map((c) => c.id)).toEqual(['cantu', 'desenzano-del-garda']);
    const c = comuni[0];
    expect([c.cpi, c.entities, c.projects]).toEqual([['cantu'], ['azienda-speciale-consortile-galliano'], ['c34h22000240006', 'c34h22000250006']]);
    expect([c.istat, c.provincia, c.sigla, c.cap]).toEqual([cantu.istat, 'como', 'CO', cantu.cap]);
    expect(c.provenance.lines).toEqual([148, 148]);
    for (const x of comuni) expect(comuneSchema.safeParse(x).success).toBe(true);
  });

  test('aliases: accent-free forms and the document\'s own spellings, without space damage', () => {
    expect(comuni[0].aliases).toEqual(['Cantu', "Cantu'"]);
    expect(comuni[1].aliases).toEqual(['Desenzeno del Garda']);
  });
});

describe('aliases and CPI names', () => {
  test('"S." for San / Sant\' / Santa', () => {
    expect(comuneAliases("Sant'Angelo Lodigiano", [])).toEqual(['S. Angelo Lodigiano']);
    expect(comuneAliases('San Donato Milanese', ['SAN DONATO MILANESE'])).toEqual(['S. Donato Milanese']);
    expect(comuneAliases("Palazzolo sull'Oglio", ["PALAZZOLO SULL'OGGIO", 'Palazzolo'])).toEqual(['Palazzolo', "PALAZZOLO SULL'OGGIO"]);
  });

  test('the place in a CPI name', () => {
    expect(placeInCpiName('CPI Edolo (distaccata di Breno)')).toBe('Edolo');
    expect(placeInCpiName('CPI Milano - Parea (sede distaccata)')).toBe('Milano');
    expect(placeInCpiName('Cpi seregno')).toBe('seregno');
    expect(placeInCpiName('Cpi Bergamo sede distaccata')).toBe('Bergamo');
  });
});

describe('buildComuni on the real seed (projects family)', () => {
  const SEEDS = join(import.meta.dirname, '../../seeds');
  const seedText = readFileSync(join(SEEDS, readdirSync(SEEDS).find((f) => f.endsWith('.txt'))!), 'utf8');
  const { ctx } = createContext('seed.txt', toLines(seedText), seedCorrections());
  const family = parseProjectsFamily(ctx);
  const entities = family.collections.entities as EntityRecord[];
  const comuni = buildComuni(family.collections).collections.comuni as Comune[];

  test('every located entity is in its comune, with all its projects', () => {
    const located = entities.filter((e) => e.comune);
    expect(comuni.flatMap((c) => c.entities).sort()).toEqual(located.map((e) => e.id).sort());
    for (const e of located) {
      const c = comuni.find((x) => x.istat === e.comune!.istat)!;
      for (const p of e.projects) expect(c.projects).toContain(p);
    }
    expect(comuni.find((c) => c.id === 'milano')!.projects).toHaveLength(15);
  });

  test('the typo spellings of the document become aliases of the real comune', () => {
    expect(comuni.find((c) => c.id === 'canneto-sull-oglio')!.aliases).toContain("CANNETO SULL'OGGIO");
    expect(comuni.find((c) => c.id === 'cesano-boscone')!.aliases).toContain('CESANO BOSCONI');
  });
});
