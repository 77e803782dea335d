/**
 * Long lists cut into static pages: every item on exactly one page, at most PAGE_SIZE a page,
 * groups (letters, measures) followed across pages, a navigation whose size does not grow with
 * the number of pages, and the page URLs under the base path.
 */
import { describe, expect, it } from 'vitest';
import { PAGE_SIZE, isWholeGroup, pageCount, pagerEntries, paginate, paginateGroups, rangeText, segmentText } from '../../src/lib/pagination.ts';
import { makeLinks } from '../../src/lib/links.ts';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('paginate', () => {
  it('has a named page size of 100 rows', () => {
    expect(PAGE_SIZE).toBe(100);
  });

  it('puts a list that fits in one page on one page', () => {
    for (const n of [0, 1, 77, 100]) {
      const pages = paginate(range(n));
      expect(pages).toHaveLength(1);
      expect(pages[0]).toMatchObject({ number: 1, count: 1, total: n, first: n ? 1 : 0, last: n });
      expect(pages[0].items).toHaveLength(n);
    }
  });

  it('puts every item on exactly one page, in order, at most `size` a page', () => {
    for (const [n, size] of [[101, 100], [313, 100], [1000, 100], [9390, 100], [7, 3]]) {
      const pages = paginate(range(n), size);
      expect(pages).toHaveLength(Math.ceil(n / size));
      expect(pages.flatMap((p) => p.items)).toEqual(range(n));
      for (const p of pages) {
        expect(p.items.length).toBeLessThanOrEqual(size);
        expect(p.count).toBe(pages.length);
        expect(p.total).toBe(n);
        expect(p.items[0]).toBe(p.first - 1);
        expect(p.items.at(-1)).toBe(p.last - 1);
      }
    }
  });

  it('counts pages, at least one, and refuses a page size that is not a positive integer', () => {
    expect(pageCount(0)).toBe(1);
    expect(pageCount(100)).toBe(1);
    expect(pageCount(101)).toBe(2);
    expect(pageCount(31_000)).toBe(310);
    expect(() => pageCount(10, 0)).toThrow(/page size/);
    expect(() => pageCount(10, 2.5)).toThrow(/page size/);
  });
});

describe('paginateGroups', () => {
  // 5 "A", 4 "B", 1 "C", 3 "D" with pages of 4.
  const items = [...'AAAAABBBBCDDD'].map((k, i) => ({ k, i }));
  const { pages, groups } = paginateGroups(items, (x) => x.k, 4);

  it('cuts pages by size regardless of groups', () => {
    expect(pages.map((p) => p.items.map((x) => x.k).join(''))).toEqual(['AAAA', 'ABBB', 'BCDD', 'D']);
  });

  it('says which part of which group each page holds', () => {
    expect(pages[0].segments.map((s) => [s.key, s.from, s.to, s.size])).toEqual([['A', 1, 4, 5]]);
    expect(pages[1].segments.map((s) => [s.key, s.from, s.to, s.size])).toEqual([['A', 5, 5, 5], ['B', 1, 3, 4]]);
    expect(pages[2].segments.map((s) => [s.key, s.from, s.to, s.size])).toEqual([['B', 4, 4, 4], ['C', 1, 1, 1], ['D', 1, 2, 3]]);
    expect(pages[3].segments.map((s) => [s.key, s.from, s.to, s.size])).toEqual([['D', 3, 3, 3]]);
    for (const p of pages) expect(p.segments.flatMap((s) => s.items)).toEqual(p.items);
    expect(isWholeGroup(pages[2].segments[1])).toBe(true);
    expect(isWholeGroup(pages[2].segments[0])).toBe(false);
  });

  it('indexes the page where each group starts, every group once', () => {
    expect(groups).toEqual([
      { key: 'A', page: 1, size: 5 },
      { key: 'B', page: 2, size: 4 },
      { key: 'C', page: 3, size: 1 },
      { key: 'D', page: 3, size: 3 },
    ]);
  });

  it('is one page with whole groups when the list fits', () => {
    const one = paginateGroups(items, (x) => x.k);
    expect(one.pages).toHaveLength(1);
    expect(one.pages[0].segments.every(isWholeGroup)).toBe(true);
    expect(one.groups.every((g) => g.page === 1)).toBe(true);
  });

  it('refuses a group that comes back after another (the caller must sort)', () => {
    expect(() => paginateGroups([...'AABA'], (x) => x)).toThrow(/not contiguous/);
  });
});

describe('pagerEntries', () => {
  const show = (cur: number, count: number) => pagerEntries(cur, count).map((e) => ('gap' in e ? '…' : e.current ? `[${e.page}]` : String(e.page))).join(' ');

  it('lists every page of a short list', () => {
    expect(show(1, 1)).toBe('[1]');
    expect(show(2, 5)).toBe('1 [2] 3 4 5');
    expect(show(4, 7)).toBe('1 2 3 [4] 5 6 7');
  });

  it('keeps the first, the last and two pages either side of the current one', () => {
    expect(show(1, 310)).toBe('[1] 2 3 … 310');
    expect(show(50, 310)).toBe('1 … 48 49 [50] 51 52 … 310');
    expect(show(310, 310)).toBe('1 … 308 309 [310]');
  });

  it('shows a single left-out page instead of a gap', () => {
    expect(show(5, 10)).toBe('1 2 3 4 [5] 6 7 … 10');
    expect(show(6, 10)).toBe('1 … 4 5 [6] 7 8 9 10');
  });

  it('never grows past a dozen entries, however many pages', () => {
    for (const count of [1, 10, 100, 10_000]) for (const cur of new Set([1, Math.min(2, count), Math.ceil(count / 2), count])) expect(pagerEntries(cur, count).length).toBeLessThanOrEqual(9);
  });

  it('refuses a page out of range', () => {
    expect(() => pagerEntries(0, 3)).toThrow();
    expect(() => pagerEntries(4, 3)).toThrow();
  });
});

describe('range texts', () => {
  it('use the site’s number format', () => {
    expect(rangeText('Progetti', { first: 101, last: 200, total: 1234 })).toBe('Progetti 101–200 di 1.234');
    expect(rangeText('Progetti', { first: 1001, last: 1001, total: 1001 })).toBe('Progetti 1.001 di 1.001');
    expect(segmentText({ from: 61, to: 77, size: 77 })).toBe('61–77 di 77');
    expect(segmentText({ from: 1200, to: 1200, size: 6500 })).toBe('1.200 di 6.500');
  });
});

describe('list page URLs', () => {
  const root = makeLinks('/');
  const sub = makeLinks('/archivio/2025/');

  it('make page 1 the list’s own page and the others …/pagina/<n>/', () => {
    expect(root.progettiPagina(1)).toBe('/progetti/');
    expect(root.progettiPagina(2)).toBe('/progetti/pagina/2/');
    expect(root.entiPagina(3)).toBe('/enti/pagina/3/');
    expect(root.comuniPagina(1)).toBe('/comuni/');
    expect(root.misuraProgetti('m5c2-i1-2', 1)).toBe('/misure/m5c2-i1-2/');
    expect(root.misuraProgetti('m5c2-i1-2', 2)).toBe('/misure/m5c2-i1-2/progetti/pagina/2/');
    expect(root.provinciaEnti('milano', 2)).toBe('/province/milano/enti/pagina/2/');
    expect(root.provinciaProgetti('milano', 4)).toBe('/province/milano/progetti/pagina/4/');
    expect(root.enteProgetti('comune-di-milano', 1)).toBe('/enti/comune-di-milano/');
    expect(root.enteProgetti('comune-di-milano', 2)).toBe('/enti/comune-di-milano/progetti/pagina/2/');
    expect(root.comuneEnti('milano', 2)).toBe('/comuni/milano/enti/pagina/2/');
    expect(root.comuneProgetti('milano', 2)).toBe('/comuni/milano/progetti/pagina/2/');
  });

  it('are under the base path', () => {
    expect(sub.progettiPagina(2)).toBe('/archivio/2025/progetti/pagina/2/');
    expect(sub.misuraProgetti('m5c2-i1-2', 3)).toBe('/archivio/2025/misure/m5c2-i1-2/progetti/pagina/3/');
  });

  it('refuse a page number that is not a positive integer, and a bad slug', () => {
    expect(() => root.progettiPagina(0)).toThrow(/page number/);
    expect(() => root.entiPagina(1.5)).toThrow(/page number/);
    expect(() => root.misuraProgetti('../x', 2)).toThrow(/not a valid misura slug/);
  });
});
