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

/** Attributes of a start tag `tag` (from '<' to '>' inclusive), with value offsets. */
export function parseAttributes(tag: string): Attr[] {
  const attrs: Attr[] = [];
  let i = 1;
  while (i < tag.length && !/[\s/>]/.test(tag[i])) i++; // tag name
  while (i < tag.length) {
    while (i < tag.length && /[\s/]/.test(tag[i])) i++;
    if (i >= tag.length || tag[i] === '>') break;
    const ns = i;
    while (i < tag.length && !/[\s/>=]/.test(tag[i])) i++;
    if (i === ns) i++; // a stray '=': skip it
    const name = tag.slice(ns, i).toLowerCase();
    let j = i;
    while (j < tag.length && /\s/.test(tag[j])) j++;
    if (tag[j] !== '=') {
      attrs.push({ name, start: i, end: i, hasValue: false });
      continue;
    }
    j++;
    while (j < tag.length && /\s/.test(tag[j])) j++;
    const q = tag[j];
    if (q === '"' || q === "'") {
      const close = tag.indexOf(q, j + 1);
      const end = close === -1 ? tag.length - 1 : close;
      attrs.push({ name, start: j + 1, end, hasValue: true });
      i = end + 1;
    } else {
      let k = j;
      while (k < tag.length && !/[\s>]/.test(tag[k])) k++;
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
  let q = '';
  for (let i = lt + 1; i < html.length; i++) {
    const c = html[i];
    if (q) {
      if (c === q) q = '';
    } else if (c === '"' || c === "'") {
      // A quote opens a value only right after '=' (spaces allowed); elsewhere it is text.
      let k = i - 1;
      while (k > lt && /\s/.test(html[k])) k--;
      if (html[k] === '=') q = c;
    } else if (c === '>') return i + 1;
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
