import { test } from 'vitest';
import { parseProjectsFamily } from '../../scripts/parse/projects.ts';
import { golden } from './harness.ts';

// Excerpt copied verbatim from the seed (heading above the table through the line that ends it).
test('golden projects-t19', () => golden('projects-t19', (ctx) => parseProjectsFamily(ctx)));
