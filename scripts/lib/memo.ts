/**
 * Memoisation for the pure string helpers that every matcher calls on the same cells (a cell of the
 * seed is looked at by several table finders, each normalising it again). Only for functions whose
 * result depends on the argument alone and is an immutable value, so a cached answer is exactly the
 * answer the function would give.
 */

/** Entries a memo holds before it starts again from empty: a seed has a few thousand distinct cells. */
export const MEMO_LIMIT = 50_000;

/**
 * Wrap a pure function of one string with a cache. The cache is bounded: when it reaches `limit`
 * entries it is emptied, so a long-running process (tests, the benchmark) cannot grow it without end.
 */
export function memoize<R extends string | number | boolean | null>(fn: (s: string) => R, limit = MEMO_LIMIT): (s: string) => R {
  const cache = new Map<string, R>();
  return (s: string): R => {
    const hit = cache.get(s);
    if (hit !== undefined) return hit;
    const r = fn(s);
    if (cache.size >= limit) cache.clear();
    cache.set(s, r);
    return r;
  };
}
