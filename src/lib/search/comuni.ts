/**
 * Helpers of the comune pages and of the A–Z index /comuni/: letters of the alphabet index and
 * the words for an entity's legal form.
 */
import type { Entity } from '../../schemas/projects.ts';
import { foldAccents } from './query.ts';

/** Legal form of an entity in words (as on the entity page). */
export const ENTITY_TIPO_LABEL: Record<Entity['tipo'], string> = {
  comune: 'Comune',
  'comunita-montana': 'Comunità montana',
  'azienda-consortile': 'Azienda speciale consortile o azienda sociale',
  consorzio: 'Consorzio',
  'ente-formazione': 'Ente di formazione o agenzia per il lavoro',
  altro: 'Altro ente',
};

/** Index letter of a name: its first letter, accent-free, upper-case ("Èrba" → "E"); "#" otherwise. */
export function initialOf(name: string): string {
  const c = foldAccents(name.trim()).charAt(0).toUpperCase();
  return /[A-Z]/.test(c) ? c : '#';
}

/**
 * Items grouped by index letter, letters in alphabetical order, items sorted by name in Italian
 * collation within each letter.
 */
export function groupByInitial<T>(items: readonly T[], name: (t: T) => string): { letter: string; items: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const it of [...items].sort((a, b) => name(a).localeCompare(name(b), 'it'))) {
    const l = initialOf(name(it));
    if (!groups.has(l)) groups.set(l, []);
    groups.get(l)!.push(it);
  }
  return [...groups.entries()].sort(([a], [b]) => (a === '#' ? 1 : b === '#' ? -1 : a.localeCompare(b))).map(([letter, list]) => ({ letter, items: list }));
}
