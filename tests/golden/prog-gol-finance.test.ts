import { test } from 'vitest';
import { parseGolFinance } from '../../scripts/parse/gol.ts';
import { golden } from './harness.ts';

// Seed lines 7–51, verbatim: the GOL section up to T03 (financial progress, tranche flags, "Dati al 31/07/2025").
test('golden prog-gol-finance', () => golden('prog-gol-finance', (ctx) => parseGolFinance(ctx)));
