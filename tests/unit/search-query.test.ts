/**
 * What the reader types → what is sent to Pagefind (src/lib/search/query.ts), and the excerpt
 * turned into text pieces (src/lib/search/excerpt.ts), and the labels of the results.
 */
import { describe, expect, it } from 'vitest';
import { CUP, foldAccents, isCupQuery, joinSplitCups, MAX_QUERY, normalizeQuery, unifyApostrophes } from '../../src/lib/search/query.ts';
import { decodeEntities, excerptParts } from '../../src/lib/search/excerpt.ts';
import { resultCountText, tipoLabel, TIPI, TIPO_LABEL, TIPO_MENU } from '../../src/lib/search/labels.ts';

describe('normalizeQuery', () => {
  it.each([
    // The document prints this CUP with a stray space; readers copy it as printed.
    ['D74H220003 40001', 'D74H22000340001'],
    ['d74h22000340001', 'D74H22000340001'],
    ['d74h 2200 0340 001', 'D74H22000340001'],
    ['progetto D74H220003 40001 sondrio', 'progetto D74H22000340001 sondrio'],
    // Apostrophes and quotes.
    ['sant’angelo lodigiano', "sant'angelo lodigiano"],
    ['Sant‘Angelo', "Sant'Angelo"],
    ['«Housing First»', 'Housing First'],
    ['“housing first”', 'housing first'],
    // "S." glued to the name.
    ['S.Angelo Lodigiano', 'S. Angelo Lodigiano'],
    ['s.angelo', 's. angelo'],
    // Spaces.
    ['   cremona   ', 'cremona'],
    ['san\tdonato\n milanese', 'san donato milanese'],
    // Left alone: case and accents are Pagefind's business.
    ['Salò', 'Salò'],
    ['SEREGNO', 'SEREGNO'],
    ['', ''],
    ['   ', ''],
  ])('%j → %j', (raw, want) => {
    expect(normalizeQuery(raw)).toBe(want);
  });

  it('does not join words that only look like parts of a code', () => {
    expect(normalizeQuery('M5C2 I1.3.1')).toBe('M5C2 I1.3.1');
    expect(normalizeQuery('2022 2023')).toBe('2022 2023');
    expect(normalizeQuery('D74H22000340001 D74H22000210005')).toBe('D74H22000340001 D74H22000210005');
  });

  it('cuts a pasted paragraph at a word boundary', () => {
    const q = normalizeQuery('parola '.repeat(100));
    expect(q.length).toBeLessThanOrEqual(MAX_QUERY);
    expect(q.endsWith('parola')).toBe(true);
  });

  it('leaves "S.p.A." and other dotted abbreviations alone', () => {
    expect(normalizeQuery('Adecco Italia S.p.A.')).toBe('Adecco Italia S.p.A.');
    expect(normalizeQuery('S.r.l.')).toBe('S.r.l.');
  });
});

describe('helpers', () => {
  it('unifyApostrophes turns every look-alike into the ASCII apostrophe', () => {
    expect(unifyApostrophes('a’b‘c`d´eʼf′g')).toBe("a'b'c'd'e'f'g");
  });
  it('foldAccents drops accents only', () => {
    expect(foldAccents('Salò Cantù Erbà Città')).toBe('Salo Cantu Erba Citta');
  });
  it('joinSplitCups upper-cases a joined CUP and leaves other words alone', () => {
    expect(joinSplitCups('cup d74h220003 40001 di sondrio')).toBe('cup D74H22000340001 di sondrio');
    expect(joinSplitCups('a b c')).toBe('a b c');
  });
  it('isCupQuery recognises exactly one CUP', () => {
    expect(isCupQuery('D74H22000340001')).toBe(true);
    expect(isCupQuery(' d74h22000340001 ')).toBe(true);
    expect(isCupQuery('D74H2200034000')).toBe(false);
    expect(isCupQuery('D74H22000340001 sondrio')).toBe(false);
    expect(CUP.test('D74H22000340001')).toBe(true);
  });
});

describe('excerptParts', () => {
  it('splits marks from text and decodes entities', () => {
    expect(excerptParts('Sede a <mark>Sal&#242;</mark>, provincia di Brescia')).toEqual([
      { text: 'Sede a ', mark: false },
      { text: 'Salò', mark: true },
      { text: ', provincia di Brescia', mark: false },
    ]);
  });

  it('never lets markup through: escaped tags become text, stray tags are dropped', () => {
    const parts = excerptParts('COMUNE DI &lt;script&gt;alert(1)&lt;/script&gt; <img src=x onerror=alert(1)><mark>X</mark>');
    expect(parts.map((p) => p.text).join('')).toBe('COMUNE DI <script>alert(1)</script> X');
    expect(parts.find((p) => p.mark)?.text).toBe('X');
    // The pieces are for textContent: the "<script>" above is shown, not run.
  });

  it('merges adjacent pieces and ignores empty input', () => {
    expect(excerptParts('<mark>a</mark><mark>b</mark>')).toEqual([{ text: 'ab', mark: true }]);
    expect(excerptParts('')).toEqual([]);
  });

  it('decodeEntities handles named, decimal and hex references and leaves unknown ones', () => {
    expect(decodeEntities('&amp;&lt;&gt;&quot;&#39;&#x2019;&nbsp;&bogus;')).toBe('&<>"\'’\u00a0&bogus;');
  });
});

describe('labels', () => {
  it('every tipo has a result label and a menu label in Italian', () => {
    for (const t of TIPI) {
      expect(TIPO_LABEL[t]).toMatch(/\p{L}/u);
      expect(TIPO_MENU[t]).toMatch(/\p{L}/u);
    }
    expect(tipoLabel('CPI')).toBe("Centro per l'impiego");
    expect(tipoLabel('sconosciuto')).toBe('sconosciuto');
    expect(tipoLabel(undefined)).toBe('');
  });

  it('the live region says how many results, in Italian', () => {
    expect(resultCountText(0, 'xyz')).toBe('Nessun risultato per «xyz»');
    expect(resultCountText(1, 'salo')).toBe('1 risultato per «salo»');
    expect(resultCountText(1234, '')).toBe('1.234 risultati');
  });
});
