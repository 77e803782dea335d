import { test } from 'vitest';
import { parseIspezioni } from '../../scripts/parse/sommerso.ts';
import { golden } from './harness.ts';

// Seed lines 513–543, verbatim: Riforma 1.2 with T13 (ignored here) and T14 (II semestre 2025 blank = assente).
test('golden prog-ispezioni', () => golden('prog-ispezioni', (ctx) => parseIspezioni(ctx)));
