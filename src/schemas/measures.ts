import type { ZodTypeAny } from 'zod';

/** Placeholder until the family is implemented. */
export const measureSchemas: Record<string, ZodTypeAny> = {};
