/**
 * Every collection's record schema, by collection name. The normaliser validates its
 * output with these; src/content.config.ts declares the Astro collections from them.
 */
import type { ZodTypeAny } from 'zod';
import { programmeSchemas } from './programmes.ts';
import { cpiSchemas } from './cpi.ts';
import { projectSchemas } from './projects.ts';
import { measureSchemas } from './measures.ts';

export const collectionSchemas: Record<string, ZodTypeAny> = {
  ...programmeSchemas,
  ...cpiSchemas,
  ...projectSchemas,
  ...measureSchemas,
};
