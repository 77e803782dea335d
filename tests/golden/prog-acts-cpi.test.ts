import { test } from 'vitest';
import { parseActs } from '../../scripts/parse/acts.ts';
import { golden } from './harness.ts';

// Seed lines 53–62, verbatim: M5C1 Investimento 1.1 headings and T04 (caption naming "Sardegna", corrected).
test('golden prog-acts-cpi', () => golden('prog-acts-cpi', (ctx) => parseActs(ctx)));
