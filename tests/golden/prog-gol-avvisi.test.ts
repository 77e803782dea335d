import { test } from 'vitest';
import { parseGolAvvisi } from '../../scripts/parse/gol.ts';
import { golden } from './harness.ts';

// Seed lines 7–22, verbatim: the M5C1 / Riforma 1.1 headings (title over two bold lines) and T01 with its "Dati al".
test('golden prog-gol-avvisi', () => golden('prog-gol-avvisi', (ctx) => parseGolAvvisi(ctx)));
