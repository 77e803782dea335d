import type { FamilyResult, ParseCtx } from '../lib/types.ts';

/** Placeholder until the family is implemented. */
export function parseCpiFamily(_ctx: ParseCtx): FamilyResult {
  return { tables: [], collections: {}, checks: [] };
}
