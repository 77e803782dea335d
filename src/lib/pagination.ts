/**
 * Long lists split into static pages of at most PAGE_SIZE rows, so that no page grows with the
 * data: a measure with 3,000 projects shows the first 100 on its own page and the others on
 * numbered list pages (URLs in links.ts). Page 1 is always the list's own page; a list that fits
 * in one page has no other pages and no page navigation.
 *
 * Pure: pages call these with the records (in the order they are shown) and render the result.
 */
import { formatNumber } from './format.ts';

/** Most rows a table of a growing collection (projects, entities, comuni) shows on one page. */
export const PAGE_SIZE = 100;

/** One page of a list. */
export interface Page<T> {
  /** 1-based page number. */
  number: number;
  /** Pages of the list (at least 1: an empty list is one empty page). */
  count: number;
  /** Items in the whole list. */
  total: number;
  /** 1-based position in the list of the first and last item of this page (0, 0 when empty). */
  first: number;
  last: number;
  items: T[];
}

/** Number of pages a list of `total` items takes (at least 1). */
export function pageCount(total: number, size = PAGE_SIZE): number {
  if (!Number.isInteger(size) || size < 1) throw new Error(`pagination: page size must be a positive integer, got ${size}`);
  return Math.max(1, Math.ceil(total / size));
}

/** The list cut into pages, in order; every item on exactly one page. */
export function paginate<T>(items: readonly T[], size = PAGE_SIZE): Page<T>[] {
  const count = pageCount(items.length, size);
  return Array.from({ length: count }, (_, i) => {
    const slice = items.slice(i * size, (i + 1) * size);
    return {
      number: i + 1,
      count,
      total: items.length,
      first: slice.length ? i * size + 1 : 0,
      last: slice.length ? i * size + slice.length : 0,
      items: slice,
    };
  });
}

/** The part of a group (a letter, a measure) that falls on one page. */
export interface Segment<T> {
  key: string;
  items: T[];
  /** 1-based position in its group of the first and last item shown here. */
  from: number;
  to: number;
  /** Items of the whole group. */
  size: number;
}

/** A page of a grouped list: its items split by group. */
export interface GroupedPage<T> extends Page<T> {
  segments: Segment<T>[];
}

/** Where each group of a grouped list starts. */
export interface GroupStart {
  key: string;
  /** Page holding the group's first item. */
  page: number;
  /** Items of the group. */
  size: number;
}

/**
 * A list whose items come in groups (by initial letter, by measure) cut into pages of `size`
 * items regardless of groups; each page says which part of which group it holds, and the index
 * of groups says on which page each one starts (for an A–Z navigation). Items of one group must
 * be contiguous: a group seen again after another one is a caller's bug and throws.
 */
export function paginateGroups<T>(items: readonly T[], key: (t: T) => string, size = PAGE_SIZE): { pages: GroupedPage<T>[]; groups: GroupStart[] } {
  const keys = items.map(key);
  const sizes = new Map<string, number>();
  const position: number[] = [];
  keys.forEach((k, i) => {
    if (i > 0 && keys[i - 1] !== k && sizes.has(k)) throw new Error(`pagination: group "${k}" is not contiguous`);
    const n = (sizes.get(k) ?? 0) + 1;
    sizes.set(k, n);
    position.push(n);
  });
  const groups: GroupStart[] = [];
  keys.forEach((k, i) => {
    if (position[i] === 1) groups.push({ key: k, page: Math.floor(i / size) + 1, size: sizes.get(k)! });
  });
  const pages = paginate(items, size).map((p) => {
    const segments: Segment<T>[] = [];
    p.items.forEach((it, j) => {
      const i = p.first - 1 + j;
      const last = segments.at(-1);
      if (last && last.key === keys[i]) {
        last.items.push(it);
        last.to = position[i];
      } else segments.push({ key: keys[i], items: [it], from: position[i], to: position[i], size: sizes.get(keys[i])! });
    });
    return { ...p, segments };
  });
  return { pages, groups };
}

/** An entry of a page navigation: a page number, or a gap standing for the pages left out. */
export type PagerEntry = { page: number; current: boolean } | { gap: true };

/**
 * Page numbers a navigation shows: the first and the last page, and `radius` pages either side
 * of the current one; a gap stands for two or more pages left out (one page left out is shown
 * instead, a gap would be no shorter). At most 2·radius + 5 entries, however many pages.
 */
export function pagerEntries(current: number, count: number, radius = 2): PagerEntry[] {
  if (!Number.isInteger(count) || count < 1) throw new Error(`pagination: page count must be a positive integer, got ${count}`);
  if (!Number.isInteger(current) || current < 1 || current > count) throw new Error(`pagination: page ${current} is not between 1 and ${count}`);
  let lo = Math.max(1, current - radius);
  let hi = Math.min(count, current + radius);
  if (lo === 3) lo = 2;
  if (hi === count - 2) hi = count - 1;
  const out: PagerEntry[] = [];
  const add = (page: number) => out.push({ page, current: page === current });
  if (lo > 1) add(1);
  if (lo > 2) out.push({ gap: true });
  for (let p = lo; p <= hi; p++) add(p);
  if (hi < count - 1) out.push({ gap: true });
  if (hi < count) add(count);
  return out;
}

/**
 * Which items a page holds, in words, with the site's number format:
 * ("Progetti", page 2 of 1,234) → "Progetti 101–200 di 1.234"; one item → "Progetti 1.234 di 1.234".
 */
export function rangeText(label: string, page: Pick<Page<unknown>, 'first' | 'last' | 'total'>): string {
  const span = page.first === page.last ? formatNumber(page.first, 0) : `${formatNumber(page.first, 0)}–${formatNumber(page.last, 0)}`;
  return `${label} ${span} di ${formatNumber(page.total, 0)}`;
}

/** "61–77 di 77" / "12 di 40": the part of a group a segment shows. */
export function segmentText(s: Pick<Segment<unknown>, 'from' | 'to' | 'size'>): string {
  const span = s.from === s.to ? formatNumber(s.from, 0) : `${formatNumber(s.from, 0)}–${formatNumber(s.to, 0)}`;
  return `${span} di ${formatNumber(s.size, 0)}`;
}

/** True when a segment holds its whole group. */
export const isWholeGroup = (s: Pick<Segment<unknown>, 'from' | 'to' | 'size'>): boolean => s.from === 1 && s.to === s.size;
