/**
 * The synthetic-edition generator of the scale benchmark (bench/generate.ts): at ×1 it gives back
 * the normaliser's output byte for byte (so its derived collections are computed like the
 * normaliser's); at ×N every record is valid, every reference resolves, shapes are kept, names and
 * CUPs look real; same seed, same bytes.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { stableStringify } from '../../scripts/lib/json.ts';
import { comuniOf } from '../../scripts/lib/territory.ts';
import { tipoFromName } from '../../scripts/parse/entities.ts';
import type { Entity, Project } from '../../src/schemas/projects.ts';
import {
  generateEdition,
  loadTemplate,
  prng,
  referenceProblems,
  scaleValue,
  schemaProblems,
  writeJsonArray,
  type EditionData,
} from '../../bench/generate.ts';

const SEEDS = join(import.meta.dirname, '../../seeds');
const FACTOR = 3;
let template: EditionData;
let x3: EditionData;

beforeAll(() => {
  template = loadTemplate({ seedsDir: SEEDS });
  x3 = generateEdition(template, { factor: FACTOR, seed: 7 });
});

const projectsOf = (d: EditionData) => d.collections.projects as Project[];
const entitiesOf = (d: EditionData) => d.collections.entities as Entity[];

describe('generateEdition', () => {
  test('×1 is the normalised edition itself, byte for byte (comuni and project tables rebuilt the normaliser’s way)', () => {
    const x1 = generateEdition(template, { factor: 1, seed: 7 });
    for (const [name, records] of Object.entries(template.collections)) {
      expect(stableStringify(x1.collections[name]), name).toBe(stableStringify(records));
    }
  });

  test('does not modify the template', () => {
    const before = stableStringify(template.collections);
    generateEdition(template, { factor: 2, seed: 1 });
    expect(stableStringify(template.collections)).toBe(before);
  });

  test(`×${FACTOR}: projects and entities multiplied, other collections untouched`, () => {
    expect(projectsOf(x3)).toHaveLength(projectsOf(template).length * FACTOR);
    expect(entitiesOf(x3)).toHaveLength(entitiesOf(template).length * FACTOR);
    for (const name of ['measures', 'cpi', 'provinces', 'cpiPlan', 'golAvvisi']) {
      expect(stableStringify(x3.collections[name]), name).toBe(stableStringify(template.collections[name]));
    }
    expect(x3.collections.comuni.length).toBeGreaterThan(template.collections.comuni.length);
  });

  test('every record is valid against its zod schema and every cross-reference resolves', () => {
    expect(schemaProblems(x3.collections)).toEqual([]);
    expect(referenceProblems(x3.collections)).toEqual([]);
  });

  test('CUPs are new, unique and in the CUP format; ids are the CUP in lower case', () => {
    const cups = projectsOf(x3).map((p) => p.cup);
    expect(new Set(cups).size).toBe(cups.length);
    for (const p of projectsOf(x3)) {
      expect(p.cup).toMatch(/^[A-Z][0-9]{2}[A-Z][0-9]{11}$/);
      expect(p.id).toBe(p.cup.toLowerCase());
    }
  });

  test('keeps the shape: the same distribution of projects per entity, measures and indicator columns', () => {
    const histogram = (d: EditionData) => {
      const h = new Map<number, number>();
      for (const e of entitiesOf(d)) h.set(e.projects.length, (h.get(e.projects.length) ?? 0) + 1);
      return [...h].sort((a, b) => a[0] - b[0]).map(([k, n]) => [k, n / entitiesOf(d).length]);
    };
    expect(histogram(x3)).toEqual(histogram(template));
    const perMeasure = (d: EditionData) => {
      const m = new Map<string, number>();
      for (const p of projectsOf(d)) m.set(p.measure, (m.get(p.measure) ?? 0) + 1);
      return Object.fromEntries([...m].sort());
    };
    const real = perMeasure(template);
    expect(perMeasure(x3)).toEqual(Object.fromEntries(Object.entries(real).map(([k, n]) => [k, n * FACTOR])));
    const real0 = projectsOf(template)[0];
    const sibling = projectsOf(x3)[projectsOf(template).length];
    expect(sibling.indicators.map((i) => i.nome)).toEqual(real0.indicators.map((i) => i.nome));
  });

  test('synthetic entities have plausible names over real Lombard comuni, and the legal form their name implies', () => {
    const lombard = new Map(comuniOf().map((c) => [c.istat, c]));
    const synthetic = entitiesOf(x3).slice(entitiesOf(template).length);
    for (const e of synthetic) {
      if (e.comune) {
        const c = lombard.get(e.comune.istat);
        expect(c, e.name).toBeDefined();
        expect(e.comune.nome).toBe(c!.nome);
        expect(e.province).toBe(c!.provinciaSlug);
      }
      // ente-formazione is a curated form in the real data (no naming rule gives it).
      if (e.tipo !== 'ente-formazione') expect(tipoFromName(e.name), e.name).toBe(e.tipo);
      if (e.tipo === 'comune') expect(e.name).toBe(`COMUNE DI ${e.comune!.nome.toLocaleUpperCase('it-IT')}`);
    }
    expect(synthetic.some((e) => /^AZIENDA SPECIALE CONSORTILE /.test(e.name))).toBe(true);
    expect(new Set(entitiesOf(x3).map((e) => e.id)).size).toBe(entitiesOf(x3).length);
  });

  test('beyond the ~1,500 Lombard comuni, comune-led entities become unions of comuni (still valid)', () => {
    const x40 = generateEdition(template, { factor: 40, seed: 3 });
    const comuni = entitiesOf(x40).filter((e) => e.tipo === 'comune');
    expect(new Set(comuni.map((e) => e.comune!.istat)).size).toBe(comuni.length);
    expect(entitiesOf(x40).some((e) => e.name.startsWith('UNIONE DEI COMUNI '))).toBe(true);
    expect(referenceProblems(x40.collections)).toEqual([]);
  });

  test('deterministic: same seed, same bytes; another seed, other data', () => {
    const again = generateEdition(template, { factor: FACTOR, seed: 7 });
    expect(stableStringify(again.collections)).toBe(stableStringify(x3.collections));
    const other = generateEdition(template, { factor: FACTOR, seed: 8 });
    expect(stableStringify(other.collections.projects)).not.toBe(stableStringify(x3.collections.projects));
  });

  test('rejects a factor below 1', () => {
    expect(() => generateEdition(template, { factor: 0 })).toThrow(/factor/);
  });
});

describe('checks and helpers', () => {
  test('referenceProblems finds a dangling project reference and an entity listing a foreign project', () => {
    const c = structuredClone(x3.collections);
    (c.projects as Project[])[0].entity = 'nessuno';
    const problems = referenceProblems(c);
    expect(problems.some((p) => p.includes('entity nessuno missing'))).toBe(true);
    expect(problems.some((p) => /belongs to nessuno/.test(p))).toBe(true);
  });

  test('schemaProblems reports an invalid record with its path', () => {
    const c = structuredClone(x3.collections);
    (c.projects as Project[])[0].cup = 'not a cup';
    expect(schemaProblems(c)[0]).toMatch(/^projects\/.*: cup: /);
  });

  test('scaleValue keeps markers and prints like the document', () => {
    expect(scaleValue({ value: null, status: 'nd', raw: '#N/D' }, 2)).toEqual({ value: null, status: 'nd', raw: '#N/D' });
    expect(scaleValue({ value: 1000.5, status: 'valido', raw: '1.000,50 €' }, 1000)).toEqual({ value: 1000500, status: 'valido', raw: '1.000.500,00 €' });
    expect(scaleValue({ value: 40, status: 'valido', raw: '40' }, 1.26)).toEqual({ value: 50, status: 'valido', raw: '50' });
    expect(scaleValue({ value: 2.5, status: 'valido', raw: '2,5' }, 2)).toEqual({ value: 5, status: 'valido', raw: '5,0' });
  });

  test('prng is deterministic and in [0, 1)', () => {
    const a = prng(42);
    const b = prng(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  test('writeJsonArray writes what stableStringify writes, record by record', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-json-'));
    try {
      for (const records of [[], [{ b: 1, a: [1, { d: null, c: 'x' }] }], projectsOf(template).slice(0, 5)]) {
        const f = join(dir, 'x.json');
        writeJsonArray(f, records);
        expect(readFileSync(f, 'utf8')).toBe(stableStringify(records) + '\n');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
