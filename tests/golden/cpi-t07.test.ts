import { test } from 'vitest';
import { parseCpiFamily } from '../../scripts/parse/cpi.ts';
import { golden } from './harness.ts';

// Excerpt copied verbatim from the seed — T07a/T07b: the note on the Allegati D and both quarterly tables.
// requireAll: false because an excerpt holds only part of the family's tables.
test('golden cpi-t07', () => golden('cpi-t07', (ctx) => parseCpiFamily(ctx, { requireAll: false })));
