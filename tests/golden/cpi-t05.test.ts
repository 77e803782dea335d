import { test } from 'vitest';
import { parseCpiFamily } from '../../scripts/parse/cpi.ts';
import { golden } from './harness.ts';

// Excerpt copied verbatim from the seed — T05a–d: the INVESTIMENTO 1.1 heading, T04 (another family's, ignored here) and the four "Dettaglio delle attività" grids.
// requireAll: false because an excerpt holds only part of the family's tables.
test('golden cpi-t05', () => golden('cpi-t05', (ctx) => parseCpiFamily(ctx, { requireAll: false })));
