/**
 * The build-time entry point of the open-data section: reads the generated collections
 * (content/data/<name>.json, in the normaliser's order), the edition and the report, and builds
 * the catalogue once per build. Pages, endpoints and the Downloads component all call
 * `getOpenData()`, so every file and every size shown comes from the same rendering.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectionSchemas } from '../../schemas/index.ts';
import { getEdition, getReport } from '../edition.ts';
import { buildCatalog, buildSubset, type Catalog, type Dataset, type OpenDataInput } from './catalog.ts';
import type { CatalogUrls } from './dcat.ts';
import { catalogMeta, type CatalogMeta } from './metadata.ts';
import { pageRecords, scopePages, SCOPES, type PageRef, type Scope } from './scopes.ts';

/** Directory of the generated collections, relative to the project root (as in src/content.config.ts). */
const DATA_DIR = 'content/data';

/** Read every collection that has a schema; a collection with no file yet has no records. */
export function loadInput(root = process.cwd()): OpenDataInput {
  const collections: Record<string, unknown[]> = {};
  for (const name of Object.keys(collectionSchemas)) {
    // process.cwd() is the project root for `astro build` and vitest; import.meta.url would
    // point into Astro's bundled chunks.
    const path = join(root, DATA_DIR, `${name}.json`);
    collections[name] = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as unknown[]) : [];
  }
  return { edition: getEdition(), tables: getReport().tables, collections, schemas: collectionSchemas };
}

/** The catalogue of this build, with its input and metadata. */
export interface OpenData {
  input: OpenDataInput;
  catalog: Catalog;
  meta: CatalogMeta;
}

let cached: OpenData | null = null;

/** The catalogue of this build (computed on first use). */
export function getOpenData(): OpenData {
  if (!cached) {
    const input = loadInput();
    cached = { input, catalog: buildCatalog(input), meta: catalogMeta(input.edition) };
  }
  return cached;
}

const subsets = new Map<string, Dataset[]>();

/** The datasets of one entity page (computed once per page and build). */
export function getPageDatasets(scope: Scope, slug: string): Dataset[] {
  const key = `${scope}/${slug}`;
  let ds = subsets.get(key);
  if (!ds) {
    const { input } = getOpenData();
    ds = buildSubset(input, pageRecords(input, scope, slug));
    subsets.set(key, ds);
  }
  return ds;
}

/** Every entity page that offers downloads, scope by scope. */
export function getAllPages(): PageRef[] {
  const { input } = getOpenData();
  return SCOPES.flatMap((s) => scopePages(input, s));
}

/**
 * Site-relative path of a file or page under /dati/ for a base path: `/base/dati/<rel>`.
 * (links.ts has the same base rule but builds its `links` from import.meta.env at import time,
 * which plain Node scripts and tsx do not have; this module must load in both.)
 */
export function datiPath(base: string | undefined, rel = ''): string {
  let b = (base ?? '/').trim() || '/';
  if (!b.startsWith('/')) b = `/${b}`;
  if (!b.endsWith('/')) b = `${b}/`;
  return `${b}dati/${rel}`;
}

/**
 * Absolute URLs of the open-data files and pages (DCAT and JSON-LD need absolute IRIs).
 * @param site the configured site origin (Astro `site`)
 * @param base the configured base path (`import.meta.env.BASE_URL`)
 */
export function catalogUrls(site: URL | string | undefined, base: string | undefined): CatalogUrls {
  if (!site) throw new Error('opendata: astro.config.mjs must set `site` (SITE_URL): the DCAT catalogue needs absolute URLs');
  const abs = (rel: string) => new URL(datiPath(base, rel), site).href;
  return {
    catalogue: abs(''),
    catalogFile: abs('catalogo.ttl'),
    dataset: (name) => abs(`dataset/${name}/`),
    file: (name) => abs(name),
  };
}
