/**
 * Columns and rows of the record lists the site paginates (projects, entities, comuni), shared
 * by a record's page, which shows the first page of each list, and the list pages that show the
 * others (src/lib/pagination.ts): the same columns on every page of a list. Pure: lookups come
 * in as functions, so a dangling reference stops the build where the caller says.
 */
import { projectTotals, sumCell } from './aggregate.ts';
import { links } from './links.ts';
import { escapedLength, MAX_TITLE } from './text.ts';
import { ENTITY_TIPO_LABEL } from './search/comuni.ts';
import type { Column, Row } from './table.ts';
import type { Comune, Entity, Project } from '../schemas/projects.ts';
import type { Province } from '../schemas/cpi.ts';

/** Optional columns of a projects table (the CUP always comes first and names the row). */
export type ProjectField = 'misura' | 'ente' | 'importo' | 'spese' | 'quota';

const PROJECT_COLUMNS: Record<'cup' | ProjectField, Column> = {
  cup: { key: 'cup', label: 'CUP', rowHeader: true },
  misura: { key: 'misura', label: 'Misura' },
  ente: { key: 'ente', label: 'Ente' },
  importo: { key: 'importo', label: 'Importo finanziato', kind: 'euro' },
  spese: { key: 'spese', label: 'Spese realizzate', kind: 'euro' },
  quota: { key: 'quota', label: 'Quota spesa (calcolata)', kind: 'percentuale' },
};

/** The CUP column, then `fields` in the order given. */
export function projectColumns(fields: readonly ProjectField[]): Column[] {
  return [PROJECT_COLUMNS.cup, ...fields.map((f) => PROJECT_COLUMNS[f])];
}

/** How a projects table names what a project refers to. */
export interface ProjectNames {
  /** Display name of the project's entity. */
  entity: (p: Project) => string;
  /** Code of a measure by id ("M5C2 I1.2"). */
  measure: (id: string) => string;
}

/** One project as a row: every cell a projects table can show, with its seed lines. */
export function projectRow(p: Project, names: ProjectNames): Row {
  return {
    lines: p.provenance.lines,
    cells: {
      cup: { text: p.cup, href: links.progetto(p.id) },
      misura: { text: names.measure(p.measure), href: links.misura(p.measure) },
      ente: { text: names.entity(p), href: links.ente(p.entity) },
      importo: p.importo,
      spese: p.spese,
      quota: p.percentualeSpesa,
    },
  };
}

/** Lookups the entity lists need. */
export interface EntityLookups {
  /** The projects of an entity (its `projects` ids resolved). */
  projectsOf: (e: Entity) => Project[];
  province: (id: string) => Province | undefined;
}

/** /enti/: the A–Z index of entities, with seat, province, projects and amounts. */
export const ENTITY_INDEX_COLUMNS: Column[] = [
  { key: 'ente', label: 'Ente', rowHeader: true },
  { key: 'sede', label: 'Comune' },
  { key: 'provincia', label: 'Provincia' },
  { key: 'progetti', label: 'Progetti', kind: 'numero' },
  { key: 'importo', label: 'Importo finanziato', kind: 'euro' },
  { key: 'spese', label: 'Spese realizzate', kind: 'euro' },
];

export function entityIndexRow(e: Entity, l: EntityLookups): Row {
  const t = projectTotals(l.projectsOf(e));
  const pr = e.province ? l.province(e.province) : undefined;
  return {
    cells: {
      ente: { text: e.name, href: links.ente(e.id) },
      sede: e.comune?.nome ?? 'non indicato',
      provincia: pr ? { text: pr.name, href: links.provincia(pr.id) } : 'non indicata',
      progetti: t.count,
      importo: sumCell(t.importo),
      spese: sumCell(t.spese, 'nessuna spesa'),
    },
  };
}

/** A province's page: the entities based in the province. */
export const PROVINCE_ENTITY_COLUMNS: Column[] = [
  { key: 'ente', label: 'Ente', rowHeader: true },
  { key: 'comune', label: 'Comune' },
  { key: 'progetti', label: 'Progetti', kind: 'numero' },
  { key: 'importo', label: 'Importo finanziato', kind: 'euro' },
  { key: 'spese', label: 'Spese realizzate', kind: 'euro' },
];

export function provinceEntityRow(e: Entity, projects: readonly Project[]): Row {
  const t = projectTotals(projects);
  return {
    cells: {
      ente: { text: e.name, href: links.ente(e.id) },
      comune: e.comune?.nome ?? '',
      progetti: t.count,
      importo: sumCell(t.importo),
      spese: sumCell(t.spese),
    },
  };
}

/** A comune's page: the entities based in the comune, and how the document says so. */
export const COMUNE_ENTITY_COLUMNS: Column[] = [
  { key: 'ente', label: 'Ente', rowHeader: true },
  { key: 'tipo', label: 'Tipo' },
  { key: 'sede', label: 'Come si sa che ha sede qui' },
  { key: 'progetti', label: 'Progetti', kind: 'numero' },
];

export function comuneEntityRow(e: Entity): Row {
  return {
    cells: {
      ente: { text: e.name, href: links.ente(e.id) },
      tipo: ENTITY_TIPO_LABEL[e.tipo],
      sede: e.sedeFonte === 'nome' ? 'dal nome dell’ente' : e.sedeNota,
      progetti: e.projects.length,
    },
  };
}

/** /comuni/: the A–Z index of comuni. */
export const COMUNE_INDEX_COLUMNS: Column[] = [
  { key: 'comune', label: 'Comune', rowHeader: true },
  { key: 'provincia', label: 'Provincia' },
  { key: 'cpi', label: "Centri per l'impiego", kind: 'numero' },
  { key: 'enti', label: 'Enti con sede qui', kind: 'numero' },
  { key: 'progetti', label: 'Progetti', kind: 'numero' },
  { key: 'importo', label: 'Importo finanziato', kind: 'euro' },
];

export function comuneIndexRow(c: Comune, projects: readonly Project[], province: Province | undefined): Row {
  const t = projectTotals(projects);
  return {
    cells: {
      comune: { text: c.nome, href: links.comune(c.id) },
      provincia: province ? { text: `${province.name} (${c.sigla})`, href: links.provincia(province.id) } : `${c.provinciaNome} (${c.sigla})`,
      cpi: c.cpi.length,
      enti: c.entities.length,
      progetti: t.count,
      importo: t.count ? t.importo.sum : null,
    },
  };
}

/** Anchor of a letter of an A–Z index ("C" → "lettera-c", "#" → "lettera-altro"). */
export function letterAnchor(letter: string): string {
  return `lettera-${letterSlug(letter)}`;
}

/** "C" → "c", "#" (names not starting with a letter) → "altro". */
export function letterSlug(letter: string): string {
  return letter === '#' ? 'altro' : letter.toLowerCase();
}

/**
 * Title of a list page: "<name>: <what>" ("COMUNE DI MILANO: progetti, pagina 2"), with the name
 * shortened at a word ("…") so that the whole <title>, " · <site>" included and counted as
 * written in HTML (html-validate's long-title rule counts "&#39;" as five characters), stays
 * within MAX_TITLE — and "pagina <n>", which tells the pages apart, is never cut.
 */
export function listPageTitle(name: string, what: string, site = 'PNRR Lombardia'): string {
  const room = MAX_TITLE - escapedLength(` · ${site}`) - escapedLength(`: ${what}`);
  if (escapedLength(name) <= room) return `${name}: ${what}`;
  let cut = name;
  while (cut.length > 0 && escapedLength(`${cut}…`) > room) cut = cut.slice(0, -1);
  const atWord = cut.replace(/\s+\S*$/, '');
  const short = (atWord.length >= cut.length / 2 ? atWord : cut).replace(/[\s,;:–—'-]+$/, '');
  return `${short}…: ${what}`;
}
