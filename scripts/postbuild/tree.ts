/**
 * File-tree helpers for the post-build steps: list a built site in a fixed order, rewrite its
 * HTML and CSS to relative links (relative-links.ts), and check that every internal reference of
 * a tree points to a file that exists. The I/O half of relative-links.ts.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { inlineModuleScripts } from './module-scripts.ts';
import { collectCssRefs, collectHtmlRefs, decode, rewriteCss, rewriteHtml, type PathKind, type RewriteOptions } from './relative-links.ts';
import { byteOrder } from './zip.ts';

/** Every regular file under `dir`, as '/'-separated relative paths sorted by UTF-8 bytes. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (abs: string, rel: string) => {
    for (const e of readdirSync(abs, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(join(abs, e.name), r);
      else if (e.isFile()) out.push(r);
      else throw new Error(`${join(abs, e.name)}: not a regular file or directory (symlinks are not archived)`);
    }
  };
  walk(dir, '');
  return out.sort(byteOrder);
}

/** `stat` for the rewriter, answered from a file list instead of the disk. */
export function statFromList(files: string[]): (p: string) => PathKind {
  const fileSet = new Set(files);
  const dirs = new Set<string>();
  for (const f of files) {
    let d = posix.dirname(f);
    while (d !== '.' && !dirs.has(d)) {
      dirs.add(d);
      d = posix.dirname(d);
    }
  }
  return (p: string) => {
    const q = p.replace(/\/+$/, '');
    if (fileSet.has(q)) return 'file';
    if (q === '' || dirs.has(q)) return 'dir';
    return undefined;
  };
}

export interface RewriteSummary {
  html: number;
  css: number;
  changed: number;
  /** Root-absolute URLs outside the base, by file: left as they were. */
  outside: string[];
}

/** Rewrite every .html and .css file under `dir` in place to relative links. */
export function rewriteTree(dir: string, base = '/'): RewriteSummary {
  const files = listFiles(dir);
  const summary: RewriteSummary = { html: 0, css: 0, changed: 0, outside: [] };
  const opts: RewriteOptions = {
    base,
    stat: statFromList(files),
    onOutside: (url, from) => summary.outside.push(`${from}: ${url}`),
  };
  for (const f of files) {
    const isHtml = f.endsWith('.html');
    const isCss = f.endsWith('.css');
    if (!isHtml && !isCss) continue;
    const abs = join(dir, ...f.split('/'));
    const text = readFileSync(abs, 'utf8');
    const next = isHtml ? rewriteHtml(text, f, opts) : rewriteCss(text, f, opts);
    if (isHtml) summary.html++;
    else summary.css++;
    if (next !== text) {
      writeFileSync(abs, next);
      summary.changed++;
    }
  }
  return summary;
}

/**
 * Inline the external module scripts of every page under `dir` (module-scripts.ts), in place.
 * Returns the modules inlined (with the number of pages each) and the ones that could not be.
 */
export function inlineModulesInTree(dir: string): { inlined: Map<string, number>; problems: string[] } {
  const files = listFiles(dir);
  const fileSet = new Set(files);
  const cache = new Map<string, string>();
  const read = (p: string) => {
    if (!fileSet.has(p)) return undefined;
    if (!cache.has(p)) cache.set(p, readFileSync(join(dir, ...p.split('/')), 'utf8'));
    return cache.get(p);
  };
  const inlined = new Map<string, number>();
  const problems: string[] = [];
  for (const f of files) {
    if (!f.endsWith('.html')) continue;
    const abs = join(dir, ...f.split('/'));
    const html = readFileSync(abs, 'utf8');
    if (!/type\s*=\s*["']?module/i.test(html)) continue;
    const r = inlineModuleScripts(html, f, read);
    problems.push(...r.problems);
    for (const m of r.inlined) inlined.set(m, (inlined.get(m) ?? 0) + 1);
    if (r.html !== html) writeFileSync(abs, r.html);
  }
  return { inlined, problems };
}

export interface TreeCheck {
  /** References checked. */
  refs: number;
  /** `file: url → missing target` for each reference to a file that does not exist. */
  broken: string[];
  /** `file: url` for each root-absolute internal URL (they break from disk and under a sub-path). */
  absolute: string[];
  /** `file: url` for each link to a directory (file:// shows a listing, not the page). */
  directory: string[];
  /** `file: url` for each root-absolute URL outside `base` (it leaves the site's prefix). */
  outside: string[];
}

/**
 * Check every internal reference of the HTML and CSS under `dir`. `base` is the path the tree
 * is served under ('/' for a relative tree); root-absolute URLs are resolved against it.
 */
export function checkTree(dir: string, base = '/'): TreeCheck {
  const files = listFiles(dir);
  const fileSet = new Set(files);
  const stat = statFromList(files);
  const res: TreeCheck = { refs: 0, broken: [], absolute: [], directory: [], outside: [] };
  for (const f of files) {
    const isHtml = f.endsWith('.html');
    if (!isHtml && !f.endsWith('.css')) continue;
    const text = readFileSync(join(dir, ...f.split('/')), 'utf8');
    const opts = { base, stat, onOutside: (url: string) => res.outside.push(`${f}: ${url}`) };
    const refs = isHtml ? collectHtmlRefs(text, f, opts) : collectCssRefs(text, f, opts);
    for (const r of refs) {
      res.refs++;
      const path = r.url.replace(/[?#].*$/, '');
      if (path.startsWith('/')) res.absolute.push(`${f}: ${r.url}`);
      else if (path === '' || path.endsWith('/') || stat(decode(posix.join(posix.dirname(f), path))) === 'dir') {
        res.directory.push(`${f}: ${r.url}`);
      }
      if (!fileSet.has(r.target)) res.broken.push(`${f}: ${r.url} → ${r.target} (missing)`);
    }
  }
  return res;
}
