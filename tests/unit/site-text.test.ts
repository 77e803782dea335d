/** Page titles stay within the length search engines and html-validate accept. */
import { describe, expect, it } from 'vitest';
import { MAX_TITLE, pageTitle } from '../../src/lib/text.ts';

describe('pageTitle', () => {
  it('keeps short titles whole', () => {
    expect(pageTitle('CPI Monza', 'PNRR Lombardia')).toBe('CPI Monza · PNRR Lombardia');
  });
  it('shortens long titles at a word boundary, within the limit', () => {
    const t = pageTitle('M5C2 I1.1.4 Rafforzamento dei servizi sociali e prevenzione del fenomeno del burn out tra gli operatori sociali', 'PNRR Lombardia');
    expect(t.length).toBeLessThanOrEqual(MAX_TITLE);
    expect(t).toBe('M5C2 I1.1.4 Rafforzamento dei servizi sociali e… · PNRR Lombardia');
  });
  it('cuts inside a word only when the first word alone is too long', () => {
    const t = pageTitle('x'.repeat(100), 'S');
    expect(t.length).toBe(MAX_TITLE);
    expect(t.endsWith('… · S')).toBe(true);
  });
});
