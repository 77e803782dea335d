/**
 * schema.org JSON-LD for the open-data pages: a `DataCatalog` whose `dataset`s are `Dataset`s
 * with their `DataDownload`s (what search engines read), built from the same metadata as the
 * DCAT catalogue. Pure.
 */
import type { Dataset } from './catalog.ts';
import type { CatalogUrls } from './dcat.ts';
import { filesOf } from './files.ts';
import { KEYWORDS, span, type CatalogMeta } from './metadata.ts';

const org = (name: string) => ({ '@type': 'Organization', name });

/**
 * One dataset as a schema.org `Dataset`.
 * @param detail list the columns (`variableMeasured`): on the dataset's own page, not in the catalogue's list
 */
export function datasetJsonLd(ds: Dataset, meta: CatalogMeta, urls: CatalogUrls, detail = true) {
  const t = span(ds.datiAl) ?? meta.temporal;
  return {
    '@type': 'Dataset',
    '@id': urls.dataset(ds.name),
    name: ds.title,
    description: `${ds.description} ${ds.rows.length} righe, ${ds.columns.length} colonne; ogni riga indica il file e le righe del documento da cui è letta.`,
    url: urls.dataset(ds.name),
    identifier: `${meta.publisher.id}:${ds.name}`,
    inLanguage: 'it',
    isAccessibleForFree: true,
    license: meta.licence.uri,
    creator: org(meta.rightsHolder.name),
    publisher: org(meta.publisher.name),
    keywords: KEYWORDS,
    ...(meta.modified ? { dateModified: meta.modified } : {}),
    ...(t ? { temporalCoverage: `${t.start}/${t.end}` } : {}),
    spatialCoverage: { '@type': 'Place', name: meta.edition.region ?? 'Lombardia' },
    ...(detail ? { variableMeasured: ds.columns.map((c) => c.name) } : {}),
    distribution: filesOf(ds).map((f) => ({
      '@type': 'DataDownload',
      name: f.format.label,
      encodingFormat: f.format.mediaType.split(';')[0],
      contentUrl: urls.file(f.file),
      contentSize: `${f.bytes} B`,
    })),
  };
}

/** The catalogue page's JSON-LD: the catalogue and every dataset in it. */
export function catalogJsonLd(datasets: readonly Dataset[], meta: CatalogMeta, urls: CatalogUrls) {
  return {
    '@context': 'https://schema.org',
    '@type': 'DataCatalog',
    '@id': urls.catalogue,
    name: meta.title,
    description: meta.description,
    url: urls.catalogue,
    inLanguage: 'it',
    license: meta.licence.uri,
    creator: org(meta.rightsHolder.name),
    publisher: org(meta.publisher.name),
    ...(meta.modified ? { dateModified: meta.modified } : {}),
    dataset: datasets.map((d) => datasetJsonLd(d, meta, urls, false)),
  };
}

/** JSON for a `<script type="application/ld+json">`: `<` escaped so no text can close the element. */
export function jsonLdScript(data: unknown): string {
  return JSON.stringify(data).replace(/</g, '\\u003c');
}
