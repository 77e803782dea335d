import type { FamilyResult, ParseCtx } from '../lib/types.ts';

/** Placeholder until the family is implemented. */
export function parseProjectsFamily(_ctx: ParseCtx): FamilyResult {
  return { tables: [], collections: {}, checks: [] };
}
