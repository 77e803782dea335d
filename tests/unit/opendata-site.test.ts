/**
 * The small pure pieces around the catalogue: the one licence (from seeds/source.json), the
 * sitemap's route discovery, robots.txt, dictionary.csv and the file-name → format mapping.
 */
import { describe, expect, it } from 'vitest';
import { getSource } from '../../src/lib/edition.ts';
import { getLicence, licenceFrom } from '../../src/lib/opendata/licence.ts';
import { fillRoute, pagePaths, robotsTxt, routeOf, sitemapXml, type PageModule } from '../../src/lib/opendata/sitemap.ts';
import { formatOfFile } from '../../src/lib/opendata/formats.ts';
import { datiPath } from '../../src/lib/opendata/load.ts';
import { formatBytes } from '../../src/lib/opendata/files.ts';

describe('licence', () => {
  it('is the one in seeds/source.json, with its canonical URI and SPDX id', () => {
    const l = getLicence();
    expect(l.name).toBe(getSource().licence);
    expect(l.url).toBe(getSource().licenceUrl);
    expect(l).toMatchObject({ uri: 'https://creativecommons.org/licenses/by/4.0/', spdx: 'CC-BY-4.0', version: '4.0', admsType: 'http://purl.org/adms/licencetype/Attribution' });
    expect(l.attribution).toContain(getSource().issuer);
  });

  it('refuses a source without a licence, and tells public domain from attribution', () => {
    expect(() => licenceFrom({ issuer: 'X' })).toThrow(/licence/);
    expect(licenceFrom({ licence: 'CC0 1.0', licenceUrl: 'https://creativecommons.org/publicdomain/zero/1.0/deed.en' })).toMatchObject({
      uri: 'https://creativecommons.org/publicdomain/zero/1.0/',
      spdx: 'CC0-1.0',
      admsType: 'http://purl.org/adms/licencetype/PublicDomain',
    });
  });
});

describe('sitemap', () => {
  it('maps page files to routes, leaving out 404 and underscore files', () => {
    expect(routeOf('./index.astro')).toBe('');
    expect(routeOf('./cpi/index.astro')).toBe('cpi/');
    expect(routeOf('./cpi/[slug].astro')).toBe('cpi/[slug]/');
    expect(routeOf('./metodologia/index.mdx')).toBe('metodologia/');
    expect(routeOf('./404.astro')).toBeNull();
    expect(routeOf('./_parziale.astro')).toBeNull();
    expect(routeOf('./_bozze/pagina.astro')).toBeNull();
    expect(routeOf('./dati/[file].ts')).toBeNull();
  });

  it('fills dynamic segments from getStaticPaths params', () => {
    expect(fillRoute('cpi/[slug]/', { slug: 'albino' })).toBe('cpi/albino/');
    expect(fillRoute('docs/[...rest]/', { rest: 'a/b' })).toBe('docs/a/b/');
    expect(fillRoute('docs/[...rest]/', { rest: undefined })).toBe('docs/');
  });

  it('lists static pages and every path of dynamic pages, sorted and unique', async () => {
    const modules: Record<string, () => Promise<PageModule>> = {
      './index.astro': async () => ({}),
      './404.astro': async () => ({}),
      './cpi/index.astro': async () => ({}),
      './cpi/[slug].astro': async () => ({ getStaticPaths: () => [{ params: { slug: 'lodi' } }, { params: { slug: 'albino' } }] }),
      './progetti/[cup].astro': async () => ({ getStaticPaths: async () => [{ params: { cup: 'b24h22000050006' } }] }),
    };
    expect(await pagePaths(modules)).toEqual(['', 'cpi/', 'cpi/albino/', 'cpi/lodi/', 'progetti/b24h22000050006/']);
    await expect(pagePaths({ './x/[id].astro': async () => ({}) })).rejects.toThrow(/without getStaticPaths/);
  });

  it('writes XML with escaped URLs and the edition date, and a robots.txt that points to it', () => {
    const xml = sitemapXml(['https://e.org/a/', 'https://e.org/b/?x=1&y=2'], '2025-08-10');
    expect(xml).toContain('<loc>https://e.org/b/?x=1&amp;y=2</loc><lastmod>2025-08-10</lastmod>');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')).toBe(true);
    expect(sitemapXml(['https://e.org/'], null)).not.toContain('lastmod');
    expect(robotsTxt('https://e.org/sub/sitemap.xml')).toBe('User-agent: *\nAllow: /\n\nSitemap: https://e.org/sub/sitemap.xml\n');
  });
});

describe('file names and paths', () => {
  it('tells the format from the file name, the Excel suffix first', () => {
    expect(formatOfFile('progetti.excel.csv')).toMatchObject({ dataset: 'progetti', format: { id: 'excel' } });
    expect(formatOfFile('progetti.csv')).toMatchObject({ dataset: 'progetti', format: { id: 'csv' } });
    expect(formatOfFile('progetti.json')).toMatchObject({ dataset: 'progetti', format: { id: 'json' } });
    expect(formatOfFile('catalogo.ttl')).toBeNull();
  });

  it('builds base-aware paths under /dati/', () => {
    expect(datiPath('/', 'progetti.csv')).toBe('/dati/progetti.csv');
    expect(datiPath('/sub/path', 'cpi/albino/cpi.json')).toBe('/sub/path/dati/cpi/albino/cpi.json');
    expect(datiPath(undefined)).toBe('/dati/');
  });

  it('prints sizes the Italian way', () => {
    expect(formatBytes(812)).toBe('812 B');
    expect(formatBytes(12_400)).toBe('12,4 kB');
    expect(formatBytes(1_250_000)).toBe('1,3 MB');
  });
});
