/**
 * Measure codes as the site shows them ("M5C2 I1.1.1", "M5C1 R1.1", "M7C1 I10") and their ids
 * (slugs: "m5c2-i1-1-1"). Built by rule from the document's headings, never hand-listed.
 */
import { slugify } from './slug.ts';

export type MeasureKind = 'riforma' | 'investimento' | 'sub-investimento';

/** "M5C2 I1.1.1" from mission 5, component 2, kind, number "1.1.1". */
export function measureCode(mission: number, component: number, kind: MeasureKind, number: string): string {
  return `M${mission}C${component} ${kind === 'riforma' ? 'R' : 'I'}${number}`;
}

/** URL-safe id of a measure code: "M5C2 I1.1.1" → "m5c2-i1-1-1". */
export function measureId(code: string): string {
  return slugify(code);
}

/** Parse compact codes printed in the text ("M7C1R5", "M7C1I10", "M5C2I1.1.1", "M7C1110" typo aside). */
export function parseCompactCode(text: string): { mission: number; component: number; kind: 'riforma' | 'investimento'; number: string } | null {
  const m = /\bM(\d)C(\d)\s*([RI])\s*(\d+(?:\.\d+)*)\b/.exec(text);
  if (!m) return null;
  return { mission: Number(m[1]), component: Number(m[2]), kind: m[3] === 'R' ? 'riforma' : 'investimento', number: m[4] };
}
