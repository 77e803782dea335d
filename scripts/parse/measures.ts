import type { FamilyResult, ParseCtx, TableInfo } from '../lib/types.ts';

/** Placeholder until the family is implemented. */
export function parseMeasures(_ctx: ParseCtx, _tables: TableInfo[], _collections: Record<string, object[]>): FamilyResult {
  return { tables: [], collections: {}, checks: [] };
}
