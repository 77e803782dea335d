/**
 * Build the site into a directory of our choosing, the way `npm run build` does (normalise →
 * astro build → pagefind), without touching dist/: the archive and the deploy tests need builds
 * of their own (root-absolute for http, a sub-path, a second build to compare bytes).
 *
 * Astro runs in a child process through its programmatic API, so each build gets its own
 * outDir and cacheDir (the content-layer data store lives there: two builds never share or
 * corrupt a cache, and a second build cannot pass by reusing the first one's store). The base
 * comes from SITE_BASE, exactly as astro.config.mjs reads it.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

/** The chain this module reproduces; a different `build` script in package.json is reported. */
export const EXPECTED_BUILD_SCRIPT = 'npm run normalize && astro build && pagefind --site dist';

export interface BuildOptions {
  /** Project root (where astro.config.mjs is). */
  root: string;
  /** Output directory (emptied first). */
  outDir: string;
  /** Astro cache directory for this build (emptied first). */
  cacheDir: string;
  /** SITE_BASE for this build ('/' when omitted). */
  base?: string;
  /** Extra environment (TZ, NODE_OPTIONS, …) for every step. */
  env?: NodeJS.ProcessEnv;
  /** Run the normaliser first (writes content/data/, as `npm run build` does). */
  normalize?: boolean;
  /** Print the steps' output (default: only on failure). */
  verbose?: boolean;
}

export interface BuildResult {
  outDir: string;
  ms: { normalize: number; astro: number; pagefind: number };
}

/** Warning text when package.json's build script is not the chain this module reproduces. */
export function buildScriptDrift(root: string): string | null {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const s = pkg.scripts?.build ?? '';
  return s === EXPECTED_BUILD_SCRIPT
    ? null
    : `package.json "build" is now "${s}"; scripts/postbuild/build-site.ts reproduces "${EXPECTED_BUILD_SCRIPT}": update it`;
}

function run(label: string, cmd: string, args: string[], opts: SpawnSyncOptions & { verbose?: boolean }): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { ...opts, encoding: 'utf8', stdio: opts.verbose ? 'inherit' : 'pipe', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) {
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-40).join('\n');
    throw new Error(`${label} failed (exit ${r.status ?? r.signal})${out ? `:\n${out}` : ''}`);
  }
  return performance.now() - t0;
}

/** Build the site into `outDir`. Throws with the tail of the failing step's output. */
export function buildSite(o: BuildOptions): BuildResult {
  const root = resolve(o.root);
  const outDir = resolve(o.outDir);
  const cacheDir = resolve(o.cacheDir);
  const bin = (n: string) => join(root, 'node_modules', '.bin', n);
  for (const n of ['tsx', 'pagefind']) if (!existsSync(bin(n))) throw new Error(`${bin(n)} missing: run npm ci`);
  rmSync(outDir, { recursive: true, force: true });
  rmSync(cacheDir, { recursive: true, force: true });
  const env: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', SITE_BASE: o.base ?? '/', ...o.env };
  const common = { cwd: root, env, verbose: o.verbose };
  const ms = { normalize: 0, astro: 0, pagefind: 0 };
  if (o.normalize) ms.normalize = run('normalize', bin('tsx'), ['scripts/normalize.ts', '--quiet'], common);
  const program = [
    "import { build } from 'astro';",
    `await build({ root: ${JSON.stringify(root)}, outDir: ${JSON.stringify(outDir)}, cacheDir: ${JSON.stringify(cacheDir)}, logLevel: ${JSON.stringify(o.verbose ? 'info' : 'warn')} });`,
  ].join('\n');
  ms.astro = run('astro build', process.execPath, ['--input-type=module', '-e', program], common);
  ms.pagefind = run('pagefind', bin('pagefind'), ['--site', outDir, '--silent'], common);
  return { outDir, ms };
}
