/**
 * /sitemap.xml — every HTML page of the site, found from the page files and their
 * getStaticPaths (src/lib/opendata/sitemap.ts); lastmod is the edition's date.
 */
import type { APIRoute } from 'astro';
import { getEdition } from '../lib/edition.ts';
import { pagePaths, sitemapXml, type PageModule } from '../lib/opendata/sitemap.ts';

const modules = import.meta.glob<PageModule>('./**/*.{astro,md,mdx}');

export const GET: APIRoute = async ({ site }) => {
  if (!site) throw new Error('sitemap.xml: astro.config.mjs must set `site` (SITE_URL)');
  const base = import.meta.env.BASE_URL;
  const urls = (await pagePaths(modules)).map((p) => new URL(`${base.replace(/\/?$/, '/')}${p}`, site).href);
  return new Response(sitemapXml(urls, getEdition().aggiornamento), { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};
