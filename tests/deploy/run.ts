// Deploy suite: any base path, the offline archive, reproducible bytes, the CSP.
//
//   npm run test:deploy                 build everything fresh (CI)
//   npm run test:deploy -- --reuse      reuse the builds of the previous run in .tmp/deploy/
//                                        (quick iteration on the checks; never in CI)
//   npm run test:deploy -- --b1 dist    take b1 from a root build just made by `npm run build`
//                                        (CI, right after its build step: one build fewer)
//
// Builds (in .tmp/deploy/, dist/ is never touched):
//   b1   normalise + astro + pagefind, base '/', TZ Europe/Rome
//   b2   `npm run archive` as a user runs it (its own build in archive-b/site, then the zip),
//        with another clock (+3 years, tests/deploy/clock-shift.mjs), time zone and locale
//   sub  SITE_BASE=/qualsiasi/percorso/
// Checks: b1 and b2 byte-identical (site and zip) and content/data unchanged by the second
// normalisation; the zip of b1 unzipped (sha256sum -c, manifest, LEGGIMI, order, timestamps,
// every reference resolving) and opened from file:// in Chromium; the sub-path build served
// under its prefix; b1 served with its generated Content-Security-Policy, every page crawled.
// Prints `N passed, N failed` last; exits 1 on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createArchive, type ArchiveResult } from '../../scripts/archive.ts';
import { archiveTimestamp, type EditionInfo } from '../../scripts/postbuild/archive-meta.ts';
import { buildSite } from '../../scripts/postbuild/build-site.ts';
import { allHeaders, buildPolicy, headersFile, inventory, nginxSnippet } from '../../scripts/postbuild/csp.ts';
import { checkTree, listFiles } from '../../scripts/postbuild/tree.ts';
import { byteOrder, dosDateTime } from '../../scripts/postbuild/zip.ts';
import { launchBrowser } from '../support/browser.mjs';
import { createReport } from '../support/report.mjs';
import { startServer } from '../support/server.mjs';
import { byType, coverageProblems, discoverPages, spread } from '../support/site.mjs';
import { Monitor, downloadCsv, filePlace, httpPlace, journey, offlineSearch, onlineSearch, styled, unstyledFont, visitAll } from './browser.ts';
import { compareTrees, hashTree, treeDigest } from './trees.ts';
import { readCentralDirectory } from './zip-read.ts';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const W = join(ROOT, '.tmp', 'deploy');
const SUB_BASE = '/qualsiasi/percorso/';
const CLOCK_SHIFT = join(ROOT, 'tests', 'deploy', 'clock-shift.mjs');
const reuse = process.argv.includes('--reuse');
const b1Arg = process.argv.indexOf('--b1');
const b1From = b1Arg > 0 ? resolve(process.argv[b1Arg + 1] ?? '') : null;
const report = createReport();
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const dirs = {
  b1: b1From ?? join(W, 'b1'),
  b2: join(W, 'archive-b', 'site'),
  sub: join(W, 'sub'),
  zipA: join(W, 'zip-a'),
  zipB: join(W, 'zip-b'),
  unzipped: join(W, 'unzipped'),
};

/** A check that could not run because what it needs failed earlier: a failure, never a skip. */
const blocked = (name: string, why: string) => report.fail(name, `not run: ${why}`);

/** Digest of everything a build reads, to tell a real non-determinism from an edit made mid-run. */
function sourceDigest(): string {
  const h = new Map<string, string>();
  for (const d of ['src', 'scripts', 'seeds', 'content', 'public']) {
    const abs = join(ROOT, d);
    if (!existsSync(abs)) continue;
    for (const [p, s] of hashTree(abs)) if (!p.startsWith('data/')) h.set(`${d}/${p}`, s);
  }
  for (const f of ['astro.config.mjs', 'package-lock.json']) if (existsSync(join(ROOT, f))) h.set(f, treeDigest(new Map([[f, readFileSync(join(ROOT, f)).toString('base64')]])));
  return treeDigest(h);
}

function dataDigest(): string {
  const dir = join(ROOT, 'content', 'data');
  return existsSync(dir) ? treeDigest(hashTree(dir)) : 'missing';
}

// ---------------------------------------------------------------- builds
report.section('builds');
mkdirSync(W, { recursive: true });
let b1ok = false;
let b2ok = false;
let subok = false;
let dataAfterB1 = '';
const sources = { before: '', after: '' };
let dataAfterB2 = '';
// Set inside callbacks: kept in an object so the type checker does not narrow them to null.
const made: { zipA: ArchiveResult | null; zipBPath: string | null } = { zipA: null, zipBPath: null };

if (reuse && existsSync(join(dirs.b1, 'index.html'))) {
  report.info('--reuse: taking b1, b2 and sub from the previous run (the reproducibility checks compare those builds)');
  b1ok = true;
  b2ok = existsSync(join(dirs.b2, 'index.html'));
  subok = existsSync(join(dirs.sub, 'index.html'));
  dataAfterB1 = dataAfterB2 = dataDigest();
  // Zip b2's site again with the current code, so an edit to the archiver since the last run
  // does not show up as a reproducibility failure.
  if (b2ok) made.zipBPath = createArchive({ root: ROOT, site: dirs.b2, outDir: dirs.zipB, workDir: join(W, 'archive-b-reuse') }).zipPath;
} else {
  sources.before = sourceDigest();
  if (b1From) {
    // An existing build stands for b1: it must be a root build of the current content/data/.
    const index = join(b1From, 'index.html');
    const problems = existsSync(index) ? [] : [`${b1From}/index.html missing: run \`npm run build\` first`];
    if (!problems.length) {
      const t = checkTree(b1From, '/');
      if (t.broken.length) problems.push(`${b1From} is not a root build of the current site (${t.broken.length} broken references, e.g. ${t.broken[0]}): was it built with SITE_BASE?`);
    }
    dataAfterB1 = dataDigest();
    report.check(`b1 is ${b1From} (an existing root build)`, problems);
    b1ok = problems.length === 0;
  } else await report.attempt('build b1 (base /, normalise + astro + pagefind)', async () => {
    const r = buildSite({ root: ROOT, outDir: dirs.b1, cacheDir: join(W, 'cache-b1'), normalize: true, env: { TZ: 'Europe/Rome' } });
    dataAfterB1 = dataDigest();
    report.info(`b1: normalize ${secs(r.ms.normalize)}, astro ${secs(r.ms.astro)}, pagefind ${secs(r.ms.pagefind)}`);
    report.pass('build b1 (base /, normalise + astro + pagefind)');
    b1ok = true;
  });
  await report.attempt('build b2 with `npm run archive` (another clock, time zone and locale)', async () => {
    rmSync(dirs.zipB, { recursive: true, force: true });
    const t0 = performance.now();
    const env = {
      ...process.env,
      TZ: 'Pacific/Pago_Pago',
      LANG: 'en_US.UTF-8',
      LC_ALL: 'en_US.UTF-8',
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${CLOCK_SHIFT}`.trim(),
    };
    rmSync(join(W, 'archive-b'), { recursive: true, force: true });
    const r = spawnSync('npm', ['run', '--silent', 'archive', '--', '--out', dirs.zipB, '--work', join(W, 'archive-b')], { cwd: ROOT, env, encoding: 'utf8' });
    // The build inside may have succeeded even if the archive step failed: compare it anyway.
    b2ok = existsSync(join(dirs.b2, 'index.html'));
    dataAfterB2 = dataDigest();
    if (r.status !== 0) throw new Error(`npm run archive exited ${r.status}:\n${(r.stdout + r.stderr).trim().split('\n').slice(-25).join('\n')}`);
    made.zipBPath = readdirSync(dirs.zipB).filter((f) => f.endsWith('.zip')).map((f) => join(dirs.zipB, f))[0] ?? null;
    if (!made.zipBPath) throw new Error(`npm run archive wrote no zip in ${dirs.zipB}`);
    for (const line of r.stdout.trim().split('\n')) report.info(`b2: ${line}`);
    report.info(`b2: ${secs(performance.now() - t0)} in all`);
    report.pass('build b2 with `npm run archive` (another clock, time zone and locale)');
  });
  sources.after = sourceDigest();
  await report.attempt(`build sub (SITE_BASE=${SUB_BASE})`, async () => {
    const r = buildSite({ root: ROOT, outDir: dirs.sub, cacheDir: join(W, 'cache-sub'), base: SUB_BASE });
    report.info(`sub: astro ${secs(r.ms.astro)}, pagefind ${secs(r.ms.pagefind)}`);
    report.pass(`build sub (SITE_BASE=${SUB_BASE})`);
    subok = true;
  });
}

let pagesB1: any[] = [];
if (b1ok) {
  pagesB1 = discoverPages(dirs.b1);
  report.info(`b1: ${pagesB1.length} HTML files (${[...byType(pagesB1)].map(([t, l]) => `${t} ${l.length}`).join(', ')})`);
  report.check('b1 has every page type the suites need', coverageProblems(pagesB1));
}

// ---------------------------------------------------------------- reproducible
report.section('reproducible');
if (sources.before !== sources.after) {
  // Someone edited the sources while b1 and b2 were building (a shared working tree): the
  // comparison below would blame the build for it.
  report.fail('sources unchanged between the two builds', 'src/, scripts/, seeds/, content/ or public/ changed during the run: run again (CI runs on a clean checkout)');
}
if (b1ok && b2ok) {
  report.check('content/data/ identical after the second normalisation (other clock, TZ, locale)', dataAfterB1 === dataAfterB2 ? [] : ['content/data/ changed between the two builds: the normaliser output depends on the clock, time zone or locale']);
  const cmp = compareTrees(dirs.b1, dirs.b2, 'b1', 'b2');
  report.info(`b1 vs b2: ${cmp.files} files compared`);
  report.check(`two builds of the same seeds are byte-identical (${cmp.files} files)`, cmp.problems);
} else {
  blocked('content/data/ identical after the second normalisation (other clock, TZ, locale)', 'a build failed');
  blocked('two builds of the same seeds are byte-identical', 'a build failed');
}
if (b1ok) {
  // Today's date in the forms a page could print it: it must appear nowhere in the output.
  const now = new Date();
  const y = now.getUTCFullYear();
  const mm = String(now.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(now.getUTCDate()).padStart(2, '0');
  const edition = JSON.parse(readFileSync(join(ROOT, 'content/data/edition.json'), 'utf8')) as EditionInfo;
  const today = [`${y}-${mm}-${dd}`, `${dd}/${mm}/${y}`].filter((d) => !edition.datiAl.includes(`${y}-${mm}-${dd}`));
  const hits: string[] = [];
  for (const f of listFiles(dirs.b1)) {
    if (!/\.(html|css|js|json|csv|txt|xml|svg|ttl|jsonld)$/.test(f)) continue;
    const text = readFileSync(join(dirs.b1, f), 'utf8');
    for (const d of today) if (text.includes(d)) hits.push(`${f}: contains today's date ${d}`);
  }
  report.check(`no file of the build contains today's date (${today.join(', ')})`, hits);
  await report.attempt('zip of b1', async () => {
    const zipA = (made.zipA = createArchive({ root: ROOT, site: dirs.b1, outDir: dirs.zipA, workDir: join(W, 'archive-a') }));
    report.info(`archive: ${zipA.name}.zip — ${zipA.bytes} bytes (${(zipA.bytes / 1048576).toFixed(2)} MiB), ${zipA.files} files, ${zipA.pages} pages; rewrite+check ${secs(zipA.ms.rewrite)}, zip ${secs(zipA.ms.zip)}`);
    report.pass('zip of b1');
  });
} else {
  blocked("no file of the build contains today's date", 'build b1 failed');
  blocked('zip of b1', 'build b1 failed');
}
if (made.zipA && made.zipBPath) {
  const zipA = made.zipA;
  const zipBPath = made.zipBPath;
  const a = readFileSync(zipA.zipPath);
  const b = readFileSync(zipBPath);
  report.check('the zip from `npm run archive` (b2) is byte-identical to the zip of b1', a.equals(b) ? [] : [`${zipA.zipPath} (${a.length} bytes) ≠ ${zipBPath} (${b.length} bytes)`]);
} else blocked('the zip from `npm run archive` (b2) is byte-identical to the zip of b1', 'a zip is missing');

// ---------------------------------------------------------------- archive
report.section('archive');
let archiveRoot: string | null = null;
if (made.zipA) {
  const z: ArchiveResult = made.zipA;
  const edition = JSON.parse(readFileSync(join(ROOT, 'content/data/edition.json'), 'utf8')) as EditionInfo;
  rmSync(dirs.unzipped, { recursive: true, force: true });
  mkdirSync(dirs.unzipped, { recursive: true });
  const unzip = spawnSync('unzip', ['-q', z.zipPath, '-d', dirs.unzipped], { encoding: 'utf8' });
  const top = existsSync(dirs.unzipped) ? readdirSync(dirs.unzipped) : [];
  report.check('unzip extracts one folder named like the zip', [
    ...(unzip.status === 0 ? [] : [`unzip exited ${unzip.status}: ${unzip.stderr}`]),
    ...(top.length === 1 && top[0] === z.name ? [] : [`top level: ${top.join(', ') || '(empty)'}, expected ${z.name}/`]),
  ]);
  archiveRoot = join(dirs.unzipped, z.name);
  const test = spawnSync('unzip', ['-tq', z.zipPath], { encoding: 'utf8' });
  report.check('unzip -t: every entry intact', test.status === 0 ? [] : [test.stdout + test.stderr]);

  const sum = spawnSync('sha256sum', ['-c', 'MANIFEST.sha256'], { cwd: archiveRoot, encoding: 'utf8' });
  const okLines = sum.stdout.split('\n').filter((l) => / OK$/.test(l)).length;
  const manifestLines = existsSync(join(archiveRoot, 'MANIFEST.sha256')) ? readFileSync(join(archiveRoot, 'MANIFEST.sha256'), 'utf8').trim().split('\n') : [];
  report.check(`sha256sum -c MANIFEST.sha256 passes inside the unzipped archive (${okLines} files OK)`, [
    ...(sum.status === 0 ? [] : [`exit ${sum.status}: ${(sum.stdout + sum.stderr).split('\n').filter((l) => !/ OK$/.test(l)).slice(0, 10).join(' | ')}`]),
    ...(okLines > 0 && okLines === manifestLines.length ? [] : [`${okLines} OK lines for ${manifestLines.length} manifest lines`]),
  ]);
  const files = listFiles(archiveRoot);
  const listed = new Set(manifestLines.map((l) => l.slice(66)));
  report.check('MANIFEST.sha256 lists every file of the archive but itself', [
    ...files.filter((f) => f !== 'MANIFEST.sha256' && !listed.has(f)).map((f) => `not in the manifest: ${f}`),
    ...[...listed].filter((f) => !files.includes(f)).map((f) => `listed but absent: ${f}`),
  ]);

  const leggimi = existsSync(join(archiveRoot, 'LEGGIMI.txt')) ? readFileSync(join(archiveRoot, 'LEGGIMI.txt'), 'utf8') : '';
  const source = JSON.parse(readFileSync(join(ROOT, 'seeds/source.json'), 'utf8')) as { licence?: string };
  const want = [
    ['the source document sha256', edition.sha256],
    ['the issuer', edition.issuer ?? ''],
    ['the licence', source.licence ?? 'CC BY 4.0'],
    ['how to verify', 'sha256sum -c MANIFEST.sha256'],
    ...edition.datiAl.map((d) => [`the "dati al" date ${d}`, d.split('-').reverse().join('/')]),
  ];
  report.check('LEGGIMI.txt: what it is, source and sha256, edition dates, licence, how to verify', [
    ...(leggimi ? [] : ['LEGGIMI.txt missing']),
    ...want.filter(([, s]) => !leggimi.includes(s)).map(([what, s]) => `LEGGIMI.txt does not state ${what} (${s})`),
  ]);
  const seedCopy = join(archiveRoot, 'fonte', edition.file.split('/').pop()!);
  report.check('the archive holds the source document, identical to seeds/', existsSync(seedCopy) && readFileSync(seedCopy).equals(readFileSync(join(ROOT, edition.file))) ? [] : [`${seedCopy} missing or different`]);

  const entries = readCentralDirectory(readFileSync(z.zipPath));
  const names = entries.map((e) => e.name);
  const stamp = dosDateTime(archiveTimestamp(edition));
  report.check(`zip entries sorted, stamped ${edition.aggiornamento ?? '1980-01-01'} 00:00, mode 0644, no extra fields (${entries.length} entries)`, [
    ...(JSON.stringify(names) === JSON.stringify([...names].sort(byteOrder)) ? [] : ['entries are not in byte order']),
    ...entries.filter((e) => e.dosDate !== stamp.date || e.dosTime !== stamp.time).slice(0, 5).map((e) => `${e.name}: DOS date/time ${e.dosDate}/${e.dosTime}, expected ${stamp.date}/${stamp.time}`),
    ...entries.filter((e) => e.mode !== 0o100644).slice(0, 5).map((e) => `${e.name}: mode ${e.mode.toString(8)}`),
    ...entries.filter((e) => e.extraLength !== 0).slice(0, 5).map((e) => `${e.name}: extra field (timestamps from the machine?)`),
  ]);

  const t = checkTree(archiveRoot);
  report.check(`every internal reference in the archive is relative and resolves (${t.refs} references)`, [
    ...t.broken.map((s) => `broken: ${s}`),
    ...t.absolute.map((s) => `root-absolute: ${s}`),
    ...t.directory.map((s) => `link to a directory, not index.html: ${s}`),
  ]);
  report.info(`archive size: ${z.bytes} bytes (${(z.bytes / 1048576).toFixed(2)} MiB) for ${z.files} files; unzipped ${(files.reduce((n, f) => n + readFileSync(join(archiveRoot!, f)).length, 0) / 1048576).toFixed(2)} MiB`);
} else {
  for (const n of ['unzip', 'sha256sum -c MANIFEST.sha256', 'MANIFEST coverage', 'LEGGIMI.txt', 'zip entries', 'references']) blocked(`archive: ${n}`, 'no zip');
}

// ---------------------------------------------------------------- browsers
const browser = await launchBrowser();
try {
  const plainFont = await unstyledFont(browser.context);

  report.section('file://');
  if (archiveRoot) {
    const place = filePlace(archiveRoot);
    const t0 = performance.now();
    const j = await journey(browser.context, place, plainFont);
    report.check('home → measure → CPI → project by clicking, CSS applied, chart drawn', j.problems);
    report.info(`journey on file://: ${j.path.join(' → ')} (${j.charts} chart(s))`);
    const root = archiveRoot;
    const d = await downloadCsv(browser.context, place, (rel) => readFileSync(join(root, rel)));
    report.check('download a CSV from the open-data page by clicking its link', d.problems);
    if (d.got) report.info(`CSV on file://: ${d.got}`);
    const s = await offlineSearch(browser.context, place);
    report.check('the search box on file:// explains it needs a web server and links the A–Z indexes, without errors', s.problems);
    if (s.note) report.info(`search page on file://: "${s.note}"`);
    // A spread of every page type opened from disk: no console error, no failed request, CSS on.
    const pages = discoverPages(archiveRoot);
    const sample: string[] = [...byType(pages)].flatMap(([, l]) => spread(l, 3)).map((p: any) => p.rel);
    const problems = await visitAll(browser.context, place, sample, 3, (page, rel) => styled(page, rel, plainFont));
    report.check(`${sample.length} pages of every type open from disk without errors, styled`, problems);
    report.info(`(file:// ${secs(performance.now() - t0)})`);
  } else {
    for (const n of ['journey', 'CSV download', 'search box', 'page sample']) blocked(`file://: ${n}`, 'no unzipped archive');
  }

  report.section('sub-path');
  if (subok) {
    const t0 = performance.now();
    const t = checkTree(dirs.sub, SUB_BASE);
    report.check(`every internal reference of the ${SUB_BASE} build stays under it and resolves (${t.refs} references)`, [
      ...t.broken.map((s) => `broken: ${s}`),
      ...t.outside.map((s) => `outside ${SUB_BASE}: ${s}`),
    ]);
    const server = await startServer({ root: dirs.sub, base: SUB_BASE });
    try {
      const place = httpPlace(server, 'sub-path');
      const j = await journey(browser.context, place, plainFont);
      report.check(`home → measure → CPI → project under ${SUB_BASE}`, j.problems);
      report.info(`journey under ${SUB_BASE}: ${j.path.join(' → ')} (${j.charts} chart(s))`);
      const d = await downloadCsv(browser.context, place, (rel) => readFileSync(join(dirs.sub, rel)));
      report.check(`download a CSV under ${SUB_BASE}`, d.problems);
      if (d.got) report.info(`CSV under ${SUB_BASE}: ${d.got}`);
      const s = await onlineSearch(browser.context, place, server, discoverPages(dirs.sub));
      report.check(`search under ${SUB_BASE}: results link under the prefix and open`, s.problems);
      if (s.note) report.info(`search: ${s.note}`);
      // The 404 page is served for any missing path: its own links and CSS must work too.
      const page = await browser.context.newPage();
      const mon = new Monitor(page, place, (u) => u.includes('pagina-inesistente'));
      await page.goto(server.url('pagina-inesistente/'), { waitUntil: 'load' });
      const font = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
      report.check('the 404 page, served at any depth, loads its assets under the prefix', [...(font === plainFont ? ['CSS not applied on the 404 page'] : []), ...mon.take()]);
      await page.close();
    } finally {
      await server.close();
    }
    report.info(`(sub-path ${secs(performance.now() - t0)})`);
  } else {
    for (const n of ['references', 'journey', 'CSV download', 'search', '404']) blocked(`sub-path: ${n}`, 'the sub-path build failed');
  }

  report.section('csp');
  if (b1ok) {
    const t0 = performance.now();
    const inv = inventory(dirs.b1);
    const policy = buildPolicy(inv);
    report.check('no inline event handlers or javascript: URLs (no hash can allow them)', inv.problems);
    report.info(`policy (${policy.length} chars; ${inv.scripts.size} inline script, ${inv.styles.size} inline style, ${inv.styleAttrs.size} style attribute hashes): ${policy.length > 300 ? policy.slice(0, 300) + '…' : policy}`);
    writeFileSync(join(W, '_headers'), headersFile(policy));
    writeFileSync(join(W, 'csp-nginx.conf'), nginxSnippet(policy));
    // Served with every header the deploy configs set (deploy/README.md), on every response.
    const server = await startServer({ root: dirs.b1, headers: allHeaders(policy) });
    try {
      const place = httpPlace(server, 'csp');
      // Enforcement canary: an inline style the policy does not list must be refused, or the
      // crawl below proves nothing (header not sent, policy too lax).
      const canary = await browser.context.newPage();
      await canary.goto(server.url(''), { waitUntil: 'load' });
      const outline = await canary.evaluate(() => {
        const s = document.createElement('style');
        s.textContent = 'body{outline:7px solid rgb(1, 2, 3)}';
        document.head.append(s);
        return getComputedStyle(document.body).outlineWidth;
      });
      await canary.close();
      report.check('the policy is enforced (an unlisted inline style is refused)', outline === '7px' ? ['an injected inline style applied: the CSP header is missing or allows any inline style'] : []);

      // Pages to open: every page that carries an inline script or style variant first seen there
      // (a page can only break the policy through its inline code or the resources its template
      // loads), plus 5 of each page type. The hashes of all pages are in the policy by construction.
      const all = discoverPages(dirs.b1).filter((p: any) => p.rel !== '404.html');
      const variants = new Set<string>([...inv.scripts.values(), ...inv.styles.values(), ...inv.styleAttrs.values()]);
      const relOfFile = (f: string) => (f === 'index.html' ? '' : f.endsWith('/index.html') ? f.slice(0, -'index.html'.length) : f);
      const chosen = new Set<string>([...[...variants].map(relOfFile), ...[...byType(all)].flatMap(([, l]) => spread(l, 5)).map((p: any) => p.rel)]);
      const rels = all.map((p: any) => p.rel as string).filter((r: string) => chosen.has(r));
      const problems = await visitAll(browser.context, place, rels, 4, (page, rel) => styled(page, rel, plainFont));
      report.check(`${rels.length} of ${all.length} pages (every inline script/style variant, 5 of each type) load under the CSP with no violation, styled`, problems);
      const j = await journey(browser.context, place, plainFont);
      report.check('home → measure → CPI → project under the CSP', j.problems);
      const s = await onlineSearch(browser.context, place, server, pagesB1);
      report.check('search (Pagefind: preloads, WebAssembly, index fetches) works under the CSP with no violation', s.problems);
      if (s.note) report.info(`search under CSP: ${s.note}`);
    } finally {
      await server.close();
    }
    report.info(`(csp ${secs(performance.now() - t0)})`);
  } else {
    for (const n of ['inline handlers', 'enforcement', 'crawl', 'journey', 'search']) blocked(`csp: ${n}`, 'build b1 failed');
  }
} finally {
  await browser.close();
}

process.exit(report.finish());
