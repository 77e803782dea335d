/**
 * Which measure a project table belongs to, read from the headings above it by rule.
 * Shared by the M5C2 tables and the Crescere Green table: both are introduced by a heading
 * that names the measure, and the mission/component comes from the nearest context that states it.
 */
import { SeedError, excerpt } from '../lib/errors.ts';
import { measureCode, measureId, parseCompactCode, type MeasureKind } from '../lib/measure-code.ts';
import type { SeedLine } from '../lib/seed.ts';

/** A measure as found in the headings: its code ("M5C2 I1.1.1"), id ("m5c2-i1-1-1") and heading line. */
export interface FoundMeasure {
  code: string;
  id: string;
  /** The heading that names the measure, cleaned of markup. */
  heading: string;
  /** 1-based line of that heading. */
  line: number;
}

/** "Sub-investimento 1.1.1 …", "Investimento 1.2 …", "Riforma 2.2 …" (with or without an "M5C2 -" prefix). */
const MEASURE_HEADING = /\b(sub-investimento|investimento|riforma)\s+(\d+(?:\.\d+)*)\b/i;
/** "M5C2" on its own (not the compact "M5C2I1.1.1", whose digits continue the code). */
const MISSION_COMPONENT = /\bM(\d)C(\d)(?![\d.])/;
/** "Missione 5 … Componente 2" spelled out. */
const MISSION_COMPONENT_WORDS = /MISSIONE\s+(\d+)\b[^]{0,80}?COMPONENTE\s+(\d+)\b/i;

/** Mission and component stated on one line, in either form. */
export function missionComponentOf(text: string): { mission: number; component: number } | null {
  const m = MISSION_COMPONENT.exec(text) ?? MISSION_COMPONENT_WORDS.exec(text);
  return m ? { mission: Number(m[1]), component: Number(m[2]) } : null;
}

/**
 * The measure of the table whose header starts at `headerIdx` (0-based index in `lines`):
 * the nearest "(Sub-)Investimento N" heading above it, with mission/component from that line or
 * the nearest line above that states them. `stopIdx` bounds the search (the previous table's end),
 * so a table never borrows the heading of the one before it.
 */
export function measureAbove(lines: SeedLine[], headerIdx: number, stopIdx: number, file: string): FoundMeasure {
  for (let i = headerIdx - 1; i > stopIdx && i >= 0; i--) {
    const m = MEASURE_HEADING.exec(lines[i].text);
    if (!m) continue;
    const kind = m[1].toLowerCase() as MeasureKind;
    for (let j = i; j >= 0; j--) {
      const mc = missionComponentOf(lines[j].text);
      if (mc) {
        const code = measureCode(mc.mission, mc.component, kind, m[2]);
        return { code, id: measureId(code), heading: lines[i].text, line: lines[i].n };
      }
    }
    throw new SeedError(file, lines[i].n, 'a mission and component ("M5C2" or "Missione 5 … Componente 2") above this heading', excerpt(lines[i].text));
  }
  throw new SeedError(
    file,
    lines[headerIdx].n,
    'a heading naming the measure ("Sub-investimento 1.1.1 …", "Investimento 1.2 …") above this table',
    'none between the previous table and this header',
  );
}

/**
 * The measure named by the nearest compact code above `headerIdx` ("M7C1I10 – REPowerEU …").
 * Typos that break the code (a "1" printed for the "I") simply do not match, so the search goes on
 * to the heading that prints it correctly.
 */
export function compactMeasureAbove(lines: SeedLine[], headerIdx: number, file: string): FoundMeasure {
  for (let i = headerIdx - 1; i >= 0; i--) {
    const c = parseCompactCode(lines[i].text);
    if (!c) continue;
    const code = measureCode(c.mission, c.component, c.kind, c.number);
    return { code, id: measureId(code), heading: lines[i].text, line: lines[i].n };
  }
  throw new SeedError(file, lines[headerIdx].n, 'a heading with the measure code (e.g. "M7C1I10") above this table', 'none');
}

/** True for a line that reads as a measure heading (so a one-cell row is a title, not a name continuation). */
export const isMeasureHeading = (text: string): boolean => MEASURE_HEADING.test(text) || missionComponentOf(text) !== null;

/**
 * The inventory's table ids, keyed by measure so they do not depend on table order. A measure
 * that a later edition adds gets an id derived from its code rather than failing the build.
 */
const TABLE_IDS: Record<string, string> = {
  'm7c1-i10': 'T15',
  'm5c2-i1-1-1': 'T16',
  'm5c2-i1-1-2': 'T17',
  'm5c2-i1-1-3': 'T18',
  'm5c2-i1-1-4': 'T19',
  'm5c2-i1-2': 'T20',
  'm5c2-i1-3-1': 'T21',
  'm5c2-i1-3-2': 'T22',
};

/** Table id of a project table from its measure ("m5c2-i1-1-1" → "T16"; unknown measures → "M5C2-I1.4"). */
export const tableIdOf = (measure: FoundMeasure): string => TABLE_IDS[measure.id] ?? measure.code.replace(/\s+/g, '-');

/** The sentence that announces a table of projects: "Di seguito, si forniscono i dati di avanzamento … progetti (CUP) …". */
export const isProjectsCaption = (text: string): boolean => /si forniscono i dati di avanzamento\b.*\bprogetti \(CUP\)/i.test(text);
