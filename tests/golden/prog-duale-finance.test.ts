import { test } from 'vitest';
import { parseDualeFinance } from '../../scripts/parse/duale.ts';
import { golden } from './harness.ts';

// Seed lines 459–477, verbatim: T10 (ignored here) and T11 with its three-level header.
test('golden prog-duale-finance', () => golden('prog-duale-finance', (ctx) => parseDualeFinance(ctx)));
