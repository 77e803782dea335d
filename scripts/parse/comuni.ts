import type { FamilyResult } from '../lib/types.ts';

/** Placeholder until the family is implemented. */
export function buildComuni(_collections: Record<string, object[]>): FamilyResult {
  return { tables: [], collections: {}, checks: [] };
}
