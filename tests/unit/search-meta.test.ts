/**
 * What the entity pages add to the search index (src/lib/search/aliases.ts, meta.ts, comuni.ts):
 * the spellings Pagefind cannot relate by itself, filter values, the detail line — on small
 * inputs and on the real collections of this edition.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apostropheAccents, nameAliases, saintForms, uniqueAliases } from '../../src/lib/search/aliases.ts';
import { comuneSearchMeta, cpiMeasureCodes, cpiSearchMeta, entitySearchMeta, measureSearchMeta, projectSearchMeta, provinceSearchMeta } from '../../src/lib/search/meta.ts';
import { groupByInitial, initialOf } from '../../src/lib/search/comuni.ts';
import { EXACT_BUCKETS, exactComuneValue, exactFilterEntries, exactFilterName, nameKey, nameKeys, promoteExact } from '../../src/lib/search/rank.ts';
import type { Comune, Entity, Project } from '../../src/schemas/projects.ts';
import type { Cpi, Province } from '../../src/schemas/cpi.ts';
import type { Measure } from '../../src/schemas/measures.ts';

function data<T>(name: string): T[] {
  const p = join(process.cwd(), 'content/data', `${name}.json`);
  if (!existsSync(p)) throw new Error(`content/data/${name}.json is missing: run \`npm run normalize\``);
  return JSON.parse(readFileSync(p, 'utf8')) as T[];
}

describe('aliases', () => {
  it('saints both ways: "S. Angelo" ↔ "Sant\'Angelo", "S. Donato" ↔ "San Donato"', () => {
    expect(saintForms('CPI S. Angelo Lodigiano')).toEqual(expect.arrayContaining(["CPI Sant'Angelo Lodigiano", 'CPI Sant Angelo Lodigiano']));
    expect(saintForms("Sant'Angelo Lodigiano")).toEqual(expect.arrayContaining(['S. Angelo Lodigiano', 'Sant Angelo Lodigiano']));
    expect(saintForms('Sant’Angelo Lodigiano')).toEqual(expect.arrayContaining(['S. Angelo Lodigiano']));
    expect(saintForms('San Donato Milanese')).toEqual(['S. Donato Milanese']);
    expect(saintForms('S. Donato Milanese')).toEqual(expect.arrayContaining(['San Donato Milanese', 'Santa Donato Milanese']));
    expect(saintForms('Seregno')).toEqual([]);
    // "Santa" inside a word is not a saint.
    expect(saintForms('Santambrogio')).toEqual([]);
  });

  it('accents as apostrophes and without accents', () => {
    expect(apostropheAccents('Salò')).toBe("Salo'");
    expect(apostropheAccents('Cantù')).toBe("Cantu'");
    expect(nameAliases('Salò')).toEqual(["Salo'", 'Salo']);
  });

  it('never repeats the name or an alias (ignoring case and spaces)', () => {
    expect(nameAliases('Seregno')).toEqual([]);
    expect(uniqueAliases(['A  b', 'a b', ' ', null, 'C'], ['c'])).toEqual(['A b']);
  });
});

describe('metadata of each page type on the real collections', () => {
  const comuni = data<Comune>('comuni');
  const cpi = data<Cpi>('cpi');
  const entities = data<Entity>('entities');
  const projects = data<Project>('projects');
  const measures = data<Measure>('measures');
  const provinces = data<Province>('provinces');
  const comuneByIstat = new Map(comuni.map((c) => [c.istat, c]));

  it('every CPI belongs to the measure whose tables name it', () => {
    const problems = cpi.filter((c) => cpiMeasureCodes(c, measures).length === 0).map((c) => c.slug);
    expect(problems).toEqual([]);
    const codes = new Set(cpi.flatMap((c) => cpiMeasureCodes(c, measures)));
    expect(codes.size).toBe(1);
  });

  it('the CPI printed "S. Angelo Lodigiano" is also indexed as "Sant\'Angelo Lodigiano" (its comune in the gazetteer)', () => {
    const sa = cpi.filter((c) => /\bS\.\s*Angelo\b/.test(c.name));
    expect(sa.length).toBeGreaterThan(0);
    for (const c of sa) {
      const m = cpiSearchMeta(c, { comune: c.comune ? comuneByIstat.get(c.comune.istat) : null, measures, parentName: c.parentName });
      expect(m.aliases.join(' | ')).toMatch(/Sant'Angelo Lodigiano/);
      expect(m.dettaglio).toMatch(/sede distaccata/);
    }
  });

  it('every CPI with a comune has that comune among its aliases or name', () => {
    const problems: string[] = [];
    for (const c of cpi) {
      if (!c.comune) continue;
      const m = cpiSearchMeta(c, { comune: comuneByIstat.get(c.comune.istat), measures });
      if (![c.name, ...m.aliases].some((a) => a.includes(c.comune!.name))) problems.push(c.slug);
    }
    expect(problems).toEqual([]);
  });

  it('comune pages: aliases of the normaliser kept, measures of their CPI and projects as filter values', () => {
    const salo = comuni.find((c) => c.nome === 'Salò');
    expect(salo).toBeDefined();
    const m = comuneSearchMeta(salo!, { projectMeasures: [], cpiMeasures: ['M5C1 I1.1'] });
    expect(m.aliases).toEqual(expect.arrayContaining(['Salo', "Salo'"]));
    expect(m.misure).toEqual(['M5C1 I1.1']);
    expect(m.dettaglio).toMatch(/^\(BS\) 1 centro per l'impiego$/);
    for (const c of comuni) {
      const meta = comuneSearchMeta(c, { projectMeasures: [], cpiMeasures: [] });
      expect(meta.aliases).toEqual(expect.arrayContaining(c.aliases.filter((a) => a.toLowerCase() !== c.nome.toLowerCase())));
      expect(meta.aliases.map((a) => a.toLowerCase())).not.toContain(c.nome.toLowerCase());
    }
  });

  it('projects carry their measure, entity and the entity\'s comune', () => {
    const byId = new Map(entities.map((e) => [e.id, e]));
    const mById = new Map(measures.map((m) => [m.id, m]));
    for (const p of projects) {
      const e = byId.get(p.entity)!;
      const comune = e.comune ? comuneByIstat.get(e.comune.istat) : null;
      const m = projectSearchMeta(p, { entity: e, comune, measureCode: mById.get(p.measure)!.code });
      expect(m.misure).toEqual([mById.get(p.measure)!.code]);
      expect(m.dettaglio).toContain(e.name);
      if (comune) expect(m.aliases).toContain(comune.nome);
    }
  });

  it('entities: variants are not repeated, the seat is an alias', () => {
    const e = entities.find((x) => x.comune && x.tipo !== 'comune');
    expect(e).toBeDefined();
    const m = entitySearchMeta(e!, { comune: comuneByIstat.get(e!.comune!.istat), measureCodes: ['X'] });
    expect(m.aliases).toContain(e!.comune!.nome);
    for (const v of e!.variants) expect(m.aliases.map((a) => a.toLowerCase())).not.toContain(v.text.toLowerCase());
  });

  it('measures: the code written other ways, and the bare number', () => {
    const hf = measures.find((m) => /housing first/i.test(m.title))!;
    const m = measureSearchMeta(hf);
    expect(m.misure).toEqual([hf.code]);
    expect(m.aliases).toEqual(expect.arrayContaining(['M5C2-I1.3.1', 'M5C2I1.3.1', '1.3.1']));
    expect(m.dettaglio).toBe(hf.title);
  });

  it('provinces: the document\'s label and the sigla', () => {
    const mi = provinces.find((p) => p.id === 'milano')!;
    const m = provinceSearchMeta(mi, { comuni: 3 });
    expect(m.aliases).toEqual(expect.arrayContaining([mi.label, mi.sigla]));
    expect(m.dettaglio).toMatch(/3 comuni nel documento$/);
  });
});

describe('exact names (rank.ts)', () => {
  it('nameKey ignores case, accents, apostrophe kinds and punctuation', () => {
    expect(nameKey('Salò')).toBe('salo');
    expect(nameKey("SALO'")).toBe('salo');
    expect(nameKey('Sant’Angelo Lodigiano')).toBe(nameKey("sant'angelo  lodigiano"));
    expect(nameKey('CPI Milano - Carchidio (sede distaccata)')).toBe('cpi milano carchidio sede distaccata');
    expect(nameKey('  ')).toBe('');
    expect(nameKeys(['B', 'a', 'A', '', null])).toEqual(['a', 'b']);
  });

  it('promoteExact is a stable partition', () => {
    expect(promoteExact([1, 2, 3, 4, 5, 6], (n) => n % 3 === 0)).toEqual([3, 6, 1, 2, 4, 5]);
    expect(promoteExact([], () => true)).toEqual([]);
  });

  it('the pages are called exactly by the names a reader types', () => {
    const comuni = data<Comune>('comuni');
    const cpi = data<Cpi>('cpi');
    const entities = data<Entity>('entities');
    const measures = data<Measure>('measures');
    const byIstat = new Map(comuni.map((c) => [c.istat, c]));
    const sa = comuni.find((c) => c.nome === "Sant'Angelo Lodigiano")!;
    const saKeys = comuneSearchMeta(sa, { projectMeasures: [], cpiMeasures: [] }).esatti;
    expect(saKeys).toEqual(expect.arrayContaining(['sant angelo lodigiano', 's angelo lodigiano']));
    const seregnoCpi = cpi.find((c) => c.slug === 'seregno')!;
    expect(cpiSearchMeta(seregnoCpi, { measures }).esatti).toEqual(expect.arrayContaining(['cpi seregno', 'seregno']));
    const comuneDiSeregno = entities.find((e) => e.id === 'comune-di-seregno')!;
    expect(entitySearchMeta(comuneDiSeregno, { comune: byIstat.get(comuneDiSeregno.comune!.istat), measureCodes: [] }).esatti).toEqual(
      expect.arrayContaining(['comune di seregno', 'seregno']),
    );
    // A consortium is not called by the name of the town it sits in.
    const consortium = entities.find((e) => e.tipo !== 'comune' && e.comune)!;
    expect(entitySearchMeta(consortium, { comune: byIstat.get(consortium.comune!.istat), measureCodes: [] }).esatti).not.toContain(nameKey(consortium.comune!.nome));
    const hf = measures.find((m) => /housing first/i.test(m.title))!;
    expect(measureSearchMeta(hf).esatti).toEqual(expect.arrayContaining(['housing first', nameKey(hf.code)]));
  });

  it('a key always falls in the same one of the exact-name filters, whatever else is indexed', () => {
    const names = new Set<string>();
    for (let i = 0; i < 2000; i++) names.add(exactFilterName(`comune ${i}`));
    // Every bucket is used, and only the EXACT_BUCKETS names "esatto-00" … exist.
    expect(names.size).toBe(EXACT_BUCKETS);
    for (const n of names) expect(n).toMatch(/^esatto-\d{2}$/);
    // Fixed values: the pages and the browser script compute the same bucket (FNV-1a, not a
    // per-process hash); a change here means a change of the index layout, on purpose.
    expect(exactFilterName('milano')).toBe(exactFilterName(nameKey('MILANO')));
    expect(['milano', 'seregno', 'd74h22000340001'].map(exactFilterName)).toEqual(['esatto-51', 'esatto-42', 'esatto-00']);
  });

  it("a comune's own page files its names twice in their bucket, once marked as the comune's", () => {
    expect(exactFilterEntries(['seregno', 'cpi seregno', 'seregno'])).toEqual(
      [
        [exactFilterName('cpi seregno'), 'cpi seregno'],
        [exactFilterName('seregno'), 'seregno'],
      ].sort((a, b) => `${a[0]}:${a[1]}`.localeCompare(`${b[0]}:${b[1]}`)),
    );
    expect(exactFilterEntries(['seregno'], { comune: true })).toEqual([
      [exactFilterName('seregno'), 'seregno'],
      [exactFilterName('seregno'), exactComuneValue('seregno')],
    ]);
    // The marked value is never the key of a name: nameKey keeps only letters, digits, spaces.
    expect(nameKey(exactComuneValue('seregno'))).not.toBe(exactComuneValue('seregno'));
    const comuni = data<Comune>('comuni');
    const m = comuneSearchMeta(comuni[0], { projectMeasures: [], cpiMeasures: [] });
    expect(m.comune).toBe(true);
  });

  it('on the real collections, no exact-name filter holds much more than its share of the keys', () => {
    const keys = new Set<string>();
    for (const c of data<Comune>('comuni')) for (const k of comuneSearchMeta(c, { projectMeasures: [], cpiMeasures: [] }).esatti) keys.add(k);
    for (const e of data<Entity>('entities')) for (const k of entitySearchMeta(e, { measureCodes: [] }).esatti) keys.add(k);
    for (const p of data<Project>('projects')) keys.add(nameKey(p.cup));
    const counts = new Map<string, number>();
    for (const k of keys) counts.set(exactFilterName(k), (counts.get(exactFilterName(k)) ?? 0) + 1);
    const fair = keys.size / EXACT_BUCKETS;
    expect(Math.max(...counts.values())).toBeLessThan(3 * fair + 10);
  });
});

describe('A–Z index', () => {
  it('initial letters ignore accents and case', () => {
    expect(initialOf('Èrba')).toBe('E');
    expect(initialOf(' zogno')).toBe('Z');
    expect(initialOf("'Ndrangheta")).toBe('#');
  });

  it('groups are in alphabetical order, names in Italian order, nothing lost', () => {
    const names = ['Seregno', 'Salò', 'Sant’Angelo Lodigiano', 'Albino', 'Éupilio', 'abbiategrasso', '3 Valli'];
    const g = groupByInitial(names, (n) => n);
    expect(g.map((x) => x.letter)).toEqual(['A', 'E', 'S', '#']);
    expect(g[0].items).toEqual(['abbiategrasso', 'Albino']);
    expect(g.flatMap((x) => x.items).sort()).toEqual([...names].sort());
  });

  it('covers every comune of the edition', () => {
    const comuni = data<Comune>('comuni');
    const g = groupByInitial(comuni, (c) => c.nome);
    expect(g.reduce((n, x) => n + x.items.length, 0)).toBe(comuni.length);
  });
});
