/**
 * Scratch copies of the project, so the benchmark never writes into the working tree (other
 * builds may be running there) and each edition builds from a clean state.
 *
 * The copy holds the sources (not .git, dist, content/data or caches) and a node_modules
 * directory made of symlinks to the project's packages: installing nothing, yet giving the copy
 * its own node_modules/.vite and node_modules/.astro caches (a symlink to the whole directory
 * would share the project's Astro data store with every other build).
 */
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Top-level entries never copied: VCS, build output, generated data, caches, bench output. */
const SKIP_TOP = new Set(['.git', 'node_modules', 'dist', '.astro', '.tmp', 'archive', 'test-results', 'coverage']);
/** Paths (relative, posix) never copied at any depth. */
const SKIP_PATHS = new Set(['content/data', 'bench/results.json', 'bench/RESULTS.md', 'bench/logs']);
/** Caches inside node_modules that must belong to each copy. */
const OWN_CACHES = new Set(['.vite', '.vite-temp', '.astro', '.cache']);

/** Copy `repo` into `dir` (emptied first) and link its packages. Returns `dir`. */
export function makeScratch(repo: string, dir: string): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const entry of readdirSync(repo, { withFileTypes: true })) {
    if (SKIP_TOP.has(entry.name)) continue;
    cpSync(join(repo, entry.name), join(dir, entry.name), {
      recursive: true,
      filter: (src) => {
        const rel = relative(repo, src).split(sep).join('/');
        return !SKIP_PATHS.has(rel) && !/(^|\/)\.[^/]*\.(tmp|old)-\d+$/.test(rel);
      },
    });
  }
  const modules = join(repo, 'node_modules');
  if (!existsSync(modules)) throw new Error(`${modules} not found: run \`npm ci\` first`);
  mkdirSync(join(dir, 'node_modules'));
  for (const name of readdirSync(modules)) {
    if (OWN_CACHES.has(name)) continue;
    symlinkSync(join(modules, name), join(dir, 'node_modules', name));
  }
  return dir;
}

/** Delete a scratch copy. */
export function removeScratch(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
