/**
 * The document's heading structure: title block, MISSIONE / COMPONENTE headings and the measure
 * headings (RIFORMA / INVESTIMENTO / Sub-investimento, "M5C2 – Investimento 1.1 “…”", compact codes
 * "M7C1R5"). Every measure code is derived from the headings by rule; nothing is listed by hand.
 * Pure: the table parsers use it to know which measure a table belongs to, parseMeasures to build
 * the measures collection. Corrections applied to heading text are recorded through the context.
 */
import { SeedError, excerpt } from '../lib/errors.ts';
import { measureCode, measureId, type MeasureKind } from '../lib/measure-code.ts';
import type { SeedLine } from '../lib/seed.ts';
import type { ParseCtx } from '../lib/types.ts';
import { regionNames } from '../lib/territory.ts';
import { filledCount, fixText, nextContent, plainText } from './programmes-lib.ts';

/** One measure as its headings describe it, with the line spans it covers. */
export interface MeasureSpan {
  code: string;
  id: string;
  mission: number;
  component: number;
  missionTitle: string | null;
  componentTitle: string | null;
  kind: MeasureKind;
  number: string;
  title: string;
  titlePrinted: string;
  tags: string[];
  parent: { code: string; title: string | null } | null;
  headingLines: number[];
  /** Inclusive line spans [start, end] of the measure's section(s). */
  spans: [number, number][];
}

/** A heading line (or lines) and its role in the document structure. */
export interface HeadingInfo {
  line: number;
  lines: number[];
  text: string;
  role: 'titolo' | 'missione' | 'componente' | 'misura' | 'misura-padre';
  /** Measure id for measure headings, null otherwise. */
  measure: string | null;
}

/** Two heading lines joined by a general rule (a title broken over two bold lines). */
export interface HeadingJoin {
  line: number;
  raw: string;
  fixed: string;
}

export interface DocumentStructure {
  title: string | null;
  titleLines: number[];
  region: string | null;
  headings: HeadingInfo[];
  measures: MeasureSpan[];
  /** Mission/component titles by component code ("M5C1"), with the MISSIONE/COMPONENTE heading lines. */
  components: { code: string; mission: number; component: number; missionTitle: string | null; componentTitle: string | null; lines: number[] }[];
  /** Lines between a MISSIONE/COMPONENTE heading and the first measure heading: the component's introduction. */
  introSpans: { component: string; span: [number, number] }[];
  joins: HeadingJoin[];
}

const RE_MISSION = /^MISSIONE\s+(\d+)\b[\s:,]*(.*)$/i;
const RE_COMPONENT_IN = /^(.*?)[\s,]*COMPONENTE\s+(\d+)\b[\s:,]*(.*)$/i;
const RE_COMPONENT = /^COMPONENTE\s+(\d+)\b[\s:,]*(.*)$/i;
const RE_WORD = /^(RIFORMA|INVESTIMENTO|SUB-INVESTIMENTO)\s+(\d+(?:\.\d+)*)\b\s*[:\-–—]?\s*(.*)$/i;
const RE_CODED = /^M(\d+)\s*C(\d+)\s*[-–—]?\s*(RIFORMA|INVESTIMENTO|SUB-INVESTIMENTO)\s+(\d+(?:\.\d+)*)\b\s*[:\-–—]?\s*(.*)$/i;
const RE_COMPACT = /^M(\d+)C(\d+)([RI])(\d+(?:\.\d+)*)(?![\d.])\s*(.*)$/;

/** The single text cell of a line, emphasis removed; null when the line has more than one filled cell. */
function singleText(l: SeedLine): string | null {
  if (filledCount(l) !== 1) return null;
  return plainText(l.cells.find((c) => c !== '')!);
}

/** True when the whole line is bold in the source (`**…**` or `<b>…</b>`), ignoring heading marks. */
export function isBoldLine(l: SeedLine): boolean {
  const r = l.raw.replace(/\t+$/, '').trim().replace(/^#+\s*/, '');
  return /^\*\*[^*]+\*\*$/.test(r) || /^<b>[^<]*<\/b>$/i.test(r);
}

/** Markdown heading level of the raw line (### → 3), or null. */
export function markdownLevel(l: SeedLine): number | null {
  const m = /^(#{1,6})\s/.exec(l.raw.trim());
  return m ? m[1].length : null;
}

/** All-caps titles become sentence case ("POLITICHE PER IL LAVORO" → "Politiche per il lavoro"); others are kept. */
export function sentenceCase(s: string): string {
  if (/[a-zà-ÿ]/.test(s)) return s;
  const low = s.toLocaleLowerCase('it');
  return low.charAt(0).toLocaleUpperCase('it') + low.slice(1);
}

/** Title inside quotes if any (“…”, "…"), else the text without leading dashes/colons; trimmed. */
function cleanTitle(s: string): { title: string; tags: string[] } {
  const q = /[“"«](.+)[”"»]/.exec(s);
  if (q) {
    const outside = s.replace(q[0], ' ').split(/[–—-]/).map((x) => x.trim()).filter((x) => x && /[A-Za-z]/.test(x));
    return { title: q[1].trim(), tags: outside };
  }
  return { title: s.replace(/^[\s:\-–—]+|[\s:.]+$/g, '').trim(), tags: [] };
}

const isMeasureHeading = (t: string) => RE_WORD.test(t) || RE_CODED.test(t) || RE_COMPACT.test(t);

/** True when a line's text is any structural heading this module understands. */
export function isStructureHeading(t: string): boolean {
  return RE_MISSION.test(t) || RE_COMPONENT.test(t) || isMeasureHeading(t);
}

/**
 * Walk the document's headings. Corrections (seeds/corrections.json) are applied to heading text
 * before it is read, so a wrong printed code ("M5C1 Riforma 2.2" above "Riforma 1.2") is fixed by a
 * human entry, never by a line number. A code-only heading and the titled heading below it must then
 * agree, or the document is ambiguous and the walk stops with a located error.
 */
export function scanHeadings(ctx: ParseCtx): DocumentStructure {
  const lines = ctx.lines;
  const headings: HeadingInfo[] = [];
  const measures = new Map<string, MeasureSpan>();
  const order: string[] = [];
  const missionTitles = new Map<number, string>();
  const components = new Map<string, DocumentStructure['components'][number]>();
  const parentTitles = new Map<string, string>();
  const joins: HeadingJoin[] = [];
  const used = new Set<number>();
  // Boundaries: every structural heading line starts a new scope; measure scopes are recorded here.
  const starts: { line: number; measure: string | null; intro: string | null }[] = [];
  let mission: number | null = null;
  let component: number | null = null;
  let lastInvestment: { code: string; number: string; line: number; measureId: string } | null = null;
  let titleLines: number[] = [];
  let firstStructure: number | null = null;

  // Test a line before recording any correction: only heading lines are ours to correct here.
  const headingText = (l: SeedLine): string | null => {
    const t = singleText(l);
    if (t === null) return null;
    const preview = fixText(ctx, t, l.n, 'testo', false);
    if (!isStructureHeading(preview)) return null;
    return fixText(ctx, t, l.n, 'intestazione');
  };

  const componentEntry = (m: number, c: number, line: number | null) => {
    const code = `M${m}C${c}`;
    let e = components.get(code);
    if (!e) {
      e = { code, mission: m, component: c, missionTitle: missionTitles.get(m) ?? null, componentTitle: null, lines: [] };
      components.set(code, e);
    }
    if (line !== null && !e.lines.includes(line)) e.lines.push(line);
    return e;
  };

  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (used.has(l.n)) continue;
    const t = headingText(l);
    if (t === null) continue;
    firstStructure ??= l.n;

    const mm = RE_MISSION.exec(t);
    if (mm) {
      mission = Number(mm[1]);
      component = null;
      let rest = mm[2];
      const hl = [l.n];
      // A bold span left open on this line continues on the next one (e.g. the list of measure codes).
      if ((l.raw.match(/\*\*/g) ?? []).length % 2 === 1) {
        const cont = nextContent(ctx, i);
        if (cont && (cont.raw.match(/\*\*/g) ?? []).length % 2 === 1) {
          hl.push(cont.n);
          used.add(cont.n);
        }
      }
      const cm = RE_COMPONENT_IN.exec(rest);
      let compTitle: string | null = null;
      if (cm) {
        rest = cm[1];
        component = Number(cm[2]);
        compTitle = cleanTitle(cm[3]).title || null;
      }
      const mTitle = cleanTitle(rest).title;
      if (mTitle && !missionTitles.has(mission)) missionTitles.set(mission, sentenceCase(mTitle));
      if (component !== null) {
        const e = componentEntry(mission, component, l.n);
        e.missionTitle ??= missionTitles.get(mission) ?? null;
        if (compTitle) e.componentTitle ??= sentenceCase(compTitle);
      }
      headings.push({ line: l.n, lines: hl, text: t, role: 'missione', measure: null });
      starts.push({ line: l.n, measure: null, intro: component !== null ? `M${mission}C${component}` : null });
      continue;
    }
    const cm = RE_COMPONENT.exec(t);
    if (cm) {
      if (mission === null) throw new SeedError(ctx.file, l.n, 'a MISSIONE heading before a COMPONENTE heading', excerpt(t));
      component = Number(cm[1]);
      const e = componentEntry(mission, component, l.n);
      const title = cleanTitle(cm[2]).title;
      if (title) e.componentTitle ??= sentenceCase(title);
      headings.push({ line: l.n, lines: [l.n], text: t, role: 'componente', measure: null });
      starts.push({ line: l.n, measure: null, intro: `M${mission}C${component}` });
      continue;
    }

    // A measure heading in one of its three printed forms.
    let m: number | null = mission;
    let c: number | null = component;
    let kindWord: string;
    let number: string;
    let titleRaw: string;
    const hl = [l.n];
    const coded = RE_CODED.exec(t);
    const compact = RE_COMPACT.exec(t);
    const word = RE_WORD.exec(t);
    if (coded) {
      [m, c] = [Number(coded[1]), Number(coded[2])];
      kindWord = coded[3];
      number = coded[4];
      titleRaw = coded[5];
    } else if (compact) {
      [m, c] = [Number(compact[1]), Number(compact[2])];
      kindWord = compact[3] === 'R' ? 'riforma' : 'investimento';
      number = compact[4];
      titleRaw = compact[5];
    } else {
      kindWord = word![1];
      number = word![2];
      titleRaw = word![3];
    }
    if (m === null || c === null) {
      throw new SeedError(ctx.file, l.n, 'a MISSIONE and COMPONENTE heading (or a code such as M5C1) before a measure heading', excerpt(t));
    }
    let kind = kindWord.toLowerCase() as MeasureKind;
    // A code-only heading ("M5C1 Riforma 2.2") takes its title from the heading right below it.
    if ((coded || compact) && cleanTitle(titleRaw).title === '') {
      const below = nextContent(ctx, i);
      const bt = below ? singleText(below) : null;
      const bfix = below && bt !== null ? fixText(ctx, bt, below.n, 'testo', false) : null;
      const bw = bfix ? RE_WORD.exec(bfix) : null;
      if (below && bw && bw[1].toLowerCase() === kind) {
        fixText(ctx, bt!, below.n, 'intestazione');
        if (bw[2] !== number) {
          throw new SeedError(
            ctx.file,
            below.n,
            `the same measure number as the heading above ("${t}"), or a correction in seeds/corrections.json`,
            excerpt(bfix!),
          );
        }
        titleRaw = bw[3];
        hl.push(below.n);
        used.add(below.n);
      }
    }
    let { title, tags } = cleanTitle(titleRaw);
    // A title broken over two bold lines: the next line is bold, all capitals, and not a heading itself.
    const last = lines[hl[hl.length - 1] - 1];
    const cont = nextContent(ctx, last.n - 1);
    const ct = cont ? singleText(cont) : null;
    if (cont && ct && isBoldLine(last) && isBoldLine(cont) && title && !/[a-zà-ÿ]/.test(title) && !/[a-zà-ÿ\d]/.test(ct) && !isStructureHeading(ct)) {
      joins.push({ line: cont.n, raw: ct, fixed: `${title} ${ct}` });
      title = `${title} ${ct}`;
      hl.push(cont.n);
      used.add(cont.n);
    }
    const code = measureCode(m, c, kind, number);
    const id = measureId(code);
    componentEntry(m, c, null);

    if (kind === 'investimento') {
      // Maybe the parent of the sub-investments that follow; decided when the next heading comes.
      if (title && !parentTitles.has(code)) parentTitles.set(code, title);
    }
    if (kind === 'sub-investimento' && lastInvestment && number.startsWith(lastInvestment.number + '.')) {
      // The investment heading just above is this sub-investment's parent, not a measure of its own.
      demote(lastInvestment, measures, order, headings, starts);
    }
    lastInvestment = kind === 'investimento' ? { code, number, line: l.n, measureId: id } : null;

    let parent: MeasureSpan['parent'] = null;
    if (kind === 'sub-investimento') {
      const pNumber = number.split('.').slice(0, -1).join('.');
      const pCode = measureCode(m, c, 'investimento', pNumber);
      parent = { code: pCode, title: parentTitles.get(pCode) ?? null };
    }
    let rec = measures.get(id);
    if (!rec) {
      rec = {
        code,
        id,
        mission: m,
        component: c,
        missionTitle: missionTitles.get(m) ?? null,
        componentTitle: components.get(`M${m}C${c}`)?.componentTitle ?? null,
        kind,
        number,
        title: sentenceCase(title),
        titlePrinted: title,
        tags,
        parent,
        headingLines: [],
        spans: [],
      };
      measures.set(id, rec);
      order.push(id);
    }
    rec.headingLines.push(...hl);
    headings.push({ line: l.n, lines: hl, text: t, role: 'misura', measure: id });
    starts.push({ line: l.n, measure: id, intro: null });
  }

  // Spans: from each start to the line before the next start.
  const lastN = lines.length;
  starts.forEach((s, k) => {
    const end = k + 1 < starts.length ? starts[k + 1].line - 1 : lastN;
    if (s.measure) measures.get(s.measure)?.spans.push([s.line, end]);
  });
  const introSpans = starts
    .map((s, k) => ({ s, end: k + 1 < starts.length ? starts[k + 1].line - 1 : lastN }))
    .filter(({ s }) => s.intro !== null)
    .map(({ s, end }) => ({ component: s.intro!, span: [s.line, end] as [number, number] }));

  // Title block: the text lines before the first structural heading.
  const titleParts: string[] = [];
  titleLines = [];
  for (const l of lines) {
    if (firstStructure !== null && l.n >= firstStructure) break;
    const t = singleText(l);
    if (t) {
      titleParts.push(t);
      titleLines.push(l.n);
    }
  }
  const title = titleParts.length ? titleParts.map((p) => p.replace(/\s*-\s*(?=\S)/g, ' – ').replace(/\s+/g, ' ')).join(' – ') : null;
  const region = title ? regionIn(title) : null;

  return {
    title,
    titleLines,
    region,
    headings,
    measures: order.map((id) => measures.get(id)!),
    components: [...components.values()].map((e) => ({ ...e, missionTitle: e.missionTitle ?? missionTitles.get(e.mission) ?? null })),
    introSpans,
    joins,
  };
}

/** Turn a measure candidate into a parent heading (an investment whose sub-investments follow). */
function demote(
  inv: { measureId: string; line: number },
  measures: Map<string, MeasureSpan>,
  order: string[],
  headings: HeadingInfo[],
  starts: { line: number; measure: string | null; intro: string | null }[],
) {
  const h = headings.find((x) => x.line === inv.line && x.role === 'misura');
  if (h) {
    h.role = 'misura-padre';
    h.measure = null;
  }
  const s = starts.find((x) => x.line === inv.line);
  if (s) s.measure = null;
  const rec = measures.get(inv.measureId);
  if (rec) {
    rec.headingLines = rec.headingLines.filter((n) => n !== inv.line && !(h?.lines ?? []).includes(n));
    if (rec.headingLines.length === 0) {
      measures.delete(inv.measureId);
      order.splice(order.indexOf(inv.measureId), 1);
    }
  }
}

/** The region a text names after "Regione"/"REGIONE", in the gazetteer's spelling, or null. */
export function regionIn(text: string): string | null {
  const { each, any } = regionNamePatterns();
  if (!any.test(text)) return null;
  for (const [first, re] of each) if (re.test(text)) return first;
  return null;
}

/** Regions other than `home` that a text names after "Regione", "CPI" or "Potenziamento CPI". */
export function foreignRegions(text: string, home: string | null): string[] {
  if (!home) return [];
  const { each, any } = regionMentionPatterns(home);
  // Most headings name no other region: one alternation of the other regions rules them out.
  if (!any.test(text)) return [];
  const out: string[] = [];
  for (const [first, re] of each) {
    if (first === home) continue;
    if (re.test(text)) out.push(first);
  }
  return out;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Patterns over the regions of the gazetteer (first name of a bilingual one), in its order: one per
 * region, and all of them but `except` as one alternation with the same context, which matches
 * exactly the texts that one of those matches.
 */
interface RegionPatterns {
  each: [string, RegExp][];
  any: RegExp;
}

function regionPatterns(before: string, name: (first: string) => string, except: string | null = null): RegionPatterns {
  const firsts = regionNames().map((r) => r.split('/')[0]);
  const after = '(?![\\p{L}])';
  return {
    each: firsts.map((first) => [first, new RegExp(`${before}${name(first)}${after}`, 'iu')]),
    any: new RegExp(`${before}(?:${firsts.filter((f) => f !== except).map(name).join('|')})${after}`, 'iu'),
  };
}

let nameRe: RegionPatterns | null = null;
const mentionRe = new Map<string, RegionPatterns>();

/** "REGIONE <name>", spaces and hyphens inside the name optional; built once (the gazetteer does not change). */
function regionNamePatterns(): RegionPatterns {
  nameRe ??= regionPatterns('\\bREGIONE\\s+', (first) => escapeRe(first).replace(/[-\s]/g, '[-\\s]?'));
  return nameRe;
}

/** "Regione/CPI [della|di] <name>", the alternation without the home region; built once per home region: foreignRegions runs on every heading. */
function regionMentionPatterns(home: string): RegionPatterns {
  let p = mentionRe.get(home);
  if (!p) {
    p = regionPatterns('\\b(Regione|CPI)\\s+(della\\s+|di\\s+)?', escapeRe, home);
    mentionRe.set(home, p);
  }
  return p;
}

/** The measure whose section contains line n, or null (title block, component introductions). */
export function measureAt(structure: DocumentStructure, n: number): MeasureSpan | null {
  return structure.measures.find((m) => m.spans.some(([a, b]) => n >= a && n <= b)) ?? null;
}
