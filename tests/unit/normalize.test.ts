/**
 * The normaliser as a whole: bad input gives a located human error and leaves the previous
 * output intact; output is deterministic; nothing is keyed to this edition's line numbers
 * or values; --strict passes on the real seed.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeSeed } from '../../scripts/lib/pipeline.ts';
import { seedCorrections } from '../golden/harness.ts';

const ROOT = join(import.meta.dirname, '../..');
const SEED_NAME = readdirSync(join(ROOT, 'seeds')).find((f) => f.endsWith('.txt'))!;
const SEED_TEXT = readFileSync(join(ROOT, 'seeds', SEED_NAME), 'utf8');
const FILE = `seeds/${SEED_NAME}`;

let work: string;

function runCli(seedsDir: string, outDir: string, extra: string[] = []) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/normalize.ts'), '--seeds', seedsDir, '--out', outDir, '--quiet', ...extra], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A seeds/ copy whose scheda is replaced by `content`. */
function seedsWith(name: string, content: string | Buffer): string {
  const dir = join(work, name, 'seeds');
  mkdirSync(dir, { recursive: true });
  cpSync(join(ROOT, 'seeds'), dir, { recursive: true });
  writeFileSync(join(dir, SEED_NAME), content);
  return dir;
}

function dirHash(dir: string): string {
  const h = createHash('sha256');
  for (const f of readdirSync(dir).sort()) h.update(f).update(readFileSync(join(dir, f)));
  return h.digest('hex');
}

/** Records without their line numbers: what must not change when lines shift. */
function withoutLines(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutLines);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>)
        // Line numbers (provenance spans, the line a merged group label is printed on) must move with the text.
        .filter(([k]) => !/^lines?$|Riga$/.test(k))
        .map(([k, x]) => [k, withoutLines(x)]),
    );
  }
  return v;
}

const run = (text: string) => normalizeSeed(new TextEncoder().encode(text), FILE, seedCorrections());

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'normalize-test-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the real seed', () => {
  it('passes --strict with no unconsumed line containing a digit, and writes every collection', () => {
    const out = join(work, 'strict-out');
    const r = runCli(join(ROOT, 'seeds'), out, ['--strict']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(report.summary.unconsumedWithDigits).toBe(0);
    for (const c of ['measures', 'provinces', 'cpi', 'cpiPlan', 'cpiTargets', 'entities', 'projects', 'comuni']) {
      expect(readdirSync(out), c).toContain(`${c}.json`);
    }
  });

  it('classifies every line of the seed', () => {
    const { report } = run(SEED_TEXT);
    expect(report.lines).toHaveLength(SEED_TEXT.split('\n').length - (SEED_TEXT.endsWith('\n') ? 1 : 0));
    for (const l of report.lines) expect(['consumed', 'structural', 'prose', 'unconsumed']).toContain(l.class);
  });

  it('records at least the five mismatches the inventory lists', () => {
    const { report } = run(SEED_TEXT);
    expect(report.summary.mismatches).toBeGreaterThanOrEqual(5);
    expect(report.checks.filter((c) => !c.ok).every((c) => c.stated !== null || c.computed !== null)).toBe(true);
  });
});

describe('determinism', () => {
  it('writes byte-identical output for the same seeds', () => {
    const a = join(work, 'det-a');
    const b = join(work, 'det-b');
    expect(runCli(join(ROOT, 'seeds'), a).status).toBe(0);
    expect(runCli(join(ROOT, 'seeds'), b).status).toBe(0);
    expect(dirHash(a)).toBe(dirHash(b));
  });
});

describe('nothing is keyed to this edition', () => {
  it('gives the same records when every line shifts and blank lines are inserted between rows', () => {
    const base = run(SEED_TEXT);
    const lines = SEED_TEXT.split('\n');
    // Three blank lines on top, then one more after every 9th line (inside tables too).
    const shifted = ['', '', '', ...lines.flatMap((l, i) => (i % 9 === 8 ? [l, ''] : [l]))].join('\n');
    const moved = run(shifted);
    expect(withoutLines(moved.collections)).toEqual(withoutLines(base.collections));
    expect(moved.report.summary.unconsumedWithDigits).toBe(base.report.summary.unconsumedWithDigits);
  });

  it('follows changed numbers, including in damaged cells', () => {
    const changed = SEED_TEXT.replace('476.666,6 7 €', '476.777,6 7 €').replace('2023\t42.759\t', '2023\t42.760\t');
    expect(changed).not.toBe(SEED_TEXT);
    const { collections, report } = run(changed);
    const p = (collections.projects as { cup: string; importo: { value: number } }[]).find((x) => x.cup === 'D74H22000340001');
    expect(p?.importo.value).toBe(476777.67);
    const text = JSON.stringify(collections.ispezioni);
    expect(text).toContain('42760');
    // The printed 2023 total no longer matches its semesters: published as a mismatch, not a failure.
    const base = run(SEED_TEXT).report.summary.mismatches;
    expect(report.summary.mismatches).toBeGreaterThan(base);
  });
});

describe('bad input', () => {
  let goodOut: string;
  let goodHash: string;

  beforeAll(() => {
    goodOut = join(work, 'kept-out');
    expect(runCli(join(ROOT, 'seeds'), goodOut).status).toBe(0);
    goodHash = dirHash(goodOut);
  });

  const located = new RegExp(`^seeds/${SEED_NAME.replace('.', '\\.')}:(\\d+): expected .+, found .+`, 'm');

  function expectLocatedFailure(name: string, content: string | Buffer, line?: number) {
    const r = runCli(seedsWith(name, content), goodOut);
    expect(r.status, r.stderr).toBe(1);
    const m = located.exec(r.stderr);
    expect(m, `stderr: ${r.stderr}`).not.toBeNull();
    if (line !== undefined) expect(Number(m![1])).toBe(line);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(dirHash(goodOut)).toBe(goodHash);
  }

  it('an empty file', () => expectLocatedFailure('empty', '', 1));

  it('a binary file', () => {
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
    expectLocatedFailure('binary', bytes, 1);
  });

  it('Latin-1 instead of UTF-8', () => {
    const text = SEED_TEXT.replace(/€/g, 'EUR').replace(/[’“”➤–]/g, '-');
    const latin = Buffer.from(text, 'latin1');
    const firstNonAscii = text.split('\n').findIndex((l) => /[^\x00-\x7f]/.test(l)) + 1;
    expectLocatedFailure('latin1', latin, firstNonAscii);
  });

  it('a file truncated mid-table', () => {
    const lines = SEED_TEXT.split('\n');
    const at = lines.findIndex((l) => l.startsWith('COMUNE DI CORBETTA'));
    expect(at).toBeGreaterThan(0);
    const truncated = [...lines.slice(0, at), lines[at].slice(0, 40)].join('\n');
    expectLocatedFailure('truncated', truncated);
  });

  it('a table with a column removed', () => {
    const header = 'Annualità\tI semestre\tII semestre\tTotale';
    expect(SEED_TEXT).toContain(header);
    const line = SEED_TEXT.split('\n').findIndex((l) => l === header) + 1;
    expectLocatedFailure('col-removed', SEED_TEXT.replace(header, 'Annualità\tI semestre\tTotale'), line);
  });

  it('a table with a column added', () => {
    const header = 'Regione\tCPI\tN. attività programmate\tN. attività completate\tPercentuale di completamento';
    expect(SEED_TEXT).toContain(header);
    const line = SEED_TEXT.split('\n').findIndex((l) => l.startsWith(header)) + 1;
    expectLocatedFailure('col-added', SEED_TEXT.replace(header, header.replace('\tCPI\t', '\tCPI\tProvincia\t')), line);
  });
});
