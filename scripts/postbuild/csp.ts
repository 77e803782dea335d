/**
 * The site's Content-Security-Policy, computed from a build.
 *
 *   tsx scripts/postbuild/csp.ts [--site dist] [--headers FILE] [--nginx FILE] [--json]
 *
 * Prints the policy for the build in `--site`; `--headers` writes a static-host headers file
 * (Netlify / Cloudflare Pages `_headers` format), `--nginx` an `add_header` snippet to
 * `include` (see deploy/README.md).
 *
 * Why hashes: `astro.config.mjs` inlines every stylesheet (`inlineStylesheets: 'always'`), charts
 * carry Plot's `<style>`, and /cerca/ starts Pagefind with an inline script. Rather than allow
 * every inline style and script ('unsafe-inline'), the policy lists the sha256 of each distinct
 * inline `<script>` and `<style>` the build contains (a handful: pages of a kind share their
 * CSS), and of `style=""` attribute values if any (with 'unsafe-hashes', which allows only those
 * exact values). Everything else is 'self'; 'wasm-unsafe-eval' lets Pagefind compile its
 * WebAssembly (on the /cerca/ page itself, src/scripts/search/cerca.ts; a worker of Pagefind's
 * would be the same-origin pagefind-worker.js, allowed by script-src), and
 * img-src adds data: for the icons Pagefind's UI stylesheet embeds.
 * Inline event handlers (onclick=…) and javascript: URLs are reported as problems: no hash can
 * allow them safely.
 *
 * The hashes change when the CSS or the scripts change, so the policy is generated with each
 * build and deployed with it (deploy/README.md).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { getAttribute, parseAttributes, tokenizeHtml } from './html-scan.ts';
import { listFiles } from './tree.ts';

/** Directives that do not depend on the build. */
const FIXED = {
  'default-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

export interface InlineInventory {
  /** sha256 (base64) of each distinct inline script body, with a page that has it. */
  scripts: Map<string, string>;
  styles: Map<string, string>;
  styleAttrs: Map<string, string>;
  /** Things no hash can allow: `page: what`. */
  problems: string[];
}

/** CSP source expression for a text: 'sha256-<base64>' of its UTF-8 bytes. */
export function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decode character references in an attribute value (the browser hashes the decoded value). */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(n) ? String.fromCodePoint(n) : m;
    }
    return NAMED[e.toLowerCase()] ?? m;
  });
}

/** Script types a browser does not execute (data blocks): CSP does not apply to them. */
const DATA_BLOCK = /^(application\/(ld\+)?json|text\/plain|application\/x-template|importmap)$/i;

/** Add the inline scripts, styles and style attributes of one HTML page to `inv`. */
export function scanInline(html: string, page: string, inv: InlineInventory): void {
  for (const t of tokenizeHtml(html)) {
    if (t.kind !== 'tag') continue;
    checkAttributes(t.text, page, inv);
    if (t.body === null) continue;
    if (t.name === 'script') {
      if (getAttribute(t.text, 'src') !== undefined) continue;
      const type = (getAttribute(t.text, 'type') ?? '').trim();
      if (type && DATA_BLOCK.test(type)) continue;
      const h = cspHash(t.body);
      if (!inv.scripts.has(h)) inv.scripts.set(h, page);
    } else if (t.name === 'style') {
      const h = cspHash(t.body);
      if (!inv.styles.has(h)) inv.styles.set(h, page);
    }
  }
}

function checkAttributes(tag: string, page: string, inv: InlineInventory) {
  for (const a of parseAttributes(tag)) {
    const value = a.hasValue ? tag.slice(a.start, a.end) : '';
    if (a.name === 'style' && a.hasValue) {
      const h = cspHash(decodeEntities(value));
      if (!inv.styleAttrs.has(h)) inv.styleAttrs.set(h, page);
    } else if (/^on[a-z]+$/.test(a.name)) {
      inv.problems.push(`${page}: inline event handler ${a.name}="${value.slice(0, 40)}"`);
    } else if ((a.name === 'href' || a.name === 'src' || a.name === 'action') && /^\s*javascript:/i.test(decodeEntities(value))) {
      inv.problems.push(`${page}: javascript: URL in ${a.name}`);
    }
  }
}

/** Inventory of every HTML page under `dir`. */
export function inventory(dir: string): InlineInventory {
  const inv: InlineInventory = { scripts: new Map(), styles: new Map(), styleAttrs: new Map(), problems: [] };
  for (const f of listFiles(dir)) {
    if (f.endsWith('.html')) scanInline(readFileSync(join(dir, ...f.split('/')), 'utf8'), f, inv);
  }
  return inv;
}

const sorted = (m: Map<string, string>) => [...m.keys()].sort();

/** The policy for an inventory: one line, directives in a fixed order, hashes sorted. */
export function buildPolicy(inv: InlineInventory): string {
  const d: [string, string[]][] = [
    ['default-src', FIXED['default-src']],
    ['script-src', ["'self'", "'wasm-unsafe-eval'", ...sorted(inv.scripts)]],
    ['style-src', ["'self'", ...sorted(inv.styles), ...(inv.styleAttrs.size ? ["'unsafe-hashes'", ...sorted(inv.styleAttrs)] : [])]],
    // Pagefind's UI stylesheet draws its icons as data: SVG images.
    ['img-src', ["'self'", 'data:']],
    ['object-src', FIXED['object-src']],
    ['base-uri', FIXED['base-uri']],
    ['form-action', FIXED['form-action']],
    ['frame-ancestors', FIXED['frame-ancestors']],
  ];
  return d.map(([k, v]) => `${k} ${v.join(' ')}`).join('; ');
}

/** Other security headers every response gets (documented in deploy/README.md). */
export const OTHER_HEADERS: [string, string][] = [
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'strict-origin-when-cross-origin'],
  ['Permissions-Policy', 'camera=(), microphone=(), geolocation=()'],
];

/** Every header the site is served with, for a policy: what the configs below write and the tests send. */
export function allHeaders(policy: string): Record<string, string> {
  return { 'Content-Security-Policy': policy, ...Object.fromEntries(OTHER_HEADERS) };
}

/** `_headers` file (Netlify, Cloudflare Pages) for a site deployed under `base`. */
export function headersFile(policy: string, base = '/'): string {
  const b = base.endsWith('/') ? base : base + '/';
  return [
    '# Generated by scripts/postbuild/csp.ts from the build it ships with: regenerate on every build.',
    `${b}*`,
    `  Content-Security-Policy: ${policy}`,
    ...OTHER_HEADERS.map(([k, v]) => `  ${k}: ${v}`),
    `${b}_astro/*`,
    '  Cache-Control: public, max-age=31536000, immutable',
    '',
  ].join('\n');
}

/** nginx snippet: `include` it inside the `location` that serves the site. */
export function nginxSnippet(policy: string): string {
  return [
    '# Generated by scripts/postbuild/csp.ts from the build it ships with: regenerate on every build.',
    `add_header Content-Security-Policy "${policy}" always;`,
    ...OTHER_HEADERS.map(([k, v]) => `add_header ${k} "${v}" always;`),
    '',
  ].join('\n');
}

function main(argv: string[]): number {
  let site = 'dist';
  let headers: string | undefined;
  let nginx: string | undefined;
  let base = process.env.SITE_BASE || '/';
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--site') site = argv[++i];
    else if (k === '--headers') headers = argv[++i];
    else if (k === '--nginx') nginx = argv[++i];
    else if (k === '--base') base = argv[++i];
    else if (k === '--json') json = true;
    else {
      console.error(`csp: unknown option ${k} (use --site DIR, --headers FILE, --nginx FILE, --base PATH, --json)`);
      return 2;
    }
  }
  const inv = inventory(resolve(site));
  const policy = buildPolicy(inv);
  for (const p of inv.problems) console.error(`csp: ${p}`);
  const write = (file: string, text: string) => {
    mkdirSync(dirname(resolve(file)), { recursive: true });
    writeFileSync(file, text);
  };
  if (headers) write(headers, headersFile(policy, base));
  if (nginx) write(nginx, nginxSnippet(policy));
  if (json) {
    console.log(JSON.stringify({ policy, scripts: inv.scripts.size, styles: inv.styles.size, styleAttrs: inv.styleAttrs.size, problems: inv.problems }, null, 2));
  } else {
    console.log(policy);
    console.error(`csp: ${inv.scripts.size} inline script(s), ${inv.styles.size} inline style(s), ${inv.styleAttrs.size} style attribute value(s) hashed; ${policy.length} characters`);
  }
  return inv.problems.length ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  process.exitCode = main(process.argv.slice(2));
}
