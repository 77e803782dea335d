/**
 * sitemap.xml and robots.txt (pure). The page list comes from the page files themselves
 * (src/pages/**.astro and their getStaticPaths), so a page added by anyone is listed without
 * touching this code; `lastmod` is the edition's date, never the clock.
 */

/** A page module as Vite's glob import gives it. */
export interface PageModule {
  getStaticPaths?: (opts: { paginate: (...args: unknown[]) => never; routePattern: string }) => unknown;
}

/** Route of a page file relative to src/pages: `cpi/[slug].astro` → `cpi/[slug]/`, `index.astro` → ``. Null for non-routes. */
export function routeOf(file: string): string | null {
  const rel = file.replace(/^\.\//, '').replace(/\\/g, '/');
  if (!/\.(astro|md|mdx)$/.test(rel)) return null;
  // Files and folders starting with "_" are not routes in Astro; 404 is not a page to index.
  if (rel.split('/').some((seg) => seg.startsWith('_'))) return null;
  const noExt = rel.replace(/\.(astro|md|mdx)$/, '');
  if (noExt === '404' || noExt === '500') return null;
  const parts = noExt.split('/');
  if (parts.at(-1) === 'index') parts.pop();
  return parts.length ? parts.join('/') + '/' : '';
}

/** Fill a route's [param] and [...rest] segments; the result is relative to the base, with a trailing slash. */
export function fillRoute(route: string, params: Record<string, string | number | undefined>): string {
  const filled = route
    .split('/')
    .filter((s) => s !== '')
    .map((seg) =>
      seg.replace(/\[(\.\.\.)?([^\]]+)\]/g, (_m, _rest, name: string) => {
        const v = params[name];
        return v === undefined ? '' : String(v);
      }),
    )
    .filter((s) => s !== '');
  return filled.length ? filled.join('/') + '/' : '';
}

function paginateUnsupported(): never {
  throw new Error('sitemap: a page uses paginate(); list its pages explicitly in src/lib/opendata/sitemap.ts');
}

/** Every page path (relative to the base) from the page modules, sorted. */
export async function pagePaths(modules: Record<string, () => Promise<PageModule>>): Promise<string[]> {
  const out = new Set<string>();
  for (const [file, load] of Object.entries(modules)) {
    const route = routeOf(file);
    if (route === null) continue;
    if (!route.includes('[')) {
      out.add(route);
      continue;
    }
    const mod = await load();
    if (!mod.getStaticPaths) throw new Error(`sitemap: ${file} is a dynamic route without getStaticPaths`);
    const paths = (await mod.getStaticPaths({ paginate: paginateUnsupported, routePattern: route })) as { params: Record<string, string | number | undefined> }[];
    for (const p of paths.flat()) out.add(fillRoute(route, p.params));
  }
  return [...out].sort();
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/**
 * sitemap.xml for absolute page URLs.
 * @param lastmod the edition's date (ISO) or null
 */
export function sitemapXml(urls: readonly string[], lastmod: string | null): string {
  const items = urls.map((u) => `  <url><loc>${xmlEscape(u)}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ''}</url>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${items.join('\n')}\n</urlset>\n`;
}

/** robots.txt: everything may be crawled; the sitemap's absolute URL. */
export function robotsTxt(sitemapUrl: string): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${sitemapUrl}\n`;
}
