import type { ZodTypeAny } from 'zod';

/** Placeholder until the family is implemented. */
export const projectSchemas: Record<string, ZodTypeAny> = {};
