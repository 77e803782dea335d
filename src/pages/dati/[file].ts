/**
 * Every file of the catalogue under /dati/: each dataset as CSV, CSV per Excel and JSON, plus
 * datapackage.json, catalogo.ttl (DCAT-AP_IT) and dizionario.csv. Static: the bytes are
 * rendered at build time from content/data by src/lib/opendata.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { dataPackageJson } from '../../lib/opendata/datapackage.ts';
import { buildDcatTurtle } from '../../lib/opendata/dcat.ts';
import { dictionaryCsv } from '../../lib/opendata/dictionary-file.ts';
import { CATALOG_FILES, filesOf } from '../../lib/opendata/files.ts';
import { catalogUrls, getOpenData } from '../../lib/opendata/load.ts';

export const getStaticPaths = (() => {
  const { catalog } = getOpenData();
  const names = [...Object.keys(CATALOG_FILES), ...catalog.datasets.flatMap((d) => filesOf(d).map((f) => f.file))];
  return names.map((file) => ({ params: { file } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params, site }) => {
  const { catalog, meta } = getOpenData();
  const file = params.file!;
  const urls = catalogUrls(site, import.meta.env.BASE_URL);
  const text = (body: string, type: string) => new Response(body, { headers: { 'Content-Type': type } });
  if (file === 'datapackage.json') return text(dataPackageJson(catalog.datasets, meta, urls.catalogue), CATALOG_FILES[file]);
  if (file === 'catalogo.ttl') return text(buildDcatTurtle(catalog.datasets, meta, urls), CATALOG_FILES[file]);
  if (file === 'dizionario.csv') return text(dictionaryCsv(catalog.datasets), CATALOG_FILES[file]);
  const f = catalog.datasets.flatMap(filesOf).find((x) => x.file === file);
  if (!f) return new Response(null, { status: 404 });
  return text(f.body, f.format.mediaType);
};
