/**
 * The output follows the input: change a number in a copy of a golden excerpt and the record and the
 * checks change with it (nothing is hard-coded).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { createContext } from '../../scripts/lib/context.ts';
import { toLines } from '../../scripts/lib/seed.ts';
import type { FamilyResult } from '../../scripts/lib/types.ts';
import { parseCpiFamily } from '../../scripts/parse/cpi.ts';
import type { CpiPlan, CpiPlanLine, CpiQuarterly, CpiTarget } from '../../src/schemas/cpi.ts';
import { seedCorrections } from '../golden/harness.ts';

const excerpt = (name: string) => readFileSync(join(import.meta.dirname, '../golden', `${name}.txt`), 'utf8');

function run(text: string): FamilyResult {
  const st = createContext('excerpt.txt', toLines(text), seedCorrections());
  return parseCpiFamily(st.ctx, { requireAll: false });
}

const recs = <T>(r: FamilyResult, name: string) => r.collections[name] as T[];
const check = (r: FamilyResult, id: string) => r.checks.find((c) => c.id === id)!;

test('T08: programmate 18 → 19 for CPI Albino changes the record and breaks its checks', () => {
  const text = excerpt('cpi-t08');
  const before = run(text);
  const after = run(text.replace('Lombardia\tCPI Albino\t18\t', 'Lombardia\tCPI Albino\t19\t'));
  const albino = (r: FamilyResult) => recs<CpiTarget>(r, 'cpiTargets').find((t) => t.cpi === 'albino')!;
  expect(albino(before).programmate.value).toBe(18);
  expect(albino(after).programmate.value).toBe(19);
  expect(check(before, 't08-m5c1-7-albino-identita')).toMatchObject({ stated: 18, computed: 18, ok: true });
  expect(check(after, 't08-m5c1-7-albino-identita')).toMatchObject({ stated: 19, computed: 18, ok: false });
  expect(check(after, 't08-m5c1-7-albino-perc-completamento')).toMatchObject({ stated: 78, computed: 73.68, ok: false });
});

test('T06: an amount changed moves its column total and the printed-total check fails', () => {
  const text = excerpt('cpi-t06');
  const changed = text.replace('2.000.000,00 €\t\t\tCPI Treviglio', '2.100.000,00 €\t\t\tCPI Treviglio');
  expect(changed).not.toBe(text);
  const after = run(changed);
  const treviglio = recs<CpiPlan>(after, 'cpiPlan').find((r) => r.cpi.includes('treviglio'))!;
  expect(treviglio.nazionali).toEqual({ value: 2_100_000, status: 'valido', raw: '2.100.000,00 €' });
  expect(check(after, 't06-totale-nazionali')).toMatchObject({ stated: 52_000_000, computed: 52_100_000, ok: false });
  expect(check(after, 't06-piano-potenziamento')).toMatchObject({ stated: 88_100_000, computed: 88_200_000, ok: false });
  expect(check(run(text), 't06-totale-nazionali').ok).toBe(true);
});

test('T06: a printed header total changed is read from the header', () => {
  const after = run(excerpt('cpi-t06').replace('tot: € 36100000', 'tot: € 36200000'));
  expect(recs<CpiPlanLine>(after, 'cpiPlanLines')[0].totalePnrrInEssere.value).toBe(36_200_000);
  expect(check(after, 't06-totale-pnrr-in-essere')).toMatchObject({ stated: 36_200_000, computed: 36_100_000, ok: false });
});

test('T07: a quarterly count changed follows into the record and the identity', () => {
  const text = excerpt('cpi-t07');
  const after = run(text.replace('<b>lug-25</b>\t80\t64\t16\t0\t0\t0\t23\t18', '<b>lug-25</b>\t80\t64\t16\t0\t0\t0\t23\t19'));
  const lug = recs<CpiQuarterly>(after, 'cpiQuarterly').find((q) => q.id === 'm5c1-7-lug-25')!;
  expect(lug.attivitaCompletate.value).toBe(19);
  expect(check(after, 't07a-lug-25-attivita')).toMatchObject({ stated: 23, computed: 24, ok: false });
});

test('T09: a CPI printed a third time is a third flagged row', () => {
  const text = excerpt('cpi-t09');
  const after = run(text.replace('Lombardia\tCpi Pavia\t3\t2\t67%\t1\t33%\t\t\t', 'Lombardia\tCpi Pavia\t3\t2\t67%\t1\t33%\t\t\t\nLombardia\tCPI Pavia\t1\t1\t100%\t0\t0%\t\t\t'));
  const pavia = recs<CpiTarget>(after, 'cpiTargets').filter((t) => t.cpi === 'pavia');
  expect(pavia.map((t) => t.id)).toEqual(['m5c1-7bis-pavia', 'm5c1-7bis-pavia-2', 'm5c1-7bis-pavia-3']);
  expect(pavia[2].duplicatoDi).toEqual(['m5c1-7bis-pavia', 'm5c1-7bis-pavia-2']);
  expect(check(after, 't09-cpi-duplicati').computed).toBe(5);
  expect(check(run(text.replace(/Lombardia\tCpi Pavia.*\n/, '')), 't09-cpi-duplicati').computed).toBe(4);
});
