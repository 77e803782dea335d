/**
 * Golden tests: `tests/golden/<case>.txt` (an excerpt of a scheda) beside `<case>.json`
 * (the expected parser output). A missing expectation is written locally and fails in CI;
 * a mismatch writes `<case>.changed.json` next to it for diffing, and fails.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { createContext } from '../../scripts/lib/context.ts';
import { stableStringify } from '../../scripts/lib/json.ts';
import { toLines } from '../../scripts/lib/seed.ts';
import type { Correction, ParseCtx } from '../../scripts/lib/types.ts';

const DIR = join(import.meta.dirname);

/** Corrections of the real seeds/, so excerpts are repaired exactly as the full document. */
export function seedCorrections(): Correction[] {
  const data = JSON.parse(readFileSync(join(DIR, '../../seeds/corrections.json'), 'utf8')) as Record<string, unknown>;
  return Object.entries(data)
    .filter(([k]) => !k.startsWith('_'))
    .flatMap(([, v]) => v as Correction[]);
}

/** Build a parse context over an excerpt file, as the pipeline does for the whole seed. */
export function excerptContext(caseName: string) {
  const text = readFileSync(join(DIR, `${caseName}.txt`), 'utf8');
  return createContext(`tests/golden/${caseName}.txt`, toLines(text), seedCorrections());
}

/** Run `parse` on the excerpt and compare with the expectation. */
export function golden(caseName: string, parse: (ctx: ParseCtx) => unknown) {
  const state = excerptContext(caseName);
  const actual = stableStringify({ output: parse(state.ctx), repairs: state.repairs }) + '\n';
  const expectedPath = join(DIR, `${caseName}.json`);
  const changedPath = join(DIR, `${caseName}.changed.json`);
  if (!existsSync(expectedPath)) {
    if (process.env.CI) throw new Error(`golden ${caseName}: missing ${caseName}.json (run the tests locally to write it, then review and commit it)`);
    writeFileSync(expectedPath, actual);
    throw new Error(`golden ${caseName}: wrote the missing expectation ${caseName}.json; review it and run again`);
  }
  const expected = readFileSync(expectedPath, 'utf8');
  if (expected !== actual) writeFileSync(changedPath, actual);
  else rmSync(changedPath, { force: true });
  expect(actual, `golden ${caseName} differs: see ${caseName}.changed.json`).toBe(expected);
}
