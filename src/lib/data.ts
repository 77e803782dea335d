/**
 * Typed access to the collections for pages. Collections are declared generically from
 * `collectionSchemas` (src/content.config.ts), so Astro cannot infer each record's type; the
 * types come from the shared schema modules instead (z.infer of the same schemas that validated
 * the data). Each collection is read once per build and kept in document order.
 */
import { getCollection } from 'astro:content';
import type { Cpi, CpiPlan, CpiPlanLine, CpiQuarterly, CpiTarget, Province } from '../schemas/cpi.ts';
import type { Comune, CrescereGreenSummary, Entity, Project, ProjectTable } from '../schemas/projects.ts';
import type { DocumentRecord, Measure } from '../schemas/measures.ts';
import type { Act, DualeAvviso, DualeFinance, DualePercorso, DualeTarget, GolAvviso, GolFinance, GolTarget, Ispezioni } from '../schemas/programmes.ts';

/** Record type of every collection the site reads, by collection name. */
export interface CollectionTypes {
  measures: Measure;
  document: DocumentRecord;
  golAvvisi: GolAvviso;
  golTargets: GolTarget;
  golFinance: GolFinance;
  acts: Act;
  dualeAvvisi: DualeAvviso;
  dualePercorsi: DualePercorso;
  dualeFinance: DualeFinance;
  dualeTargets: DualeTarget;
  ispezioni: Ispezioni;
  cpi: Cpi;
  provinces: Province;
  cpiPlan: CpiPlan;
  cpiPlanLines: CpiPlanLine;
  cpiQuarterly: CpiQuarterly;
  cpiTargets: CpiTarget;
  projects: Project;
  entities: Entity;
  crescereGreen: CrescereGreenSummary;
  projectTables: ProjectTable;
  comuni: Comune;
}

const cache = new Map<string, Promise<unknown[]>>();

/** Every record of a collection, in the order the normaliser wrote them. */
export function all<K extends keyof CollectionTypes>(name: K): Promise<CollectionTypes[K][]> {
  let hit = cache.get(name);
  if (!hit) {
    // The collection names are only known at runtime (generated from the schemas), hence the casts.
    const loaded: Promise<unknown[]> = getCollection(name as never).then((entries: unknown) => (entries as { data: unknown }[]).map((e) => e.data));
    cache.set(name, loaded);
    hit = loaded;
  }
  return hit as Promise<CollectionTypes[K][]>;
}

const maps = new Map<string, Promise<Map<string, unknown>>>();

/** Records of a collection by id (one Map per collection and build, shared by every page: do not mutate it). */
export function byId<K extends keyof CollectionTypes>(name: K): Promise<ReadonlyMap<string, CollectionTypes[K]>> {
  let hit = maps.get(name);
  if (!hit) {
    hit = all(name).then((rows) => new Map(rows.map((r) => [(r as { id: string }).id, r])));
    maps.set(name, hit);
  }
  return hit as Promise<ReadonlyMap<string, CollectionTypes[K]>>;
}

/** Look a record up by id; a dangling reference is a normaliser bug, reported with its origin. */
export function must<T>(map: ReadonlyMap<string, T>, id: string, from: string): T {
  const hit = map.get(id);
  if (!hit) throw new Error(`${from}: reference to "${id}" not found in its collection`);
  return hit;
}
