/**
 * What each entity page shows, as records by collection — the one definition shared by the
 * per-page downloads (dati/<scope>/<slug>/…) and by pages that want to list exactly the rows
 * they offer for download. Pure: a function of the collections and the document's tables.
 *
 * - misura/<id>: the measure's record and every row of the document tables it lists;
 * - provincia/<id>: the province, its CPI, their target rows, the plan rows that name them or cover the
 *   whole province, the entities based there and their projects;
 * - cpi/<slug>: the office, its target rows (T08/T09) and the plan rows that name it or are shared by
 *   every office of its province or of the region (the page's own `planRowsFor`);
 * - ente/<id>: the entity and its projects;
 * - comune/<id>: the comune, the CPI and entities located there and those entities' projects;
 * - progetto/<id>: the project (with its indicators in the child table).
 */
import type { CpiPlan } from '../../schemas/cpi.ts';
import { planRowsFor } from '../aggregate.ts';
import type { OpenDataInput } from './catalog.ts';

/** Page kinds that offer downloads of their rows. */
export const SCOPES = ['misura', 'provincia', 'cpi', 'ente', 'comune', 'progetto'] as const;
/** A page kind: misura, provincia, cpi, ente, comune, progetto. */
export type Scope = (typeof SCOPES)[number];

/** One entity page: its scope, slug (the page's URL segment) and a name for labels. */
export interface PageRef {
  scope: Scope;
  slug: string;
  name: string;
}

type Rec = Record<string, unknown>;
/** Records by collection; only non-empty entries. */
export type PageRecords = Record<string, unknown[]>;

const recs = (input: OpenDataInput, name: string): Rec[] => (input.collections[name] ?? []) as Rec[];
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const idOf = (r: Rec) => str(r.id) ?? '';
const nameOf = (r: Rec) => str(r.name) ?? str(r.nome) ?? str(r.titolo) ?? str(r.title) ?? idOf(r);

/** Measure pages: one per record of the measures collection, plus any measure a table names that has no record. */
function measurePages(input: OpenDataInput): PageRef[] {
  const out = new Map<string, string>();
  const known = new Set<string>();
  for (const r of recs(input, 'measures')) {
    out.set(idOf(r), str(r.code) ? `${r.code} ${str(r.title) ?? ''}`.trim() : nameOf(r));
    known.add(idOf(r));
    if (str(r.code)) known.add(r.code as string);
  }
  // A table whose measure has no record still gets a page of rows, under the measure's slug.
  for (const t of input.tables) if (t.measure && !known.has(t.measure)) out.set(measureSlug(t.measure), t.measure);
  return [...out].map(([slug, name]) => ({ scope: 'misura', slug, name }));
}

/** Slug of a measure code as the measures collection writes ids ("M5C1 R1.1" → "m5c1-r1-1"). */
const measureSlug = (code: string) =>
  code
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

/**
 * Ids of the document tables of a measure: those its record lists (the measure page shows exactly
 * these); for a measure without a record, the tables whose `measure` names it.
 */
function measureTables(input: OpenDataInput, slug: string): Set<string> {
  const record = recs(input, 'measures').find((r) => idOf(r) === slug);
  if (record) return new Set(list(record.tables));
  return new Set(input.tables.filter((t) => t.measure && measureSlug(t.measure) === slug).map((t) => t.id));
}

/** Every page of a scope, in the collection's order. */
export function scopePages(input: OpenDataInput, scope: Scope): PageRef[] {
  const of = (collection: string, slugField = 'id') =>
    recs(input, collection)
      .map((r) => ({ scope, slug: str(r[slugField]) ?? idOf(r), name: nameOf(r) }))
      .filter((p) => p.slug);
  switch (scope) {
    case 'misura':
      return measurePages(input);
    case 'provincia':
      return of('provinces');
    case 'cpi':
      return of('cpi', 'slug');
    case 'ente':
      return of('entities');
    case 'comune':
      return of('comuni');
    case 'progetto':
      return of('projects');
  }
}

function put(out: PageRecords, collection: string, records: Rec[]) {
  // Keep the collection's order and never list a record twice.
  const seen = new Set<unknown>();
  const unique = records.filter((r) => !seen.has(r) && seen.add(r));
  if (unique.length) out[collection] = unique;
}

/** Records of `collection` whose `field` (a slug or a list of slugs) names one of `ids`. */
function referencing(input: OpenDataInput, collection: string, field: string, ids: ReadonlySet<string>): Rec[] {
  return recs(input, collection).filter((r) => {
    const v = r[field];
    return Array.isArray(v) ? list(v).some((x) => ids.has(x)) : typeof v === 'string' && ids.has(v);
  });
}

/** Per input and collection: each record's position by id (built once, so a page's lookup does not scan the collection). */
const positions = new WeakMap<OpenDataInput, Map<string, Map<string, number>>>();

function positionsOf(input: OpenDataInput, collection: string): Map<string, number> {
  let byCollection = positions.get(input);
  if (!byCollection) positions.set(input, (byCollection = new Map()));
  let pos = byCollection.get(collection);
  if (!pos) {
    pos = new Map();
    const rows = recs(input, collection);
    for (let i = 0; i < rows.length; i++) if (!pos.has(idOf(rows[i]))) pos.set(idOf(rows[i]), i);
    byCollection.set(collection, pos);
  }
  return pos;
}

/** Records of `collection` whose id is in `ids`, in the collection's order. */
function byId(input: OpenDataInput, collection: string, ids: ReadonlySet<string>): Rec[] {
  const rows = recs(input, collection);
  const pos = positionsOf(input, collection);
  const at = [...ids].map((id) => pos.get(id)).filter((i): i is number => i !== undefined);
  const out = at.sort((a, b) => a - b).map((i) => rows[i]);
  // Ids are unique in the collections this is used on; should one repeat, every record with it is kept, as a filter would.
  if (out.length && rows.length !== pos.size) return rows.filter((r) => ids.has(idOf(r)));
  return out;
}

/** Plan rows (cpiPlan) that name one of the CPI, or that cover a whole province of `provinces`. */
function planRows(input: OpenDataInput, cpi: ReadonlySet<string>, provinces: ReadonlySet<string> = new Set()): Rec[] {
  return recs(input, 'cpiPlan').filter((r) => {
    if (list(r.cpi).some((c) => cpi.has(c))) return true;
    const ambito = r.ambito as Rec | null | undefined;
    return !!ambito && ambito.tipo === 'provincia' && provinces.has(str(ambito.provincia) ?? '');
  });
}

/** A CPI page's plan rows, exactly as the page selects them (src/lib/aggregate.ts), in plan order. */
function cpiPlanRows(input: OpenDataInput, slug: string, province: string | null): Rec[] {
  const plan = recs(input, 'cpiPlan');
  const sel = planRowsFor(slug, province, plan as unknown as CpiPlan[]);
  const chosen = new Set<unknown>([...sel.proprie, ...sel.provinciali, ...sel.regionali]);
  return plan.filter((r) => chosen.has(r));
}

/** The records a page shows, by collection (collections with no record are left out). */
export function pageRecords(input: OpenDataInput, scope: Scope, slug: string): PageRecords {
  const out: PageRecords = {};
  const one = new Set([slug]);
  switch (scope) {
    case 'progetto':
      put(out, 'projects', byId(input, 'projects', one));
      break;
    case 'ente': {
      const entity = byId(input, 'entities', one);
      put(out, 'entities', entity);
      put(out, 'projects', byId(input, 'projects', new Set(entity.flatMap((e) => list(e.projects)))));
      break;
    }
    case 'cpi': {
      const office = recs(input, 'cpi').filter((r) => r.slug === slug);
      put(out, 'cpi', office);
      put(out, 'cpiTargets', referencing(input, 'cpiTargets', 'cpi', one));
      put(out, 'cpiPlan', cpiPlanRows(input, slug, str(office[0]?.province)));
      break;
    }
    case 'comune': {
      const comune = byId(input, 'comuni', one);
      put(out, 'comuni', comune);
      const cpi = new Set(comune.flatMap((c) => list(c.cpi)));
      const entities = new Set(comune.flatMap((c) => list(c.entities)));
      const projects = new Set(comune.flatMap((c) => list(c.projects)));
      put(out, 'cpi', recs(input, 'cpi').filter((r) => cpi.has(idOf(r)) || cpi.has(str(r.slug) ?? '')));
      put(out, 'entities', byId(input, 'entities', entities));
      put(out, 'projects', byId(input, 'projects', projects));
      break;
    }
    case 'provincia': {
      const province = byId(input, 'provinces', one);
      put(out, 'provinces', province);
      // The page lists the offices the province record names, and the entities based there.
      const cpi = new Set(province.flatMap((p) => list(p.cpi)));
      put(out, 'cpi', recs(input, 'cpi').filter((r) => cpi.has(str(r.slug) ?? '')));
      put(out, 'cpiTargets', referencing(input, 'cpiTargets', 'cpi', cpi));
      put(out, 'cpiPlan', planRows(input, cpi, one));
      const entities = referencing(input, 'entities', 'province', one);
      put(out, 'entities', entities);
      put(out, 'projects', byId(input, 'projects', new Set(entities.flatMap((e) => list(e.projects)))));
      break;
    }
    case 'misura': {
      put(out, 'measures', byId(input, 'measures', one));
      // Every row read from a table of the measure, in each table's collection (collection order).
      const ids = measureTables(input, slug);
      const collections = [...new Set(input.tables.filter((t) => ids.has(t.id)).map((t) => t.collection))];
      for (const collection of collections) {
        const rows = recs(input, collection).filter((r) => ids.has(str((r.provenance as Rec | undefined)?.table) ?? ''));
        put(out, collection, rows);
      }
      break;
    }
  }
  return out;
}
