/**
 * Module scripts for file://. Chromium refuses to load `<script type="module" src="…">` from
 * disk (a file:// page has origin "null": CORS blocks the fetch and logs an error), while an
 * inline module runs. So the archive copy inlines each external module script of the site
 * (Astro bundles the /cerca/ page's script as one) into the page that uses it: same code, same
 * behaviour — it is the script's own `location.protocol === 'file:'` branch that then explains
 * that search needs a server. Classic scripts (`<script src>` without type=module) load from disk
 * and are left alone.
 *
 * A module is inlined only when that cannot change what it does: no static import of another
 * file (that fetch would be refused too), no `import.meta` (its URL would become the page's),
 * nothing that would end or re-open the inline <script> element. Otherwise it is reported.
 * A `<link rel="modulepreload">` of an inlined module is dropped (it would be refused as well).
 */
import { getAttribute, tokenizeHtml } from './html-scan.ts';
import { decode, resolveSitePath } from './relative-links.ts';

export interface InlineResult {
  html: string;
  /** Site paths of the modules inlined into this page. */
  inlined: string[];
  /** Why a module script could not be inlined: `page: src — reason`. */
  problems: string[];
}

/** Why `code` cannot be inlined as is, or null. */
export function inlineBlocker(code: string): string | null {
  if (/(^|[;}\s])import\s*(?:[\w$*{][^;]*?\bfrom\s*)?["'`]/.test(code) || /\bexport\s*\*\s*from\s*["']/.test(code)) return 'it imports other files statically';
  if (/\bimport\.meta\b/.test(code)) return 'it uses import.meta (its URL would become the page URL)';
  if (/<!--|<script/i.test(code)) return 'it contains "<!--" or "<script", which would change how the inline element is parsed';
  return null;
}

/**
 * Inline the external module scripts of one page. `fromFile` is the page's root-relative path;
 * `read(sitePath)` returns a site file's text, or undefined when it does not exist.
 */
export function inlineModuleScripts(html: string, fromFile: string, read: (sitePath: string) => string | undefined): InlineResult {
  const res: InlineResult = { html: '', inlined: [], problems: [] };
  const tokens = [...tokenizeHtml(html)];
  const modules = new Map<string, string>(); // site path → code, for the modules inlined here
  const sitePathOf = (src: string) => {
    const r = resolveSitePath(src, fromFile);
    return r ? decode(r.path) : null;
  };
  for (const t of tokens) {
    if (t.kind !== 'tag' || t.name !== 'script') continue;
    const type = (getAttribute(t.text, 'type') ?? '').trim().toLowerCase();
    const src = getAttribute(t.text, 'src');
    if (type !== 'module' || src === undefined) continue;
    const path = sitePathOf(src);
    if (path === null) continue; // external: not ours to inline
    const code = read(path);
    if (code === undefined) {
      res.problems.push(`${fromFile}: ${src} — module not found in the build`);
      continue;
    }
    const why = inlineBlocker(code);
    if (why) res.problems.push(`${fromFile}: ${src} — cannot inline: ${why}`);
    else modules.set(path, code.replace(/<\/script/gi, '<\\/script'));
  }
  let out = '';
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'tag' && t.name === 'script') {
      const src = getAttribute(t.text, 'src');
      const type = (getAttribute(t.text, 'type') ?? '').trim().toLowerCase();
      const path = src !== undefined && type === 'module' ? sitePathOf(src) : null;
      if (path !== null && modules.has(path)) {
        out += `<script type="module">${modules.get(path)}`;
        res.inlined.push(path);
        continue; // the element's (empty) body follows as the next token's text up to </script>
      }
    }
    if (t.kind === 'tag' && t.name === 'link') {
      const rel = (getAttribute(t.text, 'rel') ?? '').toLowerCase().split(/\s+/);
      const href = getAttribute(t.text, 'href');
      const path = rel.includes('modulepreload') && href !== undefined ? sitePathOf(href) : null;
      if (path !== null && modules.has(path)) continue;
    }
    out += t.kind === 'tag' ? t.text + (t.body ?? '') : t.text;
  }
  res.html = out;
  return res;
}
