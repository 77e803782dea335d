import { test } from 'vitest';
import { parseActs } from '../../scripts/parse/acts.ts';
import { golden } from './harness.ts';

// Seed lines 513–529, verbatim: the wrong "M5C1 Riforma 2.2" heading and T13 (milestones M5C1-8/-9, orphan continuation row).
test('golden prog-acts-sommerso', () => golden('prog-acts-sommerso', (ctx) => parseActs(ctx)));
