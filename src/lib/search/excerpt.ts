/**
 * Pagefind returns each result's excerpt as an HTML string: the page's text, HTML-escaped, with
 * the matched words wrapped in <mark>. The /cerca/ script never inserts it as HTML (the text comes
 * from the seed): it splits it into plain-text pieces and marks, and builds text nodes.
 */

export interface ExcerptPart {
  text: string;
  /** True for a matched word (shown in <mark>). */
  mark: boolean;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Character references decoded (&amp; &#39; &#x2019; …); anything else is left as written. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : m;
    }
    return NAMED[e.toLowerCase()] ?? m;
  });
}

/**
 * The excerpt as text pieces: `<mark>` toggles the mark; any other tag is dropped (Pagefind
 * emits none, but nothing that looks like markup ever reaches the page as markup).
 */
export function excerptParts(html: string): ExcerptPart[] {
  const parts: ExcerptPart[] = [];
  let mark = false;
  for (const piece of String(html ?? '').split(/(<\/?mark(?:\s[^>]*)?>)/i)) {
    if (/^<mark/i.test(piece)) mark = true;
    else if (/^<\/mark/i.test(piece)) mark = false;
    else {
      const text = decodeEntities(piece.replace(/<[^>]*>/g, ''));
      if (!text) continue;
      const last = parts[parts.length - 1];
      if (last && last.mark === mark) last.text += text;
      else parts.push({ text, mark });
    }
  }
  return parts;
}
