/**
 * Small text helpers for page chrome.
 */

/** Longest <title> search engines show in full (and html-validate's long-title limit). */
export const MAX_TITLE = 70;

/** Characters the page's HTML writes for `s`: Astro escapes & < > " ' as entities ("'" → "&#39;"). */
export function escapedLength(s: string): number {
  let n = s.length;
  for (const c of s) n += c === "'" ? 4 : c === '"' ? 5 : c === '&' ? 4 : c === '<' || c === '>' ? 3 : 0;
  return n;
}

/**
 * "<page> · <site>", the page part shortened at a word boundary with "…" so the whole stays
 * within MAX_TITLE characters as the HTML writes them (html-validate counts the source, where an
 * apostrophe is "&#39;"). The full name is still the page's <h1>.
 */
export function pageTitle(title: string, site: string, max = MAX_TITLE): string {
  const suffix = ` · ${site}`;
  const room = max - escapedLength(suffix);
  if (escapedLength(title) <= room) return title + suffix;
  let cut = title;
  while (cut.length > 0 && escapedLength(`${cut}…`) > room) cut = cut.slice(0, -1);
  const atWord = cut.replace(/\s+\S*$/, '');
  return `${(atWord.length >= cut.length / 2 ? atWord : cut).replace(/[\s,;:–—'-]+$/, '')}…${suffix}`;
}
