/**
 * A small HTML tokenizer for the post-build steps: enough for what Astro emits (well-formed
 * tags, quoted or unquoted attribute values, raw-text <script>/<style>), without a DOM, so that
 * untouched bytes stay untouched. Concatenating the tokens' text (and bodies) gives back the
 * input exactly.
 */

export interface Attr {
  /** Lowercased attribute name. */
  name: string;
  /** Offsets of the value inside the tag text (without quotes); start === end for a bare attribute. */
  start: number;
  end: number;
  hasValue: boolean;
}

export type Token =
  /** Text between tags, a comment, an end tag, a doctype or a stray '<'. */
  | { kind: 'text'; text: string }
  /** A start tag; `body` is the raw content of a raw-text element (script, style, …), else null. */
  | { kind: 'tag'; text: string; name: string; body: string | null };

/** Elements whose content is raw text: no tags inside until the matching end tag. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'noembed', 'noframes', 'plaintext']);

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 12 || c === 13;

/** Attributes of a start tag `tag` (from '<' to '>' inclusive), with value offsets. */
export function parseAttributes(tag: string): Attr[] {
  const attrs: Attr[] = [];
  const n = tag.length;
  const code = (k: number) => tag.charCodeAt(k);
  let i = 1;
  // Tag name: up to whitespace, '/' or '>'.
  while (i < n && !isSpace(code(i)) && code(i) !== 47 && code(i) !== 62) i++;
  while (i < n) {
    while (i < n && (isSpace(code(i)) || code(i) === 47)) i++;
    if (i >= n || code(i) === 62) break;
    const ns = i;
    while (i < n && !isSpace(code(i)) && code(i) !== 47 && code(i) !== 62 && code(i) !== 61) i++;
    if (i === ns) i++; // a stray '=': skip it
    const name = tag.slice(ns, i).toLowerCase();
    let j = i;
    while (j < n && isSpace(code(j))) j++;
    if (code(j) !== 61) {
      attrs.push({ name, start: i, end: i, hasValue: false });
      continue;
    }
    j++;
    while (j < n && isSpace(code(j))) j++;
    const q = code(j);
    if (q === 34 || q === 39) {
      const close = tag.indexOf(q === 34 ? '"' : "'", j + 1);
      const end = close === -1 ? n - 1 : close;
      attrs.push({ name, start: j + 1, end, hasValue: true });
      i = end + 1;
    } else {
      let k = j;
      while (k < n && !isSpace(code(k)) && code(k) !== 62) k++;
      attrs.push({ name, start: j, end: k, hasValue: true });
      i = k;
    }
  }
  return attrs;
}

/** Value of attribute `name` in a start tag: undefined when absent, '' when bare. */
export function getAttribute(tag: string, name: string): string | undefined {
  const a = parseAttributes(tag).find((x) => x.name === name);
  return a ? tag.slice(a.start, a.end) : undefined;
}

/** End of a tag beginning at `lt` ('<'): index just past '>', honouring quoted attribute values. */
function tagEnd(html: string, lt: number): number {
  let q = 0;
  for (let i = lt + 1; i < html.length; i++) {
    const c = html.charCodeAt(i);
    if (q) {
      if (c === q) q = 0;
    } else if (c === 34 || c === 39) {
      // A quote opens a value only right after '=' (spaces allowed); elsewhere it is text.
      let k = i - 1;
      while (k > lt && isSpace(html.charCodeAt(k))) k--;
      if (html.charCodeAt(k) === 61) q = c;
    } else if (c === 62) return i + 1;
  }
  return html.length;
}

/** Split an HTML document into tokens (see Token). */
export function* tokenizeHtml(html: string): Generator<Token> {
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt === -1) {
      yield { kind: 'text', text: html.slice(i) };
      return;
    }
    if (lt > i) yield { kind: 'text', text: html.slice(i, lt) };
    if (html.startsWith('<!--', lt)) {
      const close = html.indexOf('-->', lt + 4);
      const end = close === -1 ? html.length : close + 3;
      yield { kind: 'text', text: html.slice(lt, end) };
      i = end;
      continue;
    }
    const m = /^<([a-zA-Z][^\s/>]*)/.exec(html.slice(lt, lt + 64));
    if (!m) {
      const end = html[lt + 1] === '/' || html[lt + 1] === '!' || html[lt + 1] === '?' ? tagEnd(html, lt) : lt + 1;
      yield { kind: 'text', text: html.slice(lt, end) };
      i = end;
      continue;
    }
    const name = m[1].toLowerCase();
    const end = tagEnd(html, lt);
    const text = html.slice(lt, end);
    i = end;
    let body: string | null = null;
    if (RAW_TEXT.has(name) && !text.endsWith('/>')) {
      const closeRe = new RegExp(`</${name}[\\s>/]`, 'ig');
      closeRe.lastIndex = end;
      const c = closeRe.exec(html);
      const bodyEnd = c ? c.index : html.length;
      body = html.slice(end, bodyEnd);
      i = bodyEnd;
    }
    yield { kind: 'tag', text, name, body };
  }
}
