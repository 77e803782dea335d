/**
 * The site's three long indexes — /progetti/ (by measure), /enti/ and /comuni/ (A–Z) — as
 * grouped pages (src/lib/pagination.ts), computed once per build: every page of an index (its
 * own page and /…/pagina/<n>/) renders from the same cut, so the A–Z navigation on one page
 * points where the other pages really start.
 */
import { all } from './data.ts';
import { groupBy } from './aggregate.ts';
import { groupByInitial, initialOf } from './search/comuni.ts';
import { paginateGroups, type GroupStart, type GroupedPage } from './pagination.ts';
import type { Comune, Entity, Project } from '../schemas/projects.ts';

export interface GroupedIndex<T> {
  pages: GroupedPage<T>[];
  groups: GroupStart[];
}

const cache = new Map<string, Promise<unknown>>();
function once<T>(name: string, make: () => Promise<T>): Promise<T> {
  let hit = cache.get(name);
  if (!hit) cache.set(name, (hit = make()));
  return hit as Promise<T>;
}

/** /progetti/: projects grouped by measure, measures and projects in document order. */
export function projectIndex(): Promise<GroupedIndex<Project>> {
  return once('progetti', async () => {
    const list = [...groupBy(await all('projects'), (p) => p.measure).values()].flat();
    return paginateGroups(list, (p) => p.measure);
  });
}

/** /enti/: entities by initial letter, by name in Italian collation within a letter. */
export function entityIndex(): Promise<GroupedIndex<Entity>> {
  return once('enti', async () => {
    const list = groupByInitial(await all('entities'), (e) => e.name).flatMap((g) => g.items);
    return paginateGroups(list, (e) => initialOf(e.name));
  });
}

/** /comuni/: comuni by initial letter, by name in Italian collation within a letter. */
export function comuneIndex(): Promise<GroupedIndex<Comune>> {
  return once('comuni', async () => {
    const list = groupByInitial(await all('comuni'), (c) => c.nome).flatMap((g) => g.items);
    return paginateGroups(list, (c) => initialOf(c.nome));
  });
}

/** The page of an index with this number (1-based); a number out of range is a routing bug. */
export function pageOf<T>(index: GroupedIndex<T>, n: number): GroupedPage<T> {
  const page = index.pages[n - 1];
  if (!page) throw new Error(`indexes: no page ${n} (the index has ${index.pages.length})`);
  return page;
}
