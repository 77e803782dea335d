import { test } from 'vitest';
import { parseActs } from '../../scripts/parse/acts.ts';
import { parseMeasures } from '../../scripts/parse/measures.ts';
import { parseIspezioni } from '../../scripts/parse/sommerso.ts';
import { golden } from './harness.ts';

// Seed lines 513–603, verbatim: Riforma 1.2 (acts, inspections, targets M5C1-10/-11 stated in text) and the
// M7C1R5 / M7C1I10 text (milestones M7-9/-10, target M7-30, figures). The measures walker runs after the tables.
test('golden prog-measures-sommerso-m7', () =>
  golden('prog-measures-sommerso-m7', (ctx) => {
    const acts = parseActs(ctx);
    const isp = parseIspezioni(ctx);
    const tables = [...acts.tables, ...isp.tables];
    return parseMeasures(ctx, tables, { ...acts.collections, ...isp.collections });
  }));
