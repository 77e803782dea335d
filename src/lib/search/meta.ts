/**
 * What each entity page gives the search index beyond its visible text (rendered by
 * src/components/search/SearchMeta.astro): aliases, the `misura` filter values, the `provincia`
 * filter when the page does not tag a visible element, the one-line detail shown under the
 * result's title, and the exact-name keys (the names the page is called by, see rank.ts).
 * Pure: records in, props out; pages look the records up and pass them.
 */
import type { Comune, Entity, Project } from '../../schemas/projects.ts';
import type { Cpi, Province } from '../../schemas/cpi.ts';
import type { Measure } from '../../schemas/measures.ts';
import { plural } from '../format.ts';
import { nameAliases, uniqueAliases } from './aliases.ts';
import { nameKeys } from './rank.ts';

export interface SearchMetaProps {
  /** Other spellings, indexed as hidden text. */
  aliases: string[];
  /** Values of the `misura` filter (measure codes). */
  misure: string[];
  /** Value of the `provincia` filter, for pages without a tagged province element. */
  provincia: string | null;
  /** One line shown under the result's title. */
  dettaglio: string | null;
  /** The code the page is known by (measures), weighed like a title by /cerca/. */
  codice?: string | null;
  /** Exact-name keys (rank.ts nameKey) of the names the page is called by, filed in the exact-name filters. */
  esatti: string[];
  /** The page is a comune's own page: its names put it before every other exact match (rank.ts). */
  comune?: boolean;
}

type MeasureLike = Pick<Measure, 'id' | 'code' | 'tables'>;

/** Codes of the measures whose tables name a CPI (the CPI measure, found from the data, not by id). */
export function cpiMeasureCodes(cpi: Pick<Cpi, 'tables'>, measures: readonly MeasureLike[]): string[] {
  const tables = new Set(cpi.tables.map((t) => t.table));
  return measures.filter((m) => m.tables.some((t) => tables.has(t))).map((m) => m.code);
}

/** Names of a comune: official, the normaliser's aliases (accent-free, "S." forms, the document's spellings), ours. */
function comuneNames(c: Pick<Comune, 'nome' | 'aliases'> | null | undefined): string[] {
  return c ? [c.nome, ...c.aliases, ...nameAliases(c.nome)] : [];
}

/**
 * A comune page: the comune's aliases; `misura` = the measures of its projects and of its CPI
 * offices. The page tags its province link itself. Called exactly by any of its names.
 */
export function comuneSearchMeta(c: Comune, o: { projectMeasures: readonly string[]; cpiMeasures: readonly string[] }): SearchMetaProps {
  const parts = [
    c.cpi.length ? plural(c.cpi.length, "centro per l'impiego", "centri per l'impiego") : null,
    c.entities.length ? plural(c.entities.length, 'ente attuatore', 'enti attuatori') : null,
    c.projects.length ? plural(c.projects.length, 'progetto', 'progetti') : null,
  ].filter(Boolean);
  return {
    aliases: uniqueAliases([...c.aliases, ...nameAliases(c.nome)], [c.nome]),
    misure: [...new Set([...o.cpiMeasures, ...o.projectMeasures])],
    provincia: null,
    dettaglio: `${c.sigla ? `(${c.sigla}) ` : ''}${parts.join(', ') || 'nessun ufficio o ente nel documento'}`,
    esatti: nameKeys(comuneNames(c)),
    comune: true,
  };
}

/** "CPI Milano - Carchidio (sede distaccata)" → "Milano - Carchidio (sede distaccata)". */
const withoutCpi = (name: string) => name.replace(/^\s*CPI\s+/i, '');

/**
 * A CPI page: aliases of its name and of its comune (the document prints "CPI S. Angelo
 * Lodigiano", a reader types "Sant'Angelo"); `misura` from the tables that name it. Called
 * exactly by its name, with or without "CPI".
 */
export function cpiSearchMeta(cpi: Cpi, o: { comune?: Comune | null; measures: readonly MeasureLike[]; parentName?: string | null }): SearchMetaProps {
  const place = cpi.comune?.name ?? null;
  const names = [cpi.name, ...nameAliases(cpi.name)];
  return {
    aliases: uniqueAliases([...nameAliases(cpi.name), ...comuneNames(o.comune), place], [cpi.name]),
    misure: cpiMeasureCodes(cpi, o.measures),
    provincia: null,
    dettaglio: [cpi.kind === 'sede distaccata' ? `sede distaccata${o.parentName ? ` di ${o.parentName}` : ''}` : 'sede centrale', place ? `a ${place}` : null]
      .filter(Boolean)
      .join(' '),
    esatti: nameKeys([...names, ...names.map(withoutCpi)]),
  };
}

/**
 * An entity page: aliases of its name and of the comune it is based in; `misura` of its
 * projects. Called exactly by its name and printed variants; a "COMUNE DI SEREGNO" also by
 * "Seregno" (a reader typing the town means it too).
 */
export function entitySearchMeta(e: Entity, o: { comune?: Comune | null; measureCodes: readonly string[] }): SearchMetaProps {
  const seat = o.comune?.nome ?? e.comune?.nome ?? null;
  return {
    aliases: uniqueAliases([...nameAliases(e.name), ...e.variants.flatMap((v) => nameAliases(v.text)), ...comuneNames(o.comune)], [e.name, ...e.variants.map((v) => v.text)]),
    misure: [...o.measureCodes],
    provincia: null,
    dettaglio: [seat ? `sede a ${seat}` : null, plural(e.projects.length, 'progetto', 'progetti')].filter(Boolean).join(', '),
    esatti: nameKeys([e.name, ...nameAliases(e.name), ...e.variants.map((v) => v.text), ...(e.tipo === 'comune' ? comuneNames(o.comune) : [])]),
  };
}

/**
 * A project page: the entity's printed name, its canonical name and seat as hidden text, so
 * "Seregno" finds the projects of the Comune di Seregno; `misura` = its measure. Called
 * exactly by its CUP.
 */
export function projectSearchMeta(p: Project, o: { entity: Entity; comune?: Comune | null; measureCode: string }): SearchMetaProps {
  return {
    aliases: uniqueAliases([p.nomeStampato, ...nameAliases(o.entity.name), ...comuneNames(o.comune)], [o.entity.name]),
    misure: [o.measureCode],
    provincia: null,
    dettaglio: `${o.entity.name} · ${o.measureCode}`,
    esatti: nameKeys([p.cup, `CUP ${p.cup}`]),
  };
}

/**
 * A measure page: its code written the ways people write it ("M5C2 I1.3.1", "M5C2-I1.3.1",
 * "1.3.1"). Called exactly by its title, its code or its number.
 */
export function measureSearchMeta(m: Pick<Measure, 'code' | 'title'>): SearchMetaProps {
  const number = /[IR](\d+(?:\.\d+)*)$/.exec(m.code)?.[1] ?? null;
  const aliases = uniqueAliases([m.code.replace(/\s+/, '-'), m.code.replace(/\s+/g, ''), number, number ? `investimento ${number}` : null], [m.code]);
  return {
    aliases,
    misure: [m.code],
    provincia: null,
    dettaglio: m.title,
    codice: m.code,
    esatti: nameKeys([m.title, m.code, ...aliases]),
  };
}

/** A province page: the document's own label ("Città Metropolitana di Milano") and its sigla. */
export function provinceSearchMeta(p: Province, o: { comuni: number }): SearchMetaProps {
  return {
    aliases: uniqueAliases([p.label, p.sigla, ...nameAliases(p.name)], [p.name]),
    misure: [],
    provincia: null,
    dettaglio: `${plural(p.cpi.length, "centro per l'impiego", "centri per l'impiego")}, ${plural(o.comuni, 'comune', 'comuni')} nel documento`,
    esatti: nameKeys([p.name, p.label, `provincia di ${p.name}`, ...nameAliases(p.name)]),
  };
}
