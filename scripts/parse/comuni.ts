/**
 * The comuni the document touches: every comune where a CPI office or an implementing entity is
 * based. Built after all families from their records (never from a hand-typed list): the comune
 * of each record comes from the gazetteer, and so do name, province, sigla and CAP.
 */
import { comuniByIstat, placeKey } from '../lib/territory.ts';
import type { FamilyResult, Provenance } from '../lib/types.ts';

interface Referrer {
  istat: string;
  provenance: Provenance;
  /** Spellings of the comune's name printed by the document in this record. */
  spellings: string[];
}

interface CpiLike {
  id: string;
  comune?: { istat: string } | null;
  variants?: { text: string }[];
  provenance: Provenance;
}

interface EntityLike {
  id: string;
  tipo: string;
  comune: { istat: string } | null;
  variants: { text: string }[];
  projects: string[];
  provenance: Provenance;
}

const stripAccents = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');

/** "Cantù" → "Cantu'": how accents are typed in upper-case lists and forms. */
const apostropheAccents = (s: string) => s.normalize('NFD').replace(/([a-zA-Z])[\u0300\u0301]/g, "$1'").normalize('NFC');

/** "San Donato" → "S. Donato", "Sant'Angelo" → "S. Angelo", "Santa Maria" → "S. Maria". */
function abbreviatedSaints(nome: string): string[] {
  const out = nome.replace(/\bSant['’]\s*/g, 'S. ').replace(/\b(San|Santa|Santo)\s+/g, 'S. ');
  return out === nome ? [] : [out];
}

/** The place written in a CPI's printed name: "CPI Desenzeno del Garda" → "Desenzeno del Garda"; "CPI Milano - Parea (sede distaccata)", "Cpi Bergamo sede distaccata" → "Milano", "Bergamo". */
export function placeInCpiName(text: string): string {
  return text
    .replace(/^\s*cpi\s+/i, '')
    .replace(/\s*\(.*$/, '')
    .replace(/\s+[-–]\s+.*$/, '')
    .replace(/\s+sede\b.*$/i, '')
    .trim();
}

/** The place in "COMUNE DI X" as printed (null for other names). */
const placeInEntityName = (text: string): string | null => /^COMUNE DI\s+(.+)$/i.exec(text.trim())?.[1] ?? null;

/**
 * Search aliases of a comune: accent-free and apostrophe-accent forms, "S." for San/Sant'/Santa,
 * and the document's own spellings when they differ from the official name by more than case,
 * accents or spacing (e.g. a misspelling, a short form). Sorted, without the official name.
 */
export function comuneAliases(nome: string, spellings: string[]): string[] {
  const base = [nome, ...abbreviatedSaints(nome)];
  const generated = base.flatMap((n) => [n, stripAccents(n), apostropheAccents(n)]);
  const printed = [...spellings]
    .filter((s) => placeKey(s) !== placeKey(nome))
    // Among spellings equal but for spaces, keep the one with fewest (inserted spaces are extraction damage).
    .sort((a, b) => a.split(/\s+/).length - b.split(/\s+/).length || a.localeCompare(b));
  const out: string[] = [];
  const seenText = new Set<string>([nome.toLowerCase()]);
  const seenPrinted = new Set<string>();
  for (const a of generated) {
    if (seenText.has(a.toLowerCase())) continue;
    seenText.add(a.toLowerCase());
    out.push(a);
  }
  for (const a of printed) {
    const k = placeKey(a);
    if (seenPrinted.has(k) || seenText.has(a.toLowerCase())) continue;
    seenPrinted.add(k);
    seenText.add(a.toLowerCase());
    out.push(a);
  }
  return out.sort((a, b) => a.localeCompare(b, 'it'));
}

/**
 * One record per comune that a CPI office (`cpi`) or an entity (`entities`) is based in.
 * Runs after every family; a comune whose ISTAT code is not in the gazetteer is a programming
 * error upstream (families take codes from the same gazetteer), so it throws.
 */
export function buildComuni(collections: Record<string, object[]>): FamilyResult {
  const gazetteer = comuniByIstat();
  const cpi = (collections.cpi ?? []) as CpiLike[];
  const entities = (collections.entities ?? []) as EntityLike[];

  const acc = new Map<string, { refs: Referrer[]; cpi: Set<string>; entities: Set<string>; projects: Set<string> }>();
  const slot = (istat: string) => {
    if (!gazetteer.has(istat)) throw new Error(`comune ${istat} is not a comune of Lombardia in the gazetteer`);
    let s = acc.get(istat);
    if (!s) acc.set(istat, (s = { refs: [], cpi: new Set(), entities: new Set(), projects: new Set() }));
    return s;
  };
  for (const c of cpi) {
    if (!c.comune) continue;
    const s = slot(c.comune.istat);
    s.cpi.add(c.id);
    s.refs.push({ istat: c.comune.istat, provenance: c.provenance, spellings: (c.variants ?? []).map((v) => placeInCpiName(v.text)).filter(Boolean) });
  }
  for (const e of entities) {
    if (!e.comune) continue;
    const s = slot(e.comune.istat);
    s.entities.add(e.id);
    e.projects.forEach((p) => s.projects.add(p));
    const spellings = e.tipo === 'comune' ? e.variants.map((v) => placeInEntityName(v.text)).filter((x): x is string => !!x) : [];
    s.refs.push({ istat: e.comune.istat, provenance: e.provenance, spellings });
  }

  const comuni = [...acc].map(([istat, s]) => {
    const g = gazetteer.get(istat)!;
    const first = [...s.refs].sort((a, b) => a.provenance.lines[0] - b.provenance.lines[0])[0];
    return {
      id: g.slug,
      nome: g.nome,
      istat,
      provincia: g.provinciaSlug,
      provinciaNome: g.provincia,
      sigla: g.sigla,
      cap: [...g.cap].sort(),
      cpi: [...s.cpi].sort(),
      entities: [...s.entities].sort(),
      projects: [...s.projects].sort(),
      aliases: comuneAliases(g.nome, s.refs.flatMap((r) => r.spellings)),
      provenance: first.provenance,
    };
  });
  comuni.sort((a, b) => a.id.localeCompare(b.id));
  return { tables: [], collections: { comuni }, checks: [] };
}
