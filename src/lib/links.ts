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
  /**
   * Page n of a long list (src/lib/pagination.ts): page 1 is the list's own page `first`, the
   * others are `<rest>/pagina/<n>/`.
   */
  const paged = (first: string[], rest: string[], n: number) => {
    if (!Number.isInteger(n) || n < 1) throw new Error(`links: "${n}" is not a page number`);
    return n === 1 ? at(...first) : at(...rest, 'pagina', String(n));
  };
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
    /** Page n of the project index (/progetti/, then /progetti/pagina/<n>/). */
    progettiPagina: (n: number) => paged(['progetti'], ['progetti'], n),
    /** Page n of the A–Z index of entities (/enti/, then /enti/pagina/<n>/). */
    entiPagina: (n: number) => paged(['enti'], ['enti'], n),
    /** Page n of the A–Z index of comuni (/comuni/, then /comuni/pagina/<n>/). */
    comuniPagina: (n: number) => paged(['comuni'], ['comuni'], n),
    /** Page n of a measure's projects: the measure page, then /misure/<slug>/progetti/pagina/<n>/. */
    misuraProgetti: (slug: string, n: number) => paged(['misure', segment('misura', slug)], ['misure', slug, 'progetti'], n),
    /** Page n of the entities based in a province: the province page, then …/enti/pagina/<n>/. */
    provinciaEnti: (slug: string, n: number) => paged(['province', segment('provincia', slug)], ['province', slug, 'enti'], n),
    /** Page n of the projects of a province's entities: the province page, then …/progetti/pagina/<n>/. */
    provinciaProgetti: (slug: string, n: number) => paged(['province', segment('provincia', slug)], ['province', slug, 'progetti'], n),
    /** Page n of an entity's projects: the entity page, then /enti/<slug>/progetti/pagina/<n>/. */
    enteProgetti: (slug: string, n: number) => paged(['enti', segment('ente', slug)], ['enti', slug, 'progetti'], n),
    /** Page n of the entities based in a comune: the comune page, then …/enti/pagina/<n>/. */
    comuneEnti: (slug: string, n: number) => paged(['comuni', segment('comune', slug)], ['comuni', slug, 'enti'], n),
    /** Page n of the projects of a comune's entities: the comune page, then …/progetti/pagina/<n>/. */
    comuneProgetti: (slug: string, n: number) => paged(['comuni', segment('comune', slug)], ['comuni', slug, 'progetti'], n),
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
