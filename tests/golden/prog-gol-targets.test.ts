import { test } from 'vitest';
import { parseGolTargets } from '../../scripts/parse/gol.ts';
import { golden } from './harness.ts';

// Seed lines 7–45, verbatim: headings, T01 (ignored here) and the four GOL target grids T02a–d with their source lines.
test('golden prog-gol-targets', () => golden('prog-gol-targets', (ctx) => parseGolTargets(ctx)));
