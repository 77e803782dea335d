import { memoize } from './memo.ts';

/** Lowercase ASCII slug for URLs: accents dropped, apostrophes and punctuation become hyphens. */
export function slugify(s: string): string {
  return slugifyMemo(s);
}

// Measure codes and names are slugified again wherever a record or a check refers to them.
const slugifyMemo = memoize((s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, ''),
);
