/**
 * Every internal URL of the site, built from the configured base path (SITE_BASE →
 * astro.config.mjs `base` → `import.meta.env.BASE_URL`), so the site works under any sub-path.
 * Pages never write a root-absolute "/…" href by hand: they call these builders.
 *
 * URLs are lowercase ASCII Italian slugs with a trailing slash (trailingSlash: 'always'),
 * stable across editions because they come from names and codes, never from positions.
 */

/** Base path with exactly one trailing slash ("/" or "/sub/path/"). */
export function normalizeBase(base: string | undefined): string {
  const b = (base ?? '/').trim() || '/';
  const withLead = b.startsWith('/') ? b : `/${b}`;
  return withLead.endsWith('/') ? withLead : `${withLead}/`;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Reject anything that is not a URL slug: a bad slug is a bug upstream, not something to escape. */
function segment(kind: string, slug: string): string {
  if (!SLUG.test(slug)) throw new Error(`links: "${slug}" is not a valid ${kind} slug (lowercase ASCII, hyphens)`);
  return slug;
}

/** Path segment of a project: its CUP lowercased ("D74H22000340001" → "d74h22000340001"). */
export function cupSlug(cup: string): string {
  const s = cup.replace(/\s+/g, '').toLowerCase();
  if (!/^[a-z0-9]+$/.test(s)) throw new Error(`links: "${cup}" is not a CUP code`);
  return s;
}

/** The URL builders for one base path. */
export function makeLinks(base: string | undefined) {
  const root = normalizeBase(base);
  const at = (...parts: string[]) => root + parts.map((p) => `${p}/`).join('');
  return {
    /** Base path itself (home page). */
    home: () => root,
    /** A file under the site root (favicon, Pagefind bundle): no trailing slash added. */
    asset: (path: string) => root + path.replace(/^\/+/, ''),
    misure: () => at('misure'),
    misura: (slug: string) => at('misure', segment('misura', slug)),
    province: () => at('province'),
    provincia: (slug: string) => at('province', segment('provincia', slug)),
    cpiIndex: () => at('cpi'),
    cpi: (slug: string) => at('cpi', segment('cpi', slug)),
    enti: () => at('enti'),
    ente: (slug: string) => at('enti', segment('ente', slug)),
    progetti: () => at('progetti'),
    progetto: (cup: string) => at('progetti', cupSlug(cup)),
    comuni: () => at('comuni'),
    comune: (slug: string) => at('comuni', segment('comune', slug)),
    /** Open-data section; `path` is a sub-path such as "misure" (optional). */
    dati: (path?: string) => (path ? at('dati', ...path.split('/').filter(Boolean)) : at('dati')),
    qualita: () => at('qualita-dei-dati'),
    metodologia: () => at('metodologia'),
    /** The search page, optionally with a query already filled in. */
    cerca: (q?: string) => at('cerca') + (q ? `?q=${encodeURIComponent(q)}` : ''),
    /** Pagefind's bundle directory (written by `pagefind --site dist`). */
    pagefind: (file = '') => `${root}pagefind/${file}`,
  };
}

/** The site's links, for the base the site is built with. */
export const links = makeLinks(import.meta.env.BASE_URL);

export type Links = ReturnType<typeof makeLinks>;
