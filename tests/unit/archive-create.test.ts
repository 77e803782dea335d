// createArchive end to end on a tiny hand-made build (no Astro): what goes in the zip, and that
// the same input gives the same bytes.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArchive } from '../../scripts/archive.ts';
import { checkTree, rewriteTree } from '../../scripts/postbuild/tree.ts';

const seed = 'Scheda di prova\n';
const sha = createHash('sha256').update(seed).digest('hex');
let root = '';

function write(path: string, text: string) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

const page = (title: string, body: string) =>
  `<!doctype html><html lang="it"><head><title>${title}</title><style>body{font-family:sans-serif;background:url(/img/bg.svg)}</style>` +
  `<link rel="icon" href="/favicon.svg"></head><body><header><form action="/cerca/"><input name="q"></form>` +
  `<a href="/">Home</a> <a href="/cpi/">CPI</a></header><main>${body}</main></body></html>`;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'archive-test-'));
  write(join(root, 'seeds/000_prova.txt'), seed);
  write(join(root, 'seeds/source.json'), JSON.stringify({ issuer: 'Ministero di prova', title: 'Scheda', licence: 'CC BY 4.0' }));
  write(
    join(root, 'content/data/edition.json'),
    JSON.stringify({ file: 'seeds/000_prova.txt', sha256: sha, bytes: seed.length, datiAl: ['2025-06-30', '2025-08-10'], aggiornamento: '2025-08-10', issuer: 'Ministero di prova', title: 'Scheda', region: 'Lombardia' }),
  );
  const site = join(root, 'site');
  write(join(site, 'index.html'), page('Home', '<a href="/cpi/milano/#target">Milano</a> <a href="/dati/cpi.csv" download>CSV</a> <a href="https://example.org/">fuori</a>'));
  write(join(site, 'cpi/index.html'), page('CPI', '<a href="/cpi/milano/">Milano</a>'));
  write(join(site, 'cpi/milano/index.html'), page('Milano', '<svg viewBox="0 0 10 10"><rect width="5" height="5"/></svg><a href="/cerca/?q=milano">cerca</a>'));
  write(join(site, 'cerca/index.html'), page('Cerca', '<div id="ricerca"></div><script src="/pagefind/pagefind-ui.js"></script>'));
  write(join(site, 'dati/cpi.csv'), 'cpi,valore\nMilano,1\n');
  write(join(site, 'img/bg.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  write(join(site, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  write(join(site, 'pagefind/pagefind-ui.js'), '/* ui */');
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('createArchive', () => {
  it('writes a zip named from the edition with the rewritten site, the seed, LEGGIMI and MANIFEST', () => {
    const r = createArchive({ root, site: join(root, 'site'), outDir: join(root, 'out'), workDir: join(root, 'work') });
    expect(r.name).toBe(`pnrr-lombardia-2025-08-10-${sha.slice(0, 12)}`);
    const files = unzipSync(readFileSync(r.zipPath));
    const names = Object.keys(files);
    expect(names.every((n) => n.startsWith(`${r.name}/`))).toBe(true);
    const text = (p: string) => new TextDecoder().decode(files[`${r.name}/${p}`]);
    expect(names.map((n) => n.slice(r.name.length + 1))).toEqual([
      'LEGGIMI.txt',
      'MANIFEST.sha256',
      'cerca/index.html',
      'cpi/index.html',
      'cpi/milano/index.html',
      'dati/cpi.csv',
      'favicon.svg',
      'fonte/000_prova.txt',
      'img/bg.svg',
      'index.html',
      'pagefind/pagefind-ui.js',
    ]);
    expect(text('index.html')).toContain('<a href="cpi/milano/index.html#target">');
    expect(text('index.html')).toContain('<form action="cerca/index.html">');
    expect(text('index.html')).toContain('href="https://example.org/"');
    expect(text('cpi/milano/index.html')).toContain('<a href="../../cerca/index.html?q=milano">');
    expect(text('cpi/milano/index.html')).toContain('background:url(../../img/bg.svg)');
    expect(text('cerca/index.html')).toContain('<script src="../pagefind/pagefind-ui.js">');
    expect(text('fonte/000_prova.txt')).toBe(seed);
    expect(text('LEGGIMI.txt')).toContain(sha);
    expect(text('LEGGIMI.txt')).toContain('30/06/2025, 10/08/2025');
    const manifest = text('MANIFEST.sha256').trim().split('\n');
    expect(manifest).toHaveLength(names.length - 1);
    for (const line of manifest) {
      const [hash, path] = line.split('  ');
      expect(createHash('sha256').update(files[`${r.name}/${path}`]).digest('hex')).toBe(hash);
    }
    expect(readFileSync(`${r.zipPath}.sha256`, 'utf8')).toBe(`${r.sha256}  ${r.name}.zip\n`);
  });

  it('gives the same bytes on a second run, in another time zone', () => {
    const a = createArchive({ root, site: join(root, 'site'), outDir: join(root, 'out-a'), workDir: join(root, 'work-a') });
    const saved = process.env.TZ;
    process.env.TZ = 'Pacific/Pago_Pago';
    try {
      const b = createArchive({ root, site: join(root, 'site'), outDir: join(root, 'out-b'), workDir: join(root, 'work-b') });
      expect(b.sha256).toBe(a.sha256);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('refuses an edition that is not the seed in seeds/', () => {
    const p = join(root, 'content/data/edition.json');
    const good = readFileSync(p, 'utf8');
    writeFileSync(p, good.replace(sha, 'f'.repeat(64)));
    try {
      expect(() => createArchive({ root, site: join(root, 'site'), outDir: join(root, 'out-x'), workDir: join(root, 'work-x') })).toThrow(/sha256 differs/);
    } finally {
      writeFileSync(p, good);
    }
  });

  it('stops on a link that would be broken from disk, naming it', () => {
    const bad = join(root, 'site-bad');
    write(join(bad, 'index.html'), page('Home', '<a href="/manca/">manca</a>'));
    write(join(bad, 'cpi/index.html'), page('CPI', ''));
    write(join(bad, 'cerca/index.html'), page('Cerca', ''));
    write(join(bad, 'img/bg.svg'), '<svg/>');
    write(join(bad, 'favicon.svg'), '<svg/>');
    expect(() => createArchive({ root, site: bad, outDir: join(root, 'out-bad'), workDir: join(root, 'work-bad') })).toThrow(/broken: index.html: manca\/index.html/);
  });
});

describe('rewriteTree / checkTree', () => {
  it('reports root-absolute, directory and broken references, and none after rewriting', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tree-test-'));
    try {
      write(join(dir, 'index.html'), '<a href="/a/">a</a><a href="a/">a</a><a href="/b/">b</a><link rel=stylesheet href="/s.css">');
      write(join(dir, 'a/index.html'), '<a href="/">home</a>');
      write(join(dir, 's.css'), 'a{background:url(/x.png)}');
      write(join(dir, 'x.png'), 'png');
      const before = checkTree(dir);
      expect(before.absolute).toEqual(['a/index.html: /', 'index.html: /a/', 'index.html: /b/', 'index.html: /s.css', 's.css: /x.png']);
      expect(before.directory).toEqual(['index.html: a/']);
      expect(before.broken).toEqual(['index.html: /b/ → b/index.html (missing)']);
      const sum = rewriteTree(dir);
      expect(sum).toMatchObject({ html: 2, css: 1, changed: 3 });
      const after = checkTree(dir);
      expect(after.absolute).toEqual([]);
      expect(after.directory).toEqual([]);
      expect(after.broken).toEqual(['index.html: b/index.html → b/index.html (missing)']);
      expect(readFileSync(join(dir, 's.css'), 'utf8')).toBe('a{background:url(x.png)}');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
