/**
 * npm run normalize -- [--seeds DIR] [--out DIR] [--strict]
 *
 * The one entry point that does I/O: reads the scheda from seeds/, runs the pure table-family
 * parsers, validates every record with the shared zod schemas, reconciles printed totals and
 * writes the collections plus report.json atomically (temp dir, then rename). On bad input it
 * prints a located message (`seeds/<file>:<line>: expected …, found …`), exits 1 and leaves the
 * previous output untouched.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SeedError } from './lib/errors.ts';
import { normalizeSeed, type NormalizeOutput } from './lib/pipeline.ts';
import { stableStringify } from './lib/json.ts';

interface Args {
  seeds: string;
  out: string;
  strict: boolean;
  quiet: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { seeds: 'seeds', out: 'content/data', strict: false, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--seeds') a.seeds = argv[++i] ?? '';
    else if (k === '--out') a.out = argv[++i] ?? '';
    else if (k === '--strict') a.strict = true;
    else if (k === '--quiet') a.quiet = true;
    else throw new UsageError(`unknown option ${k} (use --seeds DIR, --out DIR, --strict)`);
  }
  if (!a.seeds || !a.out) throw new UsageError('--seeds and --out need a directory');
  return a;
}

class UsageError extends Error {}

/** Pick the scheda in the seeds directory: exactly one `*.txt`. */
function findSeed(dir: string): string {
  if (!existsSync(dir)) throw new UsageError(`${dir}: seeds directory not found`);
  const txt = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  if (txt.length === 0) throw new SeedError(dir, 1, 'a scheda (*.txt) in the seeds directory', 'none');
  if (txt.length > 1) throw new SeedError(dir, 1, 'exactly one scheda (*.txt)', `${txt.length}: ${txt.join(', ')}`);
  return join(dir, txt[0]);
}

function readCorrections(dir: string) {
  const p = join(dir, 'corrections.json');
  if (!existsSync(p)) return [];
  const rel = relPath(p);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(p, 'utf8'));
  } catch (e) {
    throw new SeedError(rel, 1, 'valid JSON', (e as Error).message);
  }
  const out: { raw: string; fixed: string; reason: string }[] = [];
  for (const [section, entries] of Object.entries(data as Record<string, unknown>)) {
    if (section.startsWith('_')) continue;
    if (!Array.isArray(entries)) throw new SeedError(rel, 1, `an array of corrections in "${section}"`, typeof entries);
    for (const e of entries) {
      const c = e as Record<string, unknown>;
      if (typeof c.raw !== 'string' || typeof c.fixed !== 'string' || typeof c.reason !== 'string' || !c.reason.trim()) {
        throw new SeedError(rel, 1, `{raw, fixed, reason} in "${section}"`, JSON.stringify(e).slice(0, 120));
      }
      out.push({ raw: c.raw, fixed: c.fixed, reason: c.reason });
    }
  }
  return out;
}

const relPath = (p: string) => relative(process.cwd(), resolve(p)) || p;

/** Write every output file into a fresh temp dir next to `out`, then swap it in. */
function writeAtomically(out: string, files: Map<string, string>) {
  const parent = dirname(resolve(out));
  mkdirSync(parent, { recursive: true });
  const tmp = join(parent, `.${basename(out)}.tmp-${process.pid}`);
  const old = join(parent, `.${basename(out)}.old-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  for (const [name, body] of [...files].sort(([a], [b]) => a.localeCompare(b))) writeFileSync(join(tmp, name), body);
  if (existsSync(out)) renameSync(out, old);
  renameSync(tmp, out);
  rmSync(old, { recursive: true, force: true });
}

function render(result: NormalizeOutput): Map<string, string> {
  const files = new Map<string, string>();
  for (const [name, records] of Object.entries(result.collections)) {
    files.set(`${name}.json`, stableStringify(records) + '\n');
  }
  files.set('report.json', stableStringify(result.report) + '\n');
  files.set('edition.json', stableStringify(result.edition) + '\n');
  return files;
}

function main(): number {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`normalize: ${(e as Error).message}`);
    return 2;
  }
  const log = (s: string) => {
    if (!args.quiet) console.log(s);
  };
  const t0 = performance.now();
  try {
    const seedPath = findSeed(args.seeds);
    const bytes = readFileSync(seedPath);
    const corrections = readCorrections(args.seeds);
    const sourcePath = join(args.seeds, 'source.json');
    const source = existsSync(sourcePath) ? JSON.parse(readFileSync(sourcePath, 'utf8')) : {};
    // Provenance and messages name the seed as the project stores it (seeds/<file>), whatever
    // directory it was read from, so output bytes do not depend on where the seeds live.
    const result = normalizeSeed(new Uint8Array(bytes), `seeds/${basename(seedPath)}`, corrections, source);
    for (const t of result.report.tables) log(`  ${t.id.padEnd(5)} ${String(t.rows).padStart(4)} righe  ${t.title}`);
    const s = result.report.summary;
    log(
      `normalize: ${s.records} record in ${Object.keys(result.collections).length} collezioni, ` +
        `${s.repairs} riparazioni (${s.corrections} da corrections.json), ` +
        `${s.checks} verifiche (${s.mismatches} discordanze), ` +
        `${s.unconsumed} righe non consumate (${s.unconsumedWithDigits} con cifre) — ${(performance.now() - t0).toFixed(0)} ms`,
    );
    if (args.strict && s.unconsumedWithDigits > 0) {
      for (const l of result.report.unconsumed.filter((u) => /\d/.test(u.text))) {
        console.error(`${result.edition.file}:${l.line}: expected a line of a known table, found unconsumed data ${JSON.stringify(l.text.slice(0, 80))}`);
      }
      console.error(`normalize --strict: ${s.unconsumedWithDigits} unconsumed line(s) contain digits; output not written`);
      return 1;
    }
    writeAtomically(args.out, render(result));
    log(`normalize: scritto ${relPath(args.out)}/`);
    return 0;
  } catch (e) {
    if (e instanceof SeedError || e instanceof UsageError) {
      console.error(e.message);
      console.error('normalize: nothing written; the previous output is unchanged');
      return 1;
    }
    console.error(`normalize: internal error: ${(e as Error).message}`);
    console.error('normalize: nothing written; the previous output is unchanged');
    return 1;
  }
}

process.exitCode = main();
