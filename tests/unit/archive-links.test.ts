import { describe, expect, it } from 'vitest';
import {
  collectCssRefs,
  collectHtmlRefs,
  parseAttributes,
  relativeUrl,
  rewriteCss,
  rewriteHtml,
  mapSrcset,
} from '../../scripts/postbuild/relative-links.ts';
import { inlineBlocker, inlineModuleScripts } from '../../scripts/postbuild/module-scripts.ts';
import { statFromList } from '../../scripts/postbuild/tree.ts';

const stat = statFromList(['index.html', 'cpi/index.html', 'cpi/milano/index.html', 'dati/misure.csv', '_astro/a.css', 'img/logo.svg', 'scarica/index.html']);

describe('relativeUrl', () => {
  it('makes root-absolute links relative and points directories at index.html', () => {
    expect(relativeUrl('/', 'index.html')).toBe('index.html');
    expect(relativeUrl('/', 'cpi/milano/index.html')).toBe('../../index.html');
    expect(relativeUrl('/cpi/', 'index.html')).toBe('cpi/index.html');
    expect(relativeUrl('/cpi/milano/', 'comuni/bergamo/index.html')).toBe('../../cpi/milano/index.html');
    expect(relativeUrl('/cpi/milano/', 'cpi/milano/index.html')).toBe('index.html');
    expect(relativeUrl('/_astro/a.css', 'cpi/milano/index.html')).toBe('../../_astro/a.css');
    expect(relativeUrl('/dati/misure.csv', 'dati/index.html')).toBe('misure.csv');
  });

  it('keeps query strings and fragments', () => {
    expect(relativeUrl('/cerca/?q=milano', 'cpi/milano/index.html')).toBe('../../cerca/index.html?q=milano');
    expect(relativeUrl('/cpi/milano/#target', 'index.html')).toBe('cpi/milano/index.html#target');
    expect(relativeUrl('/cerca/?q=a&amp;b=c#r', 'index.html')).toBe('cerca/index.html?q=a&amp;b=c#r');
  });

  it('adds /index.html to a directory linked without its slash, when stat says it is one', () => {
    expect(relativeUrl('/scarica', 'index.html', { stat })).toBe('scarica/index.html');
    expect(relativeUrl('/img/logo.svg', 'index.html', { stat })).toBe('img/logo.svg');
    expect(relativeUrl('/scarica', 'index.html')).toBe('scarica');
  });

  it('leaves external, protocol-relative, scheme, fragment and query-only URLs alone', () => {
    for (const u of [
      'https://example.org/x/',
      'http://a.b',
      '//cdn.example.org/x.js',
      'mailto:a@b.it',
      'tel:+39',
      'data:image/png;base64,AAAA',
      'javascript:void(0)',
      '#main',
      '?q=1',
      '',
    ]) {
      expect(relativeUrl(u, 'cpi/milano/index.html')).toBe(u);
    }
  });

  it('strips the base of a sub-path build and leaves URLs outside it alone (reporting them)', () => {
    const outside: string[] = [];
    const o = { base: '/qualsiasi/percorso/', onOutside: (u: string) => outside.push(u) };
    expect(relativeUrl('/qualsiasi/percorso/cpi/', 'cpi/milano/index.html', o)).toBe('../index.html');
    expect(relativeUrl('/qualsiasi/percorso/', 'cpi/milano/index.html', o)).toBe('../../index.html');
    expect(relativeUrl('/qualsiasi/percorso', 'index.html', o)).toBe('index.html');
    expect(relativeUrl('/altro/', 'index.html', o)).toBe('/altro/');
    expect(outside).toEqual(['/altro/']);
  });

  it('normalises already-relative links and adds index.html to directories', () => {
    expect(relativeUrl('../', 'cpi/milano/index.html')).toBe('../index.html');
    expect(relativeUrl('./', 'cpi/index.html')).toBe('index.html');
    expect(relativeUrl('milano/', 'cpi/index.html')).toBe('milano/index.html');
    expect(relativeUrl('a.css', '_astro/b.css')).toBe('a.css');
    expect(relativeUrl('../../../../x/', 'cpi/index.html')).toBe('../../../../x/'); // escapes the root: untouched
  });

  it('keeps percent-encoding and surrounding whitespace', () => {
    expect(relativeUrl('/comuni/sant%27angelo/', 'index.html')).toBe('comuni/sant%27angelo/index.html');
    expect(relativeUrl('  /cpi/ ', 'index.html')).toBe('  cpi/index.html ');
  });
});

describe('rewriteHtml', () => {
  it('rewrites href, src, action and srcset and nothing else', () => {
    const html =
      '<!DOCTYPE html><html lang="it"><head><link rel="stylesheet" href="/_astro/a.css">' +
      '<link rel="canonical" href="https://pnrr.example.org/cpi/milano/">' +
      '<script src="/pagefind/pagefind-ui.js"></script></head><body>' +
      '<a href="/">Home</a> <a class="x" href=\'/cpi/\'>CPI</a> <a href=/dati/misure.csv download>CSV</a>' +
      '<form action="/cerca/" role="search"><input name="q"></form>' +
      '<img src="/img/logo.svg" srcset="/img/logo.svg 1x, /img/logo@2x.png 2x" alt="">' +
      '<p data-href="/non-un-link/">Testo con /cpi/ e href="/cpi/" come testo</p>' +
      '<a href="#main">salta</a><a href="https://example.org/">esterno</a></body></html>';
    const out = rewriteHtml(html, 'cpi/milano/index.html');
    expect(out).toBe(
      '<!DOCTYPE html><html lang="it"><head><link rel="stylesheet" href="../../_astro/a.css">' +
        '<link rel="canonical" href="https://pnrr.example.org/cpi/milano/">' +
        '<script src="../../pagefind/pagefind-ui.js"></script></head><body>' +
        '<a href="../../index.html">Home</a> <a class="x" href=\'../index.html\'>CPI</a> <a href=../../dati/misure.csv download>CSV</a>' +
        '<form action="../../cerca/index.html" role="search"><input name="q"></form>' +
        '<img src="../../img/logo.svg" srcset="../../img/logo.svg 1x, ../../img/logo@2x.png 2x" alt="">' +
        '<p data-href="/non-un-link/">Testo con /cpi/ e href="/cpi/" come testo</p>' +
        '<a href="#main">salta</a><a href="https://example.org/">esterno</a></body></html>',
    );
  });

  it('copies script bodies and comments byte for byte, rewrites CSS in <style> and style=""', () => {
    const html =
      '<!-- <a href="/commento/"> --><script>const u = "<a href=\\"/x/\\">"; if (a<b) location.href = "/cpi/";</script>' +
      '<style>.a{background:url(/img/logo.svg)}/* url(/commento.png) */@import "/_astro/a.css";</style>' +
      '<div style="background-image: url(\'/img/logo.svg\')"></div>' +
      '<svg><a href="/cpi/"><text>1 < 2</text></a><use xlink:href="/img/logo.svg#i"/></svg>';
    expect(rewriteHtml(html, 'index.html')).toBe(
      '<!-- <a href="/commento/"> --><script>const u = "<a href=\\"/x/\\">"; if (a<b) location.href = "/cpi/";</script>' +
        '<style>.a{background:url(img/logo.svg)}/* url(/commento.png) */@import "_astro/a.css";</style>' +
        '<div style="background-image: url(\'img/logo.svg\')"></div>' +
        '<svg><a href="cpi/index.html"><text>1 < 2</text></a><use xlink:href="img/logo.svg#i"/></svg>',
    );
  });

  it('handles a ">" inside a quoted attribute and the meta refresh URL', () => {
    const html = '<a title="a > b" href="/cpi/">x</a><meta http-equiv="refresh" content="0;url=/cpi/milano/">';
    expect(rewriteHtml(html, 'vecchio/index.html')).toBe(
      '<a title="a > b" href="../cpi/index.html">x</a><meta http-equiv="refresh" content="0;url=../cpi/milano/index.html">',
    );
  });

  it('leaves a document without internal URLs identical', () => {
    const html = '<!doctype html><p>Nessun collegamento: 1 < 2 > 0 & "virgolette"</p>';
    expect(rewriteHtml(html, 'a/index.html')).toBe(html);
  });
});

describe('rewriteCss and srcset', () => {
  it('rewrites url() relative to the stylesheet, in every quoting, and skips data: URIs', () => {
    const css = '@font-face{src:url(/_astro/f.woff2) format("woff2")}a{background:url( "/img/x.png" )}b{background:url(data:image/svg+xml;utf8,<svg/>)}';
    expect(rewriteCss(css, '_astro/a.css')).toBe(
      '@font-face{src:url(f.woff2) format("woff2")}a{background:url( "../img/x.png" )}b{background:url(data:image/svg+xml;utf8,<svg/>)}',
    );
  });

  it('rewrites each srcset candidate and keeps descriptors', () => {
    expect(mapSrcset('/a.png 480w,/b.png 800w', (u) => relativeUrl(u, 'x/index.html'))).toBe('../a.png 480w,../b.png 800w');
  });
});

describe('parseAttributes', () => {
  it('finds quoted, unquoted and bare attributes', () => {
    const tag = '<a href="/x/" download data-x=\'1\' class=y>';
    const attrs = parseAttributes(tag).map((a) => [a.name, a.hasValue ? tag.slice(a.start, a.end) : null]);
    expect(attrs).toEqual([
      ['href', '/x/'],
      ['download', null],
      ['data-x', '1'],
      ['class', 'y'],
    ]);
  });
});

describe('collectHtmlRefs / collectCssRefs', () => {
  it('lists the file every internal reference needs', () => {
    const html = '<link href="../_astro/a.css" rel=stylesheet><a href="../index.html">h</a><a href="/cpi/">c</a><a href="https://x.it/">e</a><img srcset="a.png 1x, b.png 2x">';
    expect(collectHtmlRefs(html, 'cpi/index.html', { stat }).map((r) => r.target)).toEqual([
      '_astro/a.css',
      'index.html',
      'cpi/index.html',
      'cpi/a.png',
      'cpi/b.png',
    ]);
    expect(collectCssRefs('a{background:url(../img/logo.svg)}', '_astro/a.css').map((r) => r.target)).toEqual(['img/logo.svg']);
  });
});

describe('inlineModuleScripts (module scripts are refused from file://)', () => {
  const files: Record<string, string> = {
    '_astro/cerca.js': 'const r=document.querySelector("[data-cerca]");if(location.protocol!=="file:"){import(`${r.dataset.bundle}pagefind.js`)}const s="</script>";',
    '_astro/chunk.js': 'import{a as b}from"./dep.js";b();',
    '_astro/meta.js': 'new URL("x.png",import.meta.url);',
  };
  const read = (p: string) => files[p];

  it('inlines a self-contained module where it is used and drops its modulepreload', () => {
    const html =
      '<head><link rel="modulepreload" href="../_astro/cerca.js"><script type="module" src="../_astro/cerca.js"></script>' +
      '<script src="../pagefind/pagefind-ui.js"></script><script type="module" src="https://cdn.example.org/x.js"></script></head>';
    const r = inlineModuleScripts(html, 'cerca/index.html', read);
    expect(r.problems).toEqual([]);
    expect(r.inlined).toEqual(['_astro/cerca.js']);
    expect(r.html).toBe(
      '<head><script type="module">const r=document.querySelector("[data-cerca]");if(location.protocol!=="file:"){import(`${r.dataset.bundle}pagefind.js`)}const s="<\\/script>";</script>' +
        '<script src="../pagefind/pagefind-ui.js"></script><script type="module" src="https://cdn.example.org/x.js"></script></head>',
    );
  });

  it('refuses modules whose behaviour would change inline, and missing ones', () => {
    const html = '<script type="module" src="/_astro/chunk.js"></script><script type="module" src="/_astro/meta.js"></script><script type="module" src="/_astro/nope.js"></script>';
    const r = inlineModuleScripts(html, 'index.html', read);
    expect(r.inlined).toEqual([]);
    expect(r.html).toBe(html);
    expect(r.problems).toEqual([
      'index.html: /_astro/chunk.js — cannot inline: it imports other files statically',
      'index.html: /_astro/meta.js — cannot inline: it uses import.meta (its URL would become the page URL)',
      'index.html: /_astro/nope.js — module not found in the build',
    ]);
  });

  it('does not mistake a dynamic import for a static one', () => {
    expect(inlineBlocker('import(`${b}pagefind.js`).then(f)')).toBeNull();
    expect(inlineBlocker('import"./side.js";')).toMatch(/statically/);
    expect(inlineBlocker('x;import * as m from "./m.js"')).toMatch(/statically/);
  });
});
