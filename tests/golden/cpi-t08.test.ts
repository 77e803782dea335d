import { test } from 'vitest';
import { parseCpiFamily } from '../../scripts/parse/cpi.ts';
import { golden } from './harness.ts';

// Excerpt copied verbatim from the seed — T08: the M5C1-7 headings, the duplicated caption and the per-CPI table.
// requireAll: false because an excerpt holds only part of the family's tables.
test('golden cpi-t08', () => golden('cpi-t08', (ctx) => parseCpiFamily(ctx, { requireAll: false })));
