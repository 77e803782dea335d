import { test } from 'vitest';
import { parseDualeAvvisi } from '../../scripts/parse/duale.ts';
import { golden } from './harness.ts';

// Seed lines 459–470, verbatim: M5C1 Investimento 1.4 headings and T10 ("leFP" corrected, "13432 di cui 13432 PNRR" split).
test('golden prog-duale-avvisi', () => golden('prog-duale-avvisi', (ctx) => parseDualeAvvisi(ctx)));
