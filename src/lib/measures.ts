/**
 * Measures as pages name them: code ("M5C2 I1.1.1"), title, a one-line label, and the words
 * for their kind and targets.
 */
import type { Measure, MeasureTargetRecord } from '../schemas/measures.ts';
import { all, byId, must } from './data.ts';

export interface MeasureInfo {
  id: string;
  code: string;
  title: string;
  /** "M5C2 I1.1.1 — Sostegno alle capacità genitoriali…" */
  label: string;
}

/** Code, title and label of a measure by id (an unknown id is a normaliser bug and stops the build). */
export async function measureInfo(id: string): Promise<MeasureInfo> {
  const m = must(await byId('measures'), id, 'misura');
  return { id: m.id, code: m.code, title: m.title, label: `${m.code} — ${m.title}` };
}

/** Measures in document order (the order of the document record). */
export async function measuresInOrder(): Promise<Measure[]> {
  const [docs, measures] = await Promise.all([all('document'), byId('measures')]);
  const order = docs[0]?.measures ?? [...measures.keys()];
  return order.map((id) => must(measures, id, 'documento'));
}

/** "Riforma", "Investimento", "Sub-investimento". */
export function kindLabel(kind: Measure['kind']): string {
  return kind === 'riforma' ? 'Riforma' : kind === 'investimento' ? 'Investimento' : 'Sub-investimento';
}

/** "Missione 5 «Inclusione e coesione», Componente 2 «…»" (titles only when printed). */
export function componentLabel(m: Pick<Measure, 'mission' | 'component' | 'missionTitle' | 'componentTitle'>): string {
  return (
    `Missione ${m.mission}${m.missionTitle ? ` «${m.missionTitle}»` : ''}, ` +
    `Componente ${m.component}${m.componentTitle ? ` «${m.componentTitle}»` : ''}`
  );
}

/** Status of a target in words: raggiunto/a, non ancora, or not stated. */
export function targetStatus(t: Pick<MeasureTargetRecord, 'achieved' | 'kind'>): string {
  const f = t.kind === 'milestone';
  if (t.achieved === true) return f ? 'raggiunta' : 'raggiunto';
  if (t.achieved === false) return f ? 'non raggiunta' : 'non raggiunto';
  return 'il documento non lo dice';
}
