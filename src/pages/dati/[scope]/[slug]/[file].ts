/**
 * The per-page downloads: dati/<scope>/<slug>/<dataset>.csv|.excel.csv|.json hold exactly the
 * rows the misura, provincia, CPI, ente, comune or progetto page shows (src/lib/opendata/scopes.ts),
 * flattened like the full datasets. Linked from each page by components/opendata/Downloads.astro.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { filesOf } from '../../../../lib/opendata/files.ts';
import { getAllPages, getPageDatasets } from '../../../../lib/opendata/load.ts';
import type { Scope } from '../../../../lib/opendata/scopes.ts';

export const getStaticPaths = (() =>
  getAllPages().flatMap((p) =>
    getPageDatasets(p.scope, p.slug).flatMap((d) => filesOf(d).map((f) => ({ params: { scope: p.scope, slug: p.slug, file: f.file } }))),
  )) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => {
  const f = getPageDatasets(params.scope as Scope, params.slug!)
    .flatMap(filesOf)
    .find((x) => x.file === params.file);
  if (!f) return new Response(null, { status: 404 });
  return new Response(f.body, { headers: { 'Content-Type': f.format.mediaType } });
};
