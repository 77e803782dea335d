import { test } from 'vitest';
import { parseCpiFamily } from '../../scripts/parse/cpi.ts';
import { golden } from './harness.ts';

// Excerpt copied verbatim from the seed — T09: the M5C1-7bis headings, the caption and the per-CPI table with its duplicated CPI.
// requireAll: false because an excerpt holds only part of the family's tables.
test('golden cpi-t09', () => golden('cpi-t09', (ctx) => parseCpiFamily(ctx, { requireAll: false })));
