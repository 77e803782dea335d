/** Identities that span table families (each family checks its own tables). */
import type { Check } from './types.ts';

export function crossChecks(_collections: Record<string, object[]>): Check[] {
  return [];
}
