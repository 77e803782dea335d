import type { Results } from './lib/results.ts';
export function notesFor(r: Results): string[] {
  return r.budgets.filter((b) => b.pass === false).map((b) => `${b.id}: TODO`);
}
