import { test } from 'vitest';
import { parseActs } from '../../scripts/parse/acts.ts';
import { golden } from './harness.ts';

// Seed lines 1019–1031, verbatim: M5C2 Riforma 2.2 headings and T23 (two-level header, milestone M5C2-3).
test('golden prog-acts-anziani', () => golden('prog-acts-anziani', (ctx) => parseActs(ctx)));
