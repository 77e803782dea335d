/** /robots.txt — crawling allowed everywhere; points to the sitemap (absolute URL, base-aware). */
import type { APIRoute } from 'astro';
import { robotsTxt } from '../lib/opendata/sitemap.ts';

export const GET: APIRoute = ({ site }) => {
  if (!site) throw new Error('robots.txt: astro.config.mjs must set `site` (SITE_URL)');
  const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');
  return new Response(robotsTxt(new URL(`${base}sitemap.xml`, site).href), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
