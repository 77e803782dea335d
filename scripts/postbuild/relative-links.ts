/**
 * Rewrite a built site's internal URLs to relative ones, so the site works opened from disk
 * (file://) or from any directory: `/cpi/x/` seen from `comuni/y/index.html` becomes
 * `../../cpi/x/index.html`. Pure string functions, no I/O: the caller says which paths are
 * directories through `stat`.
 *
 * What is rewritten: in HTML the URL attributes (href, src, srcset, action, poster, …, the
 * `url=` of a meta refresh), `url()` inside `<style>` and `style=""`; in CSS `url()` and
 * `@import`. Links to a directory get `index.html` (file:// has no directory index). Query
 * strings and fragments are kept. Left alone: external and protocol-relative URLs, `data:`,
 * `mailto:` and other schemes, bare fragments and queries, script bodies (a script that builds
 * URLs in code is the page's business), and root-absolute URLs outside the build's base path
 * (reported through `onOutside`).
 *
 * The scanner relies on what Astro emits: well-formed tags, quoted or unquoted attribute values,
 * raw-text `<script>`/`<style>` elements. Character references inside a URL's path are kept
 * as written (Astro does not emit them in paths; `&amp;` in a query string passes through).
 */
import { posix } from 'node:path';
import { parseAttributes, tokenizeHtml } from './html-scan.ts';

export { parseAttributes };

export type PathKind = 'file' | 'dir' | undefined;

export interface RewriteOptions {
  /** Base path the site was built with ('/' or '/sub/path/'); root-absolute URLs start with it. */
  base?: string;
  /** Kind of a decoded, root-relative path ('cpi/x', no leading slash), or undefined if absent. */
  stat?: (path: string) => PathKind;
  /** Called with each root-absolute URL that lies outside the base (left unchanged). */
  onOutside?: (url: string, fromFile: string) => void;
}

const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;

/** '/', '/sub/path/' — exactly one leading and one trailing slash. */
export function normaliseBase(base = '/'): string {
  let b = base.trim() || '/';
  if (!b.startsWith('/')) b = '/' + b;
  if (!b.endsWith('/')) b += '/';
  return b.replace(/\/{2,}/g, '/');
}

/** decodeURIComponent, or the text unchanged when it is not valid percent-encoding. */
export function decode(p: string): string {
  try {
    return decodeURIComponent(p);
  } catch {
    return p;
  }
}

/**
 * Site path (root-relative, no leading slash, still percent-encoded) an URL points to, seen from
 * `fromFile`, or null when the URL is not an internal path (external, scheme, fragment, query
 * only, outside the base, escaping the root).
 */
export function resolveSitePath(url: string, fromFile: string, opts: RewriteOptions = {}): { path: string; suffix: string } | null {
  const u = url.trim();
  if (u === '' || u.startsWith('#') || u.startsWith('?') || u.startsWith('//') || SCHEME.test(u)) return null;
  if (u.startsWith('\\')) return null;
  const cut = u.search(/[?#]/);
  const path = cut === -1 ? u : u.slice(0, cut);
  const suffix = cut === -1 ? '' : u.slice(cut);
  let site: string;
  if (path.startsWith('/')) {
    const base = normaliseBase(opts.base);
    const withSlash = path.endsWith('/') ? path : path + '/';
    if (!path.startsWith(base) && withSlash !== base) {
      opts.onOutside?.(url, fromFile);
      return null;
    }
    site = path.length < base.length ? '' : path.slice(base.length);
  } else {
    const dir = posix.dirname(fromFile);
    const joined = posix.normalize(posix.join(dir === '.' ? '' : dir, path));
    if (joined === '..' || joined.startsWith('../')) return null;
    site = joined === '.' || joined === './' ? '' : joined;
    // posix.normalize drops nothing we need, but keep the trailing slash the author wrote.
    if (path.endsWith('/') && site !== '' && !site.endsWith('/')) site += '/';
    if (site.startsWith('./')) site = site.slice(2);
  }
  return { path: site, suffix };
}

/** The file a site path serves: directories (explicit trailing slash, or known to `stat`) → index.html. */
export function targetFile(sitePath: string, stat?: RewriteOptions['stat']): string {
  if (sitePath === '' || sitePath.endsWith('/')) return sitePath + 'index.html';
  if (stat?.(decode(sitePath)) === 'dir') return sitePath + '/index.html';
  return sitePath;
}

/**
 * One URL, rewritten relative to `fromFile` (a root-relative file path such as
 * 'cpi/x/index.html' or '_astro/a.css'). Unchanged when it is not an internal path.
 */
export function relativeUrl(url: string, fromFile: string, opts: RewriteOptions = {}): string {
  const r = resolveSitePath(url, fromFile, opts);
  if (!r) return url;
  const target = targetFile(r.path, opts.stat);
  const fromDir = posix.dirname(fromFile);
  let rel = posix.relative(fromDir === '.' ? '' : fromDir, target);
  if (rel === '') rel = posix.basename(target);
  const lead = url.match(/^\s*/)![0];
  const trail = url.match(/\s*$/)![0];
  return lead + rel + r.suffix + trail;
}

/** A srcset / imagesrcset value with `map` applied to each candidate's URL, descriptors kept. */
export function mapSrcset(value: string, map: (url: string) => string): string {
  return value
    .split(',')
    .map((cand) => {
      const m = cand.match(/^(\s*)(\S+)([\s\S]*)$/);
      return m ? m[1] + map(m[2]) + m[3] : cand;
    })
    .join(',');
}

/** CSS text (a stylesheet, a `<style>` body or a `style` attribute) with `map` applied to each `url()` and `@import "…"`. */
export function mapCssUrls(css: string, map: (url: string) => string): string {
  const token = /\/\*[\s\S]*?\*\/|(url\(\s*)("([^"]*)"|'([^']*)'|([^)\s"']*))(\s*\))|(@import\s+)("([^"]*)"|'([^']*)')/gi;
  return css.replace(token, (m, uOpen, _uArg, uDq, uSq, uBare, uClose, iOpen, _iArg, iDq, iSq) => {
    if (m.startsWith('/*')) return m;
    if (uOpen !== undefined) {
      const raw = uDq ?? uSq ?? uBare ?? '';
      const q = uDq !== undefined ? '"' : uSq !== undefined ? "'" : '';
      return `${uOpen}${q}${map(raw)}${q}${uClose}`;
    }
    const raw = iDq ?? iSq ?? '';
    const q = iDq !== undefined ? '"' : "'";
    return `${iOpen}${q}${map(raw)}${q}`;
  });
}

/** Attributes whose whole value is one URL. */
const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'poster', 'data', 'xlink:href', 'cite', 'background', 'manifest', 'longdesc', 'icon']);
const SRCSET_ATTRS = new Set(['srcset', 'imagesrcset']);
/** One start tag with `map` applied to the URLs in its attributes. */
function mapTagUrls(tag: string, map: (url: string) => string): string {
  if (!tag.includes('=')) return tag; // no attribute values: nothing to map
  const attrs = parseAttributes(tag);
  const isRefresh = attrs.some((a) => a.name === 'http-equiv' && tag.slice(a.start, a.end).toLowerCase() === 'refresh');
  let out = '';
  let pos = 0;
  for (const a of attrs) {
    if (!a.hasValue) continue;
    const value = tag.slice(a.start, a.end);
    let next = value;
    if (URL_ATTRS.has(a.name)) next = map(value);
    else if (SRCSET_ATTRS.has(a.name)) next = mapSrcset(value, map);
    else if (a.name === 'style') next = mapCssUrls(value, map);
    else if (a.name === 'content' && isRefresh) {
      next = value.replace(/^(\s*\d*\s*[;,]\s*url\s*=\s*)(['"]?)([^'"]*)(\2)([\s\S]*)$/i, (_m, pre, q, u, q2, rest) => pre + q + map(u) + q2 + rest);
    }
    if (next !== value) {
      out += tag.slice(pos, a.start) + next;
      pos = a.end;
    }
  }
  return out + tag.slice(pos);
}

/**
 * An HTML document with `map` applied to every URL: URL attributes, srcset candidates, meta
 * refresh targets, CSS in `style=""` and `<style>`. Text, comments and script bodies are copied
 * byte for byte.
 */
export function mapHtmlUrls(html: string, map: (url: string) => string): string {
  let out = '';
  for (const t of tokenizeHtml(html)) {
    if (t.kind !== 'tag') out += t.text;
    else {
      out += mapTagUrls(t.text, map);
      if (t.body !== null) out += t.name === 'style' ? mapCssUrls(t.body, map) : t.body;
    }
  }
  return out;
}

/**
 * An HTML document with every internal URL made relative to `fromFile` (its root-relative path,
 * e.g. 'cpi/x/index.html').
 */
export function rewriteHtml(html: string, fromFile: string, opts: RewriteOptions = {}): string {
  return mapHtmlUrls(html, (u) => relativeUrl(u, fromFile, opts));
}

/** A stylesheet (or inline CSS) with every internal URL made relative to `fromFile`. */
export function rewriteCss(css: string, fromFile: string, opts: RewriteOptions = {}): string {
  return mapCssUrls(css, (u) => relativeUrl(u, fromFile, opts));
}

/** A reference found in a file: the URL as written and the file it needs. */
export interface LocalRef {
  url: string;
  /** Root-relative, decoded file path it resolves to (directories → index.html). */
  target: string;
}

function collector(fromFile: string, opts: RewriteOptions) {
  const refs: LocalRef[] = [];
  const map = (url: string) => {
    const r = resolveSitePath(url, fromFile, opts);
    if (r) refs.push({ url: url.trim(), target: decode(targetFile(r.path, opts.stat)) });
    return url;
  };
  return { refs, map };
}

/** Every internal reference of an HTML document (the URLs the rewriter handles), resolved to files. */
export function collectHtmlRefs(html: string, fromFile: string, opts: RewriteOptions = {}): LocalRef[] {
  const c = collector(fromFile, opts);
  mapHtmlUrls(html, c.map);
  return c.refs;
}

/** Every internal reference of a stylesheet, resolved to files. */
export function collectCssRefs(css: string, fromFile: string, opts: RewriteOptions = {}): LocalRef[] {
  const c = collector(fromFile, opts);
  mapCssUrls(css, c.map);
  return c.refs;
}
