/**
 * The shared matchers the parsers call on every line: memoised string helpers, corrections applied
 * through one alternation of their keys, region names through one alternation per heading, and the
 * gazetteer indexes. Each gives exactly what the plain per-key / per-region / per-call form gives, on
 * every line and cell of the real seed and on edge cases.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createContext } from '../../scripts/lib/context.ts';
import { memoize } from '../../scripts/lib/memo.ts';
import { filled, filledCount, squash, toLines } from '../../scripts/lib/seed.ts';
import { comuniByIstat, comuniOf, findProvince, provincesOf, regionNames } from '../../scripts/lib/territory.ts';
import type { Correction, ParseCtx } from '../../scripts/lib/types.ts';
import { markerStatus, parseItalianNumber, readValue } from '../../scripts/lib/values.ts';
import { foreignRegions, regionIn } from '../../scripts/parse/measure-headings.ts';
import { correctionsIn, fixText } from '../../scripts/parse/programmes-lib.ts';
import { seedCorrections } from '../golden/harness.ts';

const ROOT = join(import.meta.dirname, '../..');
const FILE = 'seeds/000_e71b61cb0ceb10fc.txt';
const LINES = toLines(readFileSync(join(ROOT, FILE), 'utf8'));
/** Every line text and every cell of the real seed. */
const TEXTS = [...new Set(LINES.flatMap((l) => [l.text, ...l.cells]))];

describe('memoize', () => {
  it('returns what the function returns, computing each argument once', () => {
    const fn = vi.fn((s: string) => (s === '' ? null : s.length));
    const m = memoize(fn);
    expect([m('ab'), m(''), m('ab'), m(''), m('abc')]).toEqual([2, null, 2, null, 3]);
    expect(fn).toHaveBeenCalledTimes(3);
  });

  it('stays bounded: a full cache starts again from empty', () => {
    const fn = vi.fn((s: string) => s.toUpperCase());
    const m = memoize(fn, 2);
    m('a');
    m('b');
    m('c'); // the cache held 2 entries: emptied, then holds "c"
    expect(m('c')).toBe('C');
    expect(fn).toHaveBeenCalledTimes(3);
    expect(m('a')).toBe('A');
    expect(fn).toHaveBeenCalledTimes(4);
  });

  it('memoised helpers give the same answers as a first call', () => {
    for (const t of ['1.234,56 €', ' Dato non validat o ', '#N/D', '-', '', '34,5%', 'Città di Cantù', 'n/d']) {
      expect(markerStatus(t)).toBe(markerStatus(t));
      expect(parseItalianNumber(t)).toBe(parseItalianNumber(t));
      expect(squash(t)).toBe(squash(t));
    }
    const line = LINES[0];
    expect(readValue(' Dato non validat o ', 'euro', FILE, line, 'x')).toEqual({ value: null, status: 'non_validato', raw: 'Dato non validat o' });
    expect(readValue('1.234,567 €', 'euro', FILE, line, 'x')).toEqual({ value: 1234.57, status: 'valido', raw: '1.234,567 €' });
    expect(() => readValue('12 %', 'euro', FILE, line, 'x')).toThrow(/an amount in euro/);
    expect(() => readValue('abc', 'integer', FILE, line, 'x')).toThrow(/a number for "x"/);
  });
});

describe('filledCount', () => {
  it('counts the filled cells of every line of the seed', () => {
    for (const l of LINES) expect(filledCount(l)).toBe(filled(l).length);
  });
});

// ---------------------------------------------------------------------------------------------
// Corrections: the reference is one regex per key, tried in order on every text.

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function referenceFix(ctx: ParseCtx, text: string, line: number, table: string, record = true): string {
  const whole = ctx.corrections.find((c) => c.raw === text);
  if (whole) return record ? ctx.correct(text, line, table) : whole.fixed;
  let out = text;
  for (const { c, re } of referencePatterns(ctx.corrections)) {
    re.lastIndex = 0;
    if (re.test(out)) {
      out = out.replace(re, () => c.fixed);
      if (record) ctx.correct(c.raw, line, table);
    }
  }
  return out;
}

function referencePatterns(corrections: Correction[]) {
  return [...corrections]
    .filter((c) => c.raw.length >= 4)
    .sort((a, b) => b.raw.length - a.raw.length || a.raw.localeCompare(b.raw))
    .map((c) => ({ c, re: new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(c.raw)}(?![\\p{L}\\p{N}])`, 'gu') }));
}

function referenceCorrectionsIn(corrections: Correction[], text: string) {
  const phrases = new Set(referencePatterns(corrections).filter(({ re }) => re.test(text)).map(({ c }) => c));
  return corrections.filter((c) => c.raw === text || phrases.has(c));
}

/** Fix every text with both forms, each in its own context, and compare the results and the recorded repairs. */
function compareFixes(corrections: Correction[], texts: string[]) {
  const mine = createContext(FILE, LINES, corrections);
  const ref = createContext(FILE, LINES, corrections);
  texts.forEach((t, i) => {
    expect(fixText(mine.ctx, t, i + 1, 'T', false), t).toBe(referenceFix(ref.ctx, t, i + 1, 'T', false));
    expect(fixText(mine.ctx, t, i + 1, 'T'), t).toBe(referenceFix(ref.ctx, t, i + 1, 'T'));
    expect(correctionsIn(mine.ctx, t), t).toEqual(referenceCorrectionsIn(corrections, t));
  });
  expect(mine.repairs).toEqual(ref.repairs);
}

describe('corrections in a text (one alternation of every key)', () => {
  it('fixes every line and cell of the seed, and each key alone in a sentence, as one regex per key does', () => {
    const corrections = seedCorrections();
    const alone = corrections.flatMap((c) => [`nel testo ${c.raw}, poi`, `(${c.raw})`, `x${c.raw}`, `${c.raw}2`]);
    compareFixes(corrections, [...TEXTS, ...alone]);
  });

  it('keeps whole-word matching, longest key first, chained fixes and whole-text keys', () => {
    const corrections: Correction[] = [
      { raw: 'Adegumento', fixed: 'Adeguamento', reason: 'typo' },
      { raw: 'Adegumento sedi', fixed: 'Adeguamento delle sedi', reason: 'phrase' },
      { raw: 'sedi nuove', fixed: 'nuove sedi', reason: 'chained after the phrase' },
      { raw: 'CPI', fixed: 'Centro per l’impiego', reason: 'short key: whole text only' },
      { raw: 'M5C1 (x)', fixed: 'M5C1', reason: 'regex characters' },
      { raw: 'Città', fixed: 'Comune', reason: 'accented key' },
    ];
    compareFixes(corrections, [
      'Adegumento sedi nuove - Lecco',
      'Adegumento',
      'Adegumentos sedi',
      'xAdegumento',
      'Adegumento2',
      '(Adegumento)',
      'CPI',
      'CPI Milano',
      'in M5C1 (x) e M5C1 (y)',
      'Cittàdella',
      'la Città di Lodi',
      '',
    ]);
    compareFixes([], ['Adegumento', '']);
  });
});

// ---------------------------------------------------------------------------------------------
// Regions: the reference is one regex per region, tried on every text.

const firsts = () => regionNames().map((r) => r.split('/')[0]);

function referenceRegionIn(text: string): string | null {
  for (const first of firsts()) {
    const re = new RegExp(`\\bREGIONE\\s+${escapeRe(first).replace(/[-\s]/g, '[-\\s]?')}(?![\\p{L}])`, 'iu');
    if (re.test(text)) return first;
  }
  return null;
}

function referenceForeign(text: string, home: string | null): string[] {
  if (!home) return [];
  return firsts().filter((first) => first !== home && new RegExp(`\\b(Regione|CPI)\\s+(della\\s+|di\\s+)?${escapeRe(first)}(?![\\p{L}])`, 'iu').test(text));
}

describe('regions named in a text (one alternation of every region)', () => {
  const cases = [
    'REGIONE LOMBARDIA',
    'Scheda Regione Emilia Romagna',
    'REGIONE EMILIAROMAGNA',
    'Potenziamento CPI Sardegna',
    'CPI della Sardegna e Regione di Puglia',
    'Regione Lombardia e Regione Veneto, CPI di Lazio',
    'Regione Marchesi',
    'regione valle d\'aosta',
    'CPI Milano',
    'Regione Trentino-Alto Adige',
    'Regione',
    '',
  ];

  it('finds the region of every line of the seed as one regex per region does', () => {
    for (const t of [...TEXTS, ...cases]) expect(regionIn(t), t).toBe(referenceRegionIn(t));
  });

  it('finds the foreign regions of every line of the seed as one regex per region does', () => {
    for (const home of ['Lombardia', 'Sardegna', 'Emilia-Romagna', 'Atlantide', null]) {
      for (const t of [...TEXTS, ...cases]) expect(foreignRegions(t, home), `${home}: ${t}`).toEqual(referenceForeign(t, home));
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Gazetteer indexes.

describe('gazetteer indexes', () => {
  it('provinces: the twelve of Lombardia by ISTAT code, found by their printed names', () => {
    const ps = provincesOf();
    expect(ps.map((p) => p.sigla)).toEqual(['VA', 'CO', 'SO', 'MI', 'BG', 'BS', 'PV', 'CR', 'MN', 'LC', 'LO', 'MB']);
    ps.pop(); // each call returns its own list
    expect(provincesOf()).toHaveLength(12);
    expect(findProvince('Provincia di Bergamo')?.sigla).toBe('BG');
    expect(findProvince('Tutti i CPI della Provincia di Brescia')?.sigla).toBe('BS');
    expect(findProvince('Città Metropolitana di Milano')?.sigla).toBe('MI');
    expect(findProvince('CMM')?.sigla).toBe('MI');
    expect(findProvince('Monza e Brianza')?.sigla).toBe('MB');
    expect(findProvince('Mantova')?.sigla).toBe('MN');
    expect(findProvince('Regione Lombardia')).toBeNull();
    expect(findProvince('Provincia di Atlantide')).toBeNull();
  });

  it('comuni by ISTAT code: every comune of the region, the same references', () => {
    const byIstat = comuniByIstat();
    const all = comuniOf();
    expect(byIstat.size).toBe(all.length);
    for (const c of all) expect(byIstat.get(c.istat)).toBe(c);
  });
});
