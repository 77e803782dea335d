/**
 * Small text helpers for page chrome.
 */

/** Longest <title> search engines show in full (and html-validate's long-title limit). */
export const MAX_TITLE = 70;

/**
 * "<page> · <site>", the page part shortened at a word boundary with "…" so the whole stays
 * within MAX_TITLE characters. The full name is still the page's <h1>.
 */
export function pageTitle(title: string, site: string, max = MAX_TITLE): string {
  const suffix = ` · ${site}`;
  const room = max - suffix.length;
  if (title.length <= room) return title + suffix;
  const cut = title.slice(0, room - 1);
  const atWord = cut.replace(/\s+\S*$/, '');
  return `${(atWord.length >= room / 2 ? atWord : cut).replace(/[\s,;:–—-]+$/, '')}…${suffix}`;
}
