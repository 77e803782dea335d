import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildPolicy, cspHash, decodeEntities, headersFile, nginxSnippet, scanInline, type InlineInventory } from '../../scripts/postbuild/csp.ts';

const empty = (): InlineInventory => ({ scripts: new Map(), styles: new Map(), styleAttrs: new Map(), problems: [] });
const b64 = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;

describe('cspHash', () => {
  it('is the base64 sha256 of the UTF-8 text, quoted as a CSP source', () => {
    // The example of the CSP3 specification: alert('Hello, world.');
    expect(cspHash("alert('Hello, world.');")).toBe("'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='");
    expect(cspHash('è')).toBe(b64('è'));
  });
});

describe('scanInline', () => {
  it('hashes inline scripts and styles (SVG ones too), not external or data-block scripts', () => {
    const inv = empty();
    scanInline(
      '<head><style>a{color:red}</style><script src="/x.js"></script><script type="application/ld+json">{"a":1}</script></head>' +
        '<body><svg><style>:where(.plot){display:block}</style></svg><script>go()</script><script type="module">m()</script></body>',
      'a/index.html',
      inv,
    );
    expect([...inv.styles.keys()].sort()).toEqual([b64('a{color:red}'), b64(':where(.plot){display:block}')].sort());
    expect([...inv.scripts.keys()].sort()).toEqual([b64('go()'), b64('m()')].sort());
    expect(inv.styleAttrs.size).toBe(0);
    expect(inv.problems).toEqual([]);
  });

  it('hashes the decoded value of style attributes and flags event handlers and javascript: URLs', () => {
    const inv = empty();
    scanInline('<figure style="font-family:&quot;A&quot;"><a href="javascript:void(0)" onclick="x()">x</a></figure>', 'p.html', inv);
    expect([...inv.styleAttrs.keys()]).toEqual([b64('font-family:"A"')]);
    expect(inv.problems).toEqual(['p.html: javascript: URL in href', 'p.html: inline event handler onclick="x()"']);
  });

  it('remembers the first page where each variant appears', () => {
    const inv = empty();
    scanInline('<style>x</style>', 'a.html', inv);
    scanInline('<style>x</style><style>y</style>', 'b.html', inv);
    expect([...inv.styles.values()]).toEqual(['a.html', 'b.html']);
  });
});

describe('buildPolicy', () => {
  it("is default-src 'self' plus what Pagefind needs and the sorted hashes, in a fixed order", () => {
    const inv = empty();
    scanInline('<style>b</style><style>a</style><script>s()</script>', 'x.html', inv);
    const p = buildPolicy(inv);
    expect(p).toBe(
      `default-src 'self'; script-src 'self' 'wasm-unsafe-eval' ${b64('s()')}; ` +
        `style-src 'self' ${[b64('a'), b64('b')].sort().join(' ')}; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'`,
    );
    expect(p).not.toContain('unsafe-inline');
    expect(p).not.toContain('unsafe-hashes');
  });

  it("adds 'unsafe-hashes' only when style attributes exist", () => {
    const inv = empty();
    scanInline('<p style="color:red">x</p>', 'x.html', inv);
    expect(buildPolicy(inv)).toContain(`style-src 'self' 'unsafe-hashes' ${b64('color:red')};`);
  });

  it('writes the same policy into the headers file and the nginx snippet', () => {
    const policy = buildPolicy(empty());
    expect(headersFile(policy, '/sub/')).toContain(`/sub/*\n  Content-Security-Policy: ${policy}\n`);
    expect(nginxSnippet(policy)).toContain(`add_header Content-Security-Policy "${policy}" always;`);
  });

  it('decodes character references', () => {
    expect(decodeEntities('&lt;a&gt; &amp; &#39;x&#x27; &quot;')).toBe(`<a> & 'x' "`);
  });
});
