/**
 * Figures stated in running text ("quasi 12.000 interventi formativi", "€ 100.000.000,00",
 * "alla data del 12 maggio 2025 … n. 9.016 unità") and the statements of targets and milestones
 * ("T2-25: M5C1-10 - …", "Milestone M7-9 (Q1 2024): …", "➤ Target M5C1 – 7"). Pure string functions.
 */
import { parseItalianDate, parseItalianLongDate, parseItalianNumber } from '../lib/values.ts';
import { normCode } from './programmes-lib.ts';

/** A number (or a reference date) stated in running text. */
export interface TextFigure {
  label: string;
  value: number | null;
  unit: string | null;
  qualifier: string | null;
  date: string | null;
  /** The number as printed. */
  raw: string | null;
}

const MONTHS = 'gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre';
const CODE = String.raw`M\d+(?:C\d+)?\s*[-–—]\s*\d+(?:bis|ter)?`;
const STOP = new Set(['un', 'una', 'uno', 'si', 'e', 'ed', 'o', 'di', 'del', 'della', 'dei', 'delle', 'il', 'la', 'lo', 'le', 'gli', 'i', 'che', 'per', 'a', 'al', 'alla', 'in', 'nel', 'è', 'ha', 'con', 'da', 'dal', 'su', 'tra', 'fra', 'come', 'non']);
const MULT: Record<string, number> = { mila: 1e3, milioni: 1e6, mln: 1e6, mld: 1e9, miliardi: 1e9 };

/**
 * What holds no figure: links, codes, act numbers, years, article numbers. Compiled once (every line
 * of text is searched); `matchAll` works on a copy of each, so they keep no state between texts.
 */
const MASKS = [
  /https?:\/\/\S+|\[[^\]]*\]\([^)]*\)|<[^>]+>/g,
  /\bM\d+C\d+[RI]?\d+(?:\.\d+)*\b/g,
  new RegExp(`\\b${CODE}`, 'gi'),
  /\b[TQ]\d\s*-\s*\d{2}\b/g,
  /\b[TQ]\d\s+\d{4}\b/g,
  /\b(?:GU|D\.?\s?lgs\.?|D\.?\s?L\.|D\.?\s?M\.|DD|legge|decreto)[^.;]{0,32}?\bn\.\s*\d+(?:\/\d{4})?/gi,
  /\b\d+\/\d{4}\b/g,
  /\b(?:19|20)\d{2}\s*[-–/]\s*(?:19|20)?\d{2}\b/g,
  /\b(?:Missione|Componente|Riforma|Investimento|Sub-investimento|Percorso|Avviso|art\.|articolo|comma|punto)\s+(?:n\.\s*)?\d+(?:\.\d+)*/gi,
  new RegExp(`(?:\\b(?:dal|al|nel|del|entro|anno|anni|annualità|biennio|triennio|dall'|nell'|${MONTHS})\\s+)(?:19|20)\\d{2}\\b`, 'gi'),
];

/** Spans [start, end) of a text that hold no figure. */
function maskedSpans(t: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const re of MASKS) for (const m of t.matchAll(re)) spans.push([m.index!, m.index! + m[0].length]);
  return spans;
}

const DATES = new RegExp(`\\b(\\d{1,2}°?\\s+(?:${MONTHS})\\s+\\d{4}|\\d{1,2}\\/\\d{1,2}\\/\\d{4})\\b`, 'gi');

/** Dates printed in a text, with whether they are reference dates ("al 12 maggio 2025") or deadlines ("entro il …"). */
function datesIn(t: string): { start: number; end: number; iso: string; reference: boolean }[] {
  const out: { start: number; end: number; iso: string; reference: boolean }[] = [];
  for (const m of t.matchAll(DATES)) {
    const iso = parseItalianLongDate(m[1]) ?? parseItalianDate(m[1]);
    if (!iso) continue;
    const before = t.slice(Math.max(0, m.index! - 24), m.index!).toLowerCase();
    const reference = /\b(al|alla data del|del|dal|il|in data)\s*$/.test(before) && !/\bentro\s+il\s*$/.test(before);
    out.push({ start: m.index!, end: m.index! + m[0].length, iso, reference });
  }
  return out;
}

const words = (s: string) => s.split(/\s+/).filter(Boolean);

const UP_TO_LAST_DATE = new RegExp(`^.*\\b(\\d{1,2}°?\\s+(${MONTHS})\\s+\\d{4}|\\d{1,2}/\\d{1,2}/\\d{4})\\s*`, 'i');

/** The last words of the clause before a number, without the connectives that lead into it ("è pari al"). */
function introClause(before: string): string {
  // "n." abbreviates "numero": it does not end a clause.
  const clause = (before.split(/(?<!\bn)[,;:.](?!\d)/).at(-1) ?? '').replace(UP_TO_LAST_DATE, '');
  let out = words(clause).slice(-8).join(' ');
  for (let prev = ''; prev !== out; ) {
    prev = out;
    out = out.replace(/(^|\s)(almeno il valore|almeno|circa|quasi|oltre|pari|ammontano|n\.|è|e|di|a|al|alla|il|€)$/i, '').trim();
  }
  return out.replace(/^[-•]\s*/, '');
}

/** The sentence around a position, at most 24 words, for labelling a dated statement. */
function sentenceAround(t: string, at: number): string {
  // A sentence ends at ". " before a capital letter ("n. 65", "D.lgs. 15 marzo" do not end it).
  const bounds = [...t.matchAll(/\.\s+(?=[A-ZÀ-Ý(])/g)].map((m) => m.index!);
  const start = Math.max(0, ...bounds.filter((b) => b < at).map((b) => b + 1));
  const end = bounds.find((b) => b >= at);
  const s = t.slice(start, end === undefined ? t.length : end + 1).trim().replace(/^[-•]\s*/, '');
  const w = words(s);
  return cap(w.length > 24 ? w.slice(0, 24).join(' ') + ' …' : s);
}
const cap = (s: string) => s.charAt(0).toLocaleUpperCase('it') + s.slice(1);

/**
 * Every figure stated in one line of running text. Numbers inside codes, dates, years, act numbers
 * and links are not figures. A reference date ("al …", "alla data del …") goes to the nearest number;
 * a line with reference dates and no numbers gives one dated figure per date.
 */
export function extractFigures(text: string): TextFigure[] {
  const t = text;
  const dates = datesIn(t);
  const masked = [...maskedSpans(t), ...dates.map((d) => [d.start, d.end] as [number, number])];
  const inMask = (a: number, b: number) => masked.some(([s, e]) => a < e && b > s);
  const figures: (TextFigure & { at: number })[] = [];
  const re = /(€\s*)?(?<![\w.,/€-])([+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?|[+-]?\d+(?:,\d+)?)(?![\w/]|[.,]\d)(\s*%|\s*€|\s+(?:mila|milioni|mln|mld|miliardi)\b)?/gi;
  for (const m of t.matchAll(re)) {
    const start = m.index! + (m[1]?.length ?? 0);
    const end = m.index! + m[0].length;
    if (inMask(start, end)) continue;
    let value = parseItalianNumber(m[2]);
    if (value === null) continue;
    const suffix = (m[3] ?? '').trim().toLowerCase();
    let unit: string | null = m[1] || suffix === '€' ? '€' : suffix === '%' ? '%' : null;
    if (MULT[suffix]) value *= MULT[suffix];
    const after = t.slice(end);
    const before = t.slice(0, m.index!);
    if (!unit) {
      const w = /^\s+([A-Za-zÀ-ÿ']+)/.exec(after);
      if (w && !STOP.has(w[1].toLowerCase())) unit = w[1];
    }
    const q = /\b(almeno il valore|almeno|circa|quasi|oltre|fino a|più di|meno di)\s*(?:a\s+)?(?:n\.\s*)?$/i.exec(before);
    // Label: the words the number qualifies, else the clause that introduces it.
    const pre = introClause(before);
    const post = words(after.split(/[,;.(](?!\d)/)[0]);
    let label: string;
    if (unit === '%') label = post.slice(0, 6).join(' ');
    else if (unit && unit !== '€' && post.length >= 2) label = post.slice(0, 8).join(' ');
    else if (unit && unit !== '€') label = pre ? `${pre} (${unit})` : unit;
    else label = pre;
    figures.push({ label: cap(label || m[0].trim()), value, unit, qualifier: q ? q[1].toLowerCase() : null, date: null, raw: m[0].trim(), at: start });
  }
  const refs = dates.filter((d) => d.reference);
  if (figures.length) {
    for (const d of refs) {
      let best: (typeof figures)[number] | null = null;
      for (const f of figures) if (!best || Math.abs(f.at - d.start) < Math.abs(best.at - d.start)) best = f;
      if (best && Math.abs(best.at - d.start) <= 120 && !best.date) best.date = d.iso;
    }
  } else {
    for (const d of refs) {
      figures.push({ label: sentenceAround(t, d.start), value: null, unit: null, qualifier: null, date: d.iso, raw: null, at: d.start });
    }
  }
  return figures.map(({ at: _at, ...f }) => f);
}

/** A target or milestone statement found in one line. */
export interface Statement {
  code: string;
  kind: 'target' | 'milestone' | null;
  deadline: string | null;
  description: string | null;
  /** Heading form ("➤ Target M5C1 – 7"): the description is the next paragraph. */
  headingOnly: boolean;
}

const RE_DEADLINE_FIRST = new RegExp(`^[-•]?\\s*([TQ]\\d\\s*-\\s*\\d{2}|[TQ]\\d\\s+\\d{4})\\s*:\\s*(${CODE})\\s*[-–—:]\\s*(.+)$`, 'i');
const RE_KIND_FIRST = new RegExp(`^(Target|Milestone)\\s+(${CODE})\\s*(?:\\(([^)]+)\\))?\\s*:\\s*(.+)$`, 'i');
const RE_KIND_HEADING = new RegExp(`^(?:➤\\s*)?(Target|Milestone)\\s+(${CODE})\\s*:?$`, 'i');

/** Read a target/milestone statement from a line of text, or null. */
export function readStatement(text: string): Statement | null {
  let m = RE_DEADLINE_FIRST.exec(text);
  if (m) return { code: normCode(m[2]), kind: null, deadline: m[1].replace(/\s+/g, ' ').replace(/\s*-\s*/, '-'), description: m[3].trim(), headingOnly: false };
  m = RE_KIND_FIRST.exec(text);
  if (m) return { code: normCode(m[2]), kind: m[1].toLowerCase() as 'target' | 'milestone', deadline: m[3]?.trim() ?? null, description: m[4].trim(), headingOnly: false };
  m = RE_KIND_HEADING.exec(text);
  if (m) return { code: normCode(m[2]), kind: m[1].toLowerCase() as 'target' | 'milestone', deadline: null, description: null, headingOnly: true };
  return null;
}

/** "Entro il 31/12/2025 …": the deadline printed in a description, with its ISO date. */
export function deadlineIn(text: string): { printed: string; iso: string | null } | null {
  const m = /\bentro\s+il\s+(\d{1,2}\/\d{1,2}\/\d{4}|\d{1,2}°?\s+(?:gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre)\s+\d{4})/i.exec(text);
  return m ? { printed: m[1], iso: parseItalianDate(m[1]) ?? parseItalianLongDate(m[1]) } : null;
}

/** An inline statement that a milestone/target was reached ("Milestone raggiunta: …", "La milestone è stata conseguita …"). */
export function achievedIn(text: string): { kind: 'target' | 'milestone' | null } | null {
  const m = /^(?:la\s+|il\s+)?(milestone|target)\s+(?:è\s+stat[ao]\s+)?(raggiunt[ao]|conseguit[ao])\b/i.exec(text);
  return m ? { kind: m[1].toLowerCase() as 'target' | 'milestone' } : null;
}

/** "Label: € 1.234,56" / "Label: 1.234,56 €" pairs printed in a line. */
export function labelValues(text: string): { label: string; value: number; unit: string | null; raw: string }[] {
  const out: { label: string; value: number; unit: string | null; raw: string }[] = [];
  const re = /([A-Za-zÀ-ÿ'][^:]{1,60}?):\s*(€\s*)?(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)\s*(€|%)?(?=\s|$)/g;
  for (const m of text.matchAll(re)) {
    const value = parseItalianNumber(m[3]);
    if (value === null) continue;
    out.push({ label: m[1].trim(), value, unit: m[2] || m[4] === '€' ? '€' : m[4] === '%' ? '%' : null, raw: m[0].slice(m[0].indexOf(':') + 1).trim() });
  }
  return out;
}
