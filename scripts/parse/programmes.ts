import type { FamilyResult, ParseCtx } from '../lib/types.ts';

/** Placeholder until the family is implemented. */
export function parseProgrammes(_ctx: ParseCtx): FamilyResult {
  return { tables: [], collections: {}, checks: [] };
}
