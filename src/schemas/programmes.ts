import type { ZodTypeAny } from 'zod';

/** Placeholder until the family is implemented. */
export const programmeSchemas: Record<string, ZodTypeAny> = {};
