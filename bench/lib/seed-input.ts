/**
 * The normaliser's inputs read the way scripts/normalize.ts reads them (the one `*.txt` scheda,
 * corrections.json flattened across sections, source.json), so the benchmark can time the pure
 * `normalizeSeed` in-process without the entry script's start-up and file writes.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceInfo } from '../../scripts/lib/pipeline.ts';
import type { Correction } from '../../scripts/lib/types.ts';

export interface SeedInput {
  /** Name as provenance records it: seeds/<file>. */
  file: string;
  bytes: Uint8Array;
  corrections: Correction[];
  source: SourceInfo;
}

export function readSeedInput(seedsDir: string): SeedInput {
  const txt = readdirSync(seedsDir)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  if (txt.length !== 1) throw new Error(`${seedsDir}: expected exactly one scheda (*.txt), found ${txt.length}`);
  const corrPath = join(seedsDir, 'corrections.json');
  const corrections = existsSync(corrPath)
    ? Object.entries(JSON.parse(readFileSync(corrPath, 'utf8')) as Record<string, unknown>)
        .filter(([k]) => !k.startsWith('_'))
        .flatMap(([, v]) => v as Correction[])
    : [];
  const sourcePath = join(seedsDir, 'source.json');
  const source = existsSync(sourcePath) ? (JSON.parse(readFileSync(sourcePath, 'utf8')) as SourceInfo) : {};
  return { file: `seeds/${txt[0]}`, bytes: new Uint8Array(readFileSync(join(seedsDir, txt[0]))), corrections, source };
}
