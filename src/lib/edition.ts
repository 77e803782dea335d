/**
 * The edition (content/data/edition.json) and the normalisation report (content/data/report.json):
 * the two generated files that are single objects rather than collections of records.
 *
 * They are read from disk at build time (not imported), so the type check does not depend on
 * generated files being present, and a missing file gives a message saying how to make it.
 * The edition identifies the build: the seed's sha256 and the document's "dati al" dates —
 * never the wall clock.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Edition, Report, SourceInfo } from '../../scripts/lib/pipeline.ts';
import type { AppliedRepair, Check, TableInfo } from '../../scripts/lib/types.ts';

export type { Edition, Report, SourceInfo, AppliedRepair, Check, TableInfo };

const cache = new Map<string, unknown>();

/** Read a generated JSON file of the project, once per build. */
function readProjectJson<T>(rel: string, hint: string): T {
  const hit = cache.get(rel);
  if (hit) return hit as T;
  // process.cwd() is the project root for `astro build`, vitest and tsx alike; import.meta.url
  // would point into Astro's bundled chunks.
  const path = join(process.cwd(), rel);
  if (!existsSync(path)) throw new Error(`${rel} not found: ${hint}`);
  const data = JSON.parse(readFileSync(path, 'utf8')) as T;
  cache.set(rel, data);
  return data;
}

/** The edition: seed file, sha256, "dati al" dates, issuer and title. */
export function getEdition(): Edition {
  return readProjectJson<Edition>('content/data/edition.json', 'run `npm run normalize`');
}

/** The normalisation report: checks, repairs, tables, line classes, unconsumed lines. */
export function getReport(): Report {
  return readProjectJson<Report>('content/data/report.json', 'run `npm run normalize`');
}

/**
 * Licence of the data and the site. It lives in seeds/source.json — curated metadata beside the
 * scheda, not the scheda itself — because the document does not state one.
 */
export function getSource(): SourceInfo {
  return readProjectJson<SourceInfo>('seeds/source.json', 'seeds/source.json is part of the repository');
}

/** The first 12 hex digits of the seed's sha256: enough to tell editions apart in a footer. */
export function shortHash(sha256: string): string {
  return sha256.slice(0, 12);
}

/** Tables of the document by id (T01…, sub-grids T02a…). */
export function tablesById(): Map<string, TableInfo> {
  return new Map(getReport().tables.map((t) => [t.id, t]));
}
