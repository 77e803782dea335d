import { test } from 'vitest';
import { parseCpiFamily } from '../../scripts/parse/cpi.ts';
import { golden } from './harness.ts';

// Excerpt copied verbatim from the seed — T06: heading, Risorse programmate and the whole "Adeguamento strumentale e infrastrutturale" grid, through its separator row.
// requireAll: false because an excerpt holds only part of the family's tables.
test('golden cpi-t06', () => golden('cpi-t06', (ctx) => parseCpiFamily(ctx, { requireAll: false })));
