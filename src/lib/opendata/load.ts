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

/**
 * The datasets of one entity page, computed afresh: the per-page download writer
 * (src/integrations/page-downloads.ts) renders each page's files once and drops them.
 */
export function computePageDatasets(scope: Scope, slug: string): Dataset[] {
  const { input } = getOpenData();
  return buildSubset(input, pageRecords(input, scope, slug));
}

/** How many pages' datasets `getPageDatasets` keeps: a page asks for its own several times while it renders. */
const SUBSET_CACHE = 4;
const subsets = new Map<string, Dataset[]>();

/**
 * The datasets of one entity page, for the page being rendered. Only the last few pages are kept,
 * so memory does not grow with the number of pages (each dataset carries its rendered files).
 */
export function getPageDatasets(scope: Scope, slug: string): Dataset[] {
  const key = `${scope}/${slug}`;
  let ds = subsets.get(key);
  if (ds) {
    subsets.delete(key);
  } else {
    ds = computePageDatasets(scope, slug);
    while (subsets.size >= SUBSET_CACHE) subsets.delete(subsets.keys().next().value!);
  }
  subsets.set(key, ds);
  return ds;
}

let pages: { list: PageRef[]; keys: Set<string> } | null = null;

function pageIndex() {
  if (!pages) {
    const { input } = getOpenData();
    const list = SCOPES.flatMap((s) => scopePages(input, s));
    pages = { list, keys: new Set(list.map((p) => `${p.scope}/${p.slug}`)) };
  }
  return pages;
}

/** Every entity page that offers downloads, scope by scope. */
export function getAllPages(): PageRef[] {
  return pageIndex().list;
}

/** Whether `scope`/`slug` is one of the entity pages that offer downloads. */
export function hasPage(scope: Scope, slug: string): boolean {
  return pageIndex().keys.has(`${scope}/${slug}`);
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
