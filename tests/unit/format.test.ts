/**
 * The one formatter: Italian figures exactly as the site prints them, and a missing figure as
 * its status — never 0, never blank.
 */
import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatEuro,
  formatEuroCompact,
  formatKind,
  formatLineList,
  formatLines,
  formatNumber,
  formatPercent,
  formatValue,
  plural,
  ratio,
  rawDecimals,
  statusLabel,
} from '../../src/lib/format.ts';

const NBSP = '\u00a0';

describe('formatEuro', () => {
  it('groups thousands with dots, cents with a comma, € after a non-breaking space', () => {
    expect(formatEuro(1234567.89)).toBe(`1.234.567,89${NBSP}€`);
    expect(formatEuro(550826121)).toBe(`550.826.121,00${NBSP}€`);
  });
  it('groups four-digit amounts too, as the document does (CLDR Italian would print 1234,50)', () => {
    expect(formatEuro(1234.5)).toBe(`1.234,50${NBSP}€`);
  });
  it('prints a real zero as 0,00 €', () => {
    expect(formatEuro(0)).toBe(`0,00${NBSP}€`);
  });
});

describe('formatEuroCompact', () => {
  it('abbreviates millions and writes thousands in full', () => {
    expect(formatEuroCompact(12_500_000)).toBe(`12,5${NBSP}Mln${NBSP}€`);
    expect(formatEuroCompact(250_000)).toBe(`250.000${NBSP}€`);
  });
});

describe('formatNumber', () => {
  it('prints counts with thousands dots', () => {
    expect(formatNumber(334398)).toBe('334.398');
    expect(formatNumber(4738)).toBe('4.738');
  });
  it('keeps decimals with a comma, up to the limit', () => {
    expect(formatNumber(34.5)).toBe('34,5');
    expect(formatNumber(1 / 3, 2)).toBe('0,33');
    expect(formatNumber(2, 2, 2)).toBe('2,00');
  });
});

describe('formatPercent', () => {
  it('takes percentage points and prints them with a comma and %', () => {
    expect(formatPercent(91.7)).toBe('91,7%');
    expect(formatPercent(115.38, 1)).toBe('115,4%');
    expect(formatPercent(70, 0)).toBe('70%');
  });
  it('rounds binary noise away', () => {
    expect(formatPercent(115.4)).toBe('115,4%');
  });
});

describe('formatDate', () => {
  it('writes ISO dates in Italian words, independent of the time zone', () => {
    expect(formatDate('2025-06-30')).toBe('30 giugno 2025');
    expect(formatDate('2025-01-01')).toBe('1 gennaio 2025');
  });
  it('returns anything that is not an ISO date unchanged', () => {
    expect(formatDate('apr-25')).toBe('apr-25');
  });
});

describe('formatValue', () => {
  it('formats a valid figure by kind', () => {
    expect(formatValue({ value: 211499.22, status: 'valido', raw: '211.499,22 €' }, 'euro')).toBe(`211.499,22${NBSP}€`);
    expect(formatValue({ value: 306569, status: 'valido', raw: '306.569' })).toBe('306.569');
  });
  it('keeps the precision the document printed for percentages and hours', () => {
    expect(formatValue({ value: 84.07, status: 'valido', raw: '84,07' }, 'percentuale')).toBe('84,07%');
    expect(formatValue({ value: 17, status: 'valido', raw: '17,0' }, 'percentuale')).toBe('17,0%');
    expect(formatValue({ value: 115.4, status: 'valido', raw: '115,4%' }, 'percentuale')).toBe('115,4%');
    expect(formatValue({ value: 34.5, status: 'valido', raw: '34,5' }, 'ore')).toBe('34,5');
  });
  it('shows the status in Italian instead of a missing figure, never 0 or blank', () => {
    expect(formatValue({ value: null, status: 'non_validato', raw: 'Dato non validato' }, 'euro')).toBe('non validato');
    expect(formatValue({ value: null, status: 'non_valido', raw: 'Dato non valido' })).toBe('non valido');
    expect(formatValue({ value: null, status: 'nd', raw: '#N/D' }, 'euro')).toBe('n/d');
    expect(formatValue({ value: null, status: 'assente', raw: '' })).toBe('assente');
    expect(formatValue(null)).toBe('assente');
    expect(formatValue(undefined, 'euro')).toBe('assente');
  });
  it('prints a real zero as zero', () => {
    expect(formatValue({ value: 0, status: 'valido', raw: '0' })).toBe('0');
  });
});

describe('helpers', () => {
  it('labels every status', () => {
    expect(statusLabel('valido')).toBe('valido');
    expect(statusLabel('nd')).toBe('n/d');
  });
  it('reads the decimals printed in a raw cell', () => {
    expect(rawDecimals('84,07')).toBe(2);
    expect(rawDecimals('115,4%')).toBe(1);
    expect(rawDecimals('476.666,6 7 €')).toBe(2);
    expect(rawDecimals('64')).toBe(0);
  });
  it('formats by kind', () => {
    expect(formatKind(1455233.2, 'euro')).toBe(`1.455.233,20${NBSP}€`);
    expect(formatKind(62, 'percentuale', 1)).toBe('62,0%');
  });
  it('computes ratios only when both sides exist', () => {
    expect(ratio(306569, 334398)).toBeCloseTo(91.678, 3);
    expect(ratio(null, 10)).toBeNull();
    expect(ratio(5, 0)).toBeNull();
  });
  it('describes seed lines', () => {
    expect(formatLines([314, 314])).toBe('riga 314');
    expect(formatLines([278, 363])).toBe('righe 278–363');
    expect(formatLineList([49, 26, 27, 28, 26])).toBe('righe 26–28, 49');
    expect(formatLineList([])).toBe('nessuna riga');
  });
  it('agrees nouns with numbers', () => {
    expect(plural(1, 'progetto', 'progetti')).toBe('1 progetto');
    expect(plural(1442, 'progetto', 'progetti')).toBe('1.442 progetti');
  });
});
