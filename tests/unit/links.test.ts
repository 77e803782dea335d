/**
 * URL builders: every internal URL starts with the base path, ends with a slash, and uses
 * lowercase ASCII slugs; slugs come from the normaliser's one slug rule.
 */
import { describe, expect, it } from 'vitest';
import { cupSlug, makeLinks, normalizeBase } from '../../src/lib/links.ts';
import { slugify } from '../../src/lib/slug.ts';
import { slugify as scriptsSlugify } from '../../scripts/lib/slug.ts';

describe('normalizeBase', () => {
  it('gives exactly one leading and one trailing slash', () => {
    expect(normalizeBase(undefined)).toBe('/');
    expect(normalizeBase('')).toBe('/');
    expect(normalizeBase('/')).toBe('/');
    expect(normalizeBase('/sub/path')).toBe('/sub/path/');
    expect(normalizeBase('sub/')).toBe('/sub/');
  });
});

describe('makeLinks', () => {
  const root = makeLinks('/');
  const sub = makeLinks('/archivio/2025');

  it('builds every entity URL under the base, with a trailing slash', () => {
    expect(root.home()).toBe('/');
    expect(root.misura('m5c2-i1-1-1')).toBe('/misure/m5c2-i1-1-1/');
    expect(root.provincia('monza-e-della-brianza')).toBe('/province/monza-e-della-brianza/');
    expect(root.cpi('edolo-distaccata-di-breno')).toBe('/cpi/edolo-distaccata-di-breno/');
    expect(root.ente('comune-di-milano')).toBe('/enti/comune-di-milano/');
    expect(root.comune('palazzolo-sull-oglio')).toBe('/comuni/palazzolo-sull-oglio/');
    expect(root.dati()).toBe('/dati/');
    expect(root.dati('misure/gol')).toBe('/dati/misure/gol/');
    expect(root.qualita()).toBe('/qualita-dei-dati/');
    expect(root.metodologia()).toBe('/metodologia/');
    expect(root.misure()).toBe('/misure/');
    expect(root.province()).toBe('/province/');
    expect(root.cpiIndex()).toBe('/cpi/');
    expect(root.enti()).toBe('/enti/');
    expect(root.comuni()).toBe('/comuni/');
    expect(root.progetti()).toBe('/progetti/');
  });

  it('lowercases CUP codes for project URLs', () => {
    expect(root.progetto('D74H22000340001')).toBe('/progetti/d74h22000340001/');
    expect(cupSlug('I52B25000360006')).toBe('i52b25000360006');
  });

  it('prefixes the base path on sub-path deploys', () => {
    expect(sub.home()).toBe('/archivio/2025/');
    expect(sub.progetto('B24H22000050006')).toBe('/archivio/2025/progetti/b24h22000050006/');
    expect(sub.pagefind('pagefind-ui.js')).toBe('/archivio/2025/pagefind/pagefind-ui.js');
    expect(sub.asset('/favicon.svg')).toBe('/archivio/2025/favicon.svg');
  });

  it('encodes the search query', () => {
    expect(root.cerca()).toBe('/cerca/');
    expect(root.cerca("Sant'Angelo Lodigiano & co")).toBe("/cerca/?q=Sant'Angelo%20Lodigiano%20%26%20co");
  });

  it('refuses anything that is not a slug instead of emitting a broken URL', () => {
    expect(() => root.cpi('CPI Monza')).toThrow(/not a valid cpi slug/);
    expect(() => root.ente('../etc')).toThrow();
    expect(() => root.misura('')).toThrow();
    expect(() => root.progetto('<b>x</b>')).toThrow(/not a CUP/);
  });
});

describe('slugify', () => {
  it('is the normaliser’s rule (one implementation)', () => {
    expect(slugify).toBe(scriptsSlugify);
  });
  it('makes lowercase ASCII slugs from Italian names', () => {
    expect(slugify('Palazzolo sull’Oglio')).toBe('palazzolo-sull-oglio');
    expect(slugify("CPI Salò")).toBe('cpi-salo');
    expect(slugify('Monza e della Brianza')).toBe('monza-e-della-brianza');
    expect(slugify('M5C2 I1.1.1')).toBe('m5c2-i1-1-1');
  });
});
