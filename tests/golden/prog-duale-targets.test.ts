import { test } from 'vitest';
import { parseDualeTargets } from '../../scripts/parse/duale.ts';
import { golden } from './harness.ts';

// Seed lines 459–512, verbatim: the duale section with T12a–f (unlabelled % column, lost-chart captions).
test('golden prog-duale-targets', () => golden('prog-duale-targets', (ctx) => parseDualeTargets(ctx)));
