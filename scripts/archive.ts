/**
 * npm run archive -- [--site DIR [--base /x/]] [--out DIR] [--work DIR] [--quiet]
 *
 * Writes archive/<name>.zip, an offline copy of the site that works unzipped and opened from
 * disk (file://): every internal link relative, directory links ending in index.html, the
 * search page explaining that search needs a web server (the /cerca/ page does that itself on
 * file://: the archive is the same pages, only the links change). Name, content and bytes come from the
 * edition (content/data/edition.json) and the build, never from the clock: the same seeds give
 * the same zip.
 *
 * Without --site it builds a separate root-based copy of the site (normalise → astro build →
 * pagefind, in <work>/site) and leaves dist/ alone. With --site it archives an existing build
 * (made with SITE_BASE=--base, '/' by default) of the current content/data/.
 *
 * Steps: copy the build → rewrite links (scripts/postbuild/relative-links.ts) → inline module
 * scripts, which browsers refuse from disk (scripts/postbuild/module-scripts.ts) → add the seed
 * under fonte/, LEGGIMI.txt,
 * MANIFEST.sha256 → check that every internal reference resolves → zip with sorted entries and
 * a fixed timestamp (scripts/postbuild/zip.ts) → archive/<name>.zip and <name>.zip.sha256.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { archiveName, archiveTimestamp, leggimi, manifest, sha256Hex, type EditionInfo, type SourceInfo } from './postbuild/archive-meta.ts';
import { buildScriptDrift, buildSite } from './postbuild/build-site.ts';
import { checkTree, inlineModulesInTree, listFiles, rewriteTree } from './postbuild/tree.ts';
import { byteOrder, zipDeterministic } from './postbuild/zip.ts';

export interface ArchiveOptions {
  /** Project root. */
  root: string;
  /** An existing build to archive; when absent, a fresh one is made in <work>/site. */
  site?: string;
  /** Base path the existing build was made with. */
  base?: string;
  /** Where the zip goes (default <root>/archive). */
  outDir?: string;
  /** Scratch directory (default <root>/.tmp/archive). */
  workDir?: string;
  log?: (line: string) => void;
}

export interface ArchiveResult {
  name: string;
  zipPath: string;
  bytes: number;
  sha256: string;
  files: number;
  pages: number;
  /** The unzipped tree, as staged (<work>/<name>). */
  staging: string;
  ms: { build: number; rewrite: number; zip: number; total: number };
}

class ArchiveError extends Error {}

function readJson<T>(path: string, hint: string): T {
  if (!existsSync(path)) throw new ArchiveError(`${path} not found: ${hint}`);
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** Build (or take) the site and write the archive. Throws ArchiveError with a readable message. */
export function createArchive(o: ArchiveOptions): ArchiveResult {
  const t0 = performance.now();
  const root = resolve(o.root);
  const log = o.log ?? (() => {});
  const work = resolve(o.workDir ?? join(root, '.tmp', 'archive'));
  const outDir = resolve(o.outDir ?? join(root, 'archive'));
  const rel = (p: string) => relative(root, p) || '.';
  mkdirSync(work, { recursive: true });

  let site: string;
  let base = o.base ?? '/';
  let buildMs = 0;
  if (o.site) {
    site = resolve(o.site);
    if (!existsSync(join(site, 'index.html'))) throw new ArchiveError(`${o.site}: no index.html (is it a built site?)`);
  } else {
    const drift = buildScriptDrift(root);
    if (drift) log(`archive: warning: ${drift}`);
    log(`archive: building a root-based copy of the site in ${rel(join(work, 'site'))}/ (dist/ is left alone)`);
    const b = buildSite({ root, outDir: join(work, 'site'), cacheDir: join(work, 'astro-cache'), base: '/', normalize: true });
    site = b.outDir;
    base = '/';
    buildMs = b.ms.normalize + b.ms.astro + b.ms.pagefind;
    log(`archive: built in ${(buildMs / 1000).toFixed(1)} s (normalize ${(b.ms.normalize / 1000).toFixed(1)} s, astro ${(b.ms.astro / 1000).toFixed(1)} s, pagefind ${(b.ms.pagefind / 1000).toFixed(1)} s)`);
  }

  // The edition names the archive; it must be the edition of the seed in seeds/ right now.
  const edition = readJson<EditionInfo>(join(root, 'content/data/edition.json'), 'run `npm run normalize`');
  const source = readJson<SourceInfo>(join(root, 'seeds/source.json'), 'seeds/source.json is part of the repository');
  const seedPath = join(root, edition.file);
  if (!existsSync(seedPath)) throw new ArchiveError(`${edition.file} (named by content/data/edition.json) not found: run \`npm run normalize\``);
  const seed = readFileSync(seedPath);
  if (sha256Hex(seed) !== edition.sha256) {
    throw new ArchiveError(`content/data/edition.json is not the edition of ${edition.file} (sha256 differs): run \`npm run normalize\` and rebuild`);
  }
  const name = archiveName(edition);

  const t1 = performance.now();
  const staging = join(work, name);
  rmSync(staging, { recursive: true, force: true });
  cpSync(site, staging, { recursive: true });
  for (const extra of ['LEGGIMI.txt', 'MANIFEST.sha256', 'fonte']) {
    if (existsSync(join(staging, extra))) throw new ArchiveError(`${rel(site)}/${extra} exists in the build: the archive adds its own`);
  }
  const rw = rewriteTree(staging, base);
  if (rw.outside.length) {
    throw new ArchiveError(
      `${rw.outside.length} root-absolute URL(s) outside the base ${base} (was the site built with another SITE_BASE?):\n  ` + rw.outside.slice(0, 20).join('\n  '),
    );
  }
  // Module scripts are refused from disk: inline them where they are used (module-scripts.ts).
  const mods = inlineModulesInTree(staging);
  if (mods.problems.length) throw new ArchiveError(`module script(s) that cannot work from disk:\n  ${mods.problems.slice(0, 20).join('\n  ')}`);
  mkdirSync(join(staging, 'fonte'));
  const seedCopy = `fonte/${basename(edition.file)}`;
  writeFileSync(join(staging, seedCopy), seed);

  const siteFiles = listFiles(staging);
  const pages = siteFiles.filter((f) => f.endsWith('.html')).length;
  const readme = leggimi({ name, edition, source, files: siteFiles.length + 1, pages, seedCopy });
  writeFileSync(join(staging, 'LEGGIMI.txt'), readme);
  const listed = listFiles(staging).map((p) => ({ path: p, data: readFileSync(join(staging, ...p.split('/'))) }));
  writeFileSync(join(staging, 'MANIFEST.sha256'), manifest(listed));

  const check = checkTree(staging);
  const problems = [
    ...check.broken.map((s) => `broken: ${s}`),
    ...check.absolute.map((s) => `root-absolute: ${s}`),
    ...check.directory.map((s) => `directory link: ${s}`),
  ];
  if (problems.length) {
    throw new ArchiveError(`${problems.length} reference(s) would not work from disk:\n  ${problems.slice(0, 30).join('\n  ')}${problems.length > 30 ? `\n  … and ${problems.length - 30} more` : ''}`);
  }
  const rewriteMs = performance.now() - t1;

  const t2 = performance.now();
  const entries = listFiles(staging)
    .map((p) => ({ path: `${name}/${p}`, data: new Uint8Array(readFileSync(join(staging, ...p.split('/')))) }))
    .sort((a, b) => byteOrder(a.path, b.path));
  const zip = zipDeterministic(entries, archiveTimestamp(edition));
  mkdirSync(outDir, { recursive: true });
  const zipPath = join(outDir, `${name}.zip`);
  const tmp = `${zipPath}.tmp-${process.pid}`;
  writeFileSync(tmp, zip);
  renameSync(tmp, zipPath);
  const sha256 = sha256Hex(zip);
  writeFileSync(`${zipPath}.sha256`, `${sha256}  ${name}.zip\n`);
  const zipMs = performance.now() - t2;

  log(
    `archive: ${rw.html} HTML and ${rw.css} CSS files rewritten to relative links (${rw.changed} changed), ` +
      `${mods.inlined.size} module script(s) inlined${mods.inlined.size ? ` (${[...mods.inlined].map(([m, n]) => `${m} in ${n} page(s)`).join(', ')})` : ''}, ${check.refs} references checked`,
  );
  return {
    name,
    zipPath,
    bytes: zip.length,
    sha256,
    files: entries.length,
    pages,
    staging,
    ms: { build: buildMs, rewrite: rewriteMs, zip: zipMs, total: performance.now() - t0 },
  };
}

function parseArgs(argv: string[]) {
  const a: { site?: string; base?: string; out?: string; work?: string; quiet: boolean } = { quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = () => {
      const x = argv[++i];
      if (!x) throw new ArchiveError(`${k} needs a value`);
      return x;
    };
    if (k === '--site') a.site = v();
    else if (k === '--base') a.base = v();
    else if (k === '--out') a.out = v();
    else if (k === '--work') a.work = v();
    else if (k === '--quiet') a.quiet = true;
    else throw new ArchiveError(`unknown option ${k} (use --site DIR, --base PATH, --out DIR, --work DIR, --quiet)`);
  }
  if (a.base && !a.site) throw new ArchiveError('--base only applies to an existing build given with --site');
  return a;
}

function main(): number {
  try {
    const a = parseArgs(process.argv.slice(2));
    const log = (s: string) => {
      if (!a.quiet) console.log(s);
    };
    const r = createArchive({ root: process.cwd(), site: a.site, base: a.base, outDir: a.out, workDir: a.work, log });
    const mib = (r.bytes / 1024 / 1024).toFixed(2);
    console.log(`archive: ${relative(process.cwd(), r.zipPath)} — ${r.bytes} byte (${mib} MiB), ${r.files} file, ${r.pages} pagine`);
    console.log(`archive: sha256 ${r.sha256}`);
    log(`archive: ${(r.ms.total / 1000).toFixed(1)} s (build ${(r.ms.build / 1000).toFixed(1)} s, rewrite+check ${(r.ms.rewrite / 1000).toFixed(1)} s, zip ${(r.ms.zip / 1000).toFixed(1)} s)`);
    return 0;
  } catch (e) {
    console.error(e instanceof ArchiveError ? `archive: ${e.message}` : `archive: ${(e as Error).message}`);
    return 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  process.exitCode = main();
}
