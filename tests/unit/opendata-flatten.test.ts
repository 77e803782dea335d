/**
 * The flattener and the three formats on a small schema shaped like the project records
 * (nested object, Values, a list of indicators, a list of strings, provenance), so the rules
 * are pinned down independently of the collections being finalised.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { provenance, value } from '../../src/schemas/common.ts';
import { flattenRecords, kebab, schemaColumns, snake } from '../../src/lib/opendata/flatten.ts';
import { BOM, parseBack, toCsv, toExcelCsv, toJson } from '../../src/lib/opendata/formats.ts';

const schema = z.object({
  id: z.string(),
  cup: z.string(),
  nomeEnte: z.string(),
  importo: value,
  spese: value,
  territorio: z.object({ comune: z.string().nullable(), provinciaSlug: z.string() }),
  tags: z.array(z.string()),
  indicators: z.array(z.object({ gruppo: z.enum(['output', 'target']), nome: z.string(), programmato: value, realizzato: value })),
  note: z.string().optional(),
  provenance,
});

const prov = (a: number, b: number, datiAl: string | null = '2025-06-10') => ({
  file: 'seeds/x.txt',
  lines: [a, b] as [number, number],
  table: 'T16',
  tableTitle: 'Sub-inv. 1.1.1',
  datiAl,
  fonte: 'pre-validazione',
});
const ok = (n: number, raw = String(n)) => ({ value: n, status: 'valido' as const, raw });
const missing = (status: 'non_validato' | 'nd' | 'assente', raw: string) => ({ value: null, status, raw });

const records = [
  {
    id: 'b24h22000050006',
    cup: 'B24H22000050006',
    nomeEnte: 'COMUNE DI SOMMA LOMBARDO',
    importo: ok(211499.22, '211.499,22 €'),
    spese: ok(93555.2, '93.555,20 €'),
    territorio: { comune: 'somma-lombardo', provinciaSlug: 'varese' },
    tags: ['a', 'b'],
    indicators: [
      { gruppo: 'output', nome: 'Famiglie, "pre-assessment"', programmato: ok(40), realizzato: missing('non_validato', 'Dato non validato') },
      { gruppo: 'target', nome: '=1+1', programmato: ok(1), realizzato: ok(0) },
    ],
    provenance: prov(635, 635),
  },
  {
    id: 'e24h22000000006',
    cup: 'E24H22000000006',
    nomeEnte: 'AZIENDA; "SPECIALE"\nCONSORTILE',
    importo: ok(250000),
    spese: missing('nd', '#N/D'),
    territorio: { comune: null, provinciaSlug: 'milano' },
    tags: [],
    indicators: [],
    provenance: prov(638, 640, null),
  },
];

describe('snake/kebab', () => {
  it('turns field names into published names', () => {
    expect(snake('importoFinanziamento')).toBe('importo_finanziamento');
    expect(snake('datiAl')).toBe('dati_al');
    expect(snake('CPIList')).toBe('cpi_list');
    expect(kebab('crescereGreen')).toBe('crescere-green');
  });
});

describe('flattenRecords', () => {
  const [main, child] = flattenRecords('progetti', schema, records, { parentKey: 'id_progetto' });

  it('puts id first, provenance last, and splits each Value into value and status', () => {
    expect(main.columns.map((c) => c.name)).toEqual([
      'id',
      'cup',
      'nome_ente',
      'importo',
      'stato_importo',
      'spese',
      'stato_spese',
      'territorio_comune',
      'territorio_provincia_slug',
      'tags',
      'fonte_file',
      'fonte_righe',
      'fonte_tabella',
      'dati_al',
      'fonte_sistema',
    ]);
    const byName = new Map(main.columns.map((c) => [c.name, c]));
    expect(byName.get('importo')).toMatchObject({ type: 'number', role: 'valore', path: 'importo' });
    expect(byName.get('stato_importo')).toMatchObject({ role: 'stato', of: 'importo', enum: ['valido', 'non_validato', 'non_valido', 'nd', 'assente'] });
    expect(byName.get('dati_al')).toMatchObject({ type: 'date', role: 'fonte', nullable: true });
    expect(byName.get('territorio_comune')?.nullable).toBe(true);
    expect(byName.get('cup')?.nullable).toBe(false);
  });

  it('drops a column no record fills, keeps one with explicit nulls', () => {
    expect(main.columns.some((c) => c.name === 'note')).toBe(false);
    expect(schemaColumns(schema).some((c) => c.name === 'note')).toBe(true);
    expect(main.rows[1].territorio_comune).toBeNull();
  });

  it('writes a missing figure as an empty value with its status, never 0', () => {
    expect(main.rows[1]).toMatchObject({ spese: null, stato_spese: 'nd', importo: 250000, stato_importo: 'valido' });
    expect(main.rows[0]).toMatchObject({ fonte_righe: '635-635', dati_al: '2025-06-10', tags: 'a|b' });
    expect(main.rows[1]).toMatchObject({ fonte_righe: '638-640', dati_al: null, tags: null });
  });

  it('explodes the indicator list into a child table keyed by parent id and position, with the parent provenance', () => {
    expect(child.name).toBe('progetti-indicators');
    expect(child.key).toEqual(['id_progetto', 'posizione']);
    expect(child.parent).toEqual({ table: 'progetti', path: 'indicators', key: ['id_progetto'] });
    expect(child.columns.map((c) => c.name)).toEqual([
      'id_progetto',
      'posizione',
      'gruppo',
      'nome',
      'programmato',
      'stato_programmato',
      'realizzato',
      'stato_realizzato',
      'fonte_file',
      'fonte_righe',
      'fonte_tabella',
      'dati_al',
      'fonte_sistema',
    ]);
    expect(child.columns.find((c) => c.name === 'nome')?.path).toBe('indicators.nome');
    expect(child.rows).toHaveLength(2);
    expect(child.rows[0]).toMatchObject({ id_progetto: 'b24h22000050006', posizione: 1, realizzato: null, stato_realizzato: 'non_validato', fonte_righe: '635-635' });
    expect(child.rows[1]).toMatchObject({ posizione: 2, realizzato: 0, stato_realizzato: 'valido' });
  });

  it('uses Italian names from the rename hook, for columns and child tables', () => {
    const [m, c] = flattenRecords('progetti', schema, records, {
      collection: 'test-rename',
      parentKey: 'id_progetto',
      rename: (p) => ({ indicators: 'indicatori', nomeEnte: 'ente', 'indicators.nome': 'indicatore' })[p],
    });
    expect(m.columns.map((x) => x.name)).toContain('ente');
    expect(c.name).toBe('progetti-indicatori');
    expect(c.columns.map((x) => x.name)).toContain('indicatore');
  });

  it('rejects two fields that flatten to the same column', () => {
    const clash = z.object({ id: z.string(), a: z.object({ b: z.string() }), aB: z.string() });
    expect(() => flattenRecords('x', clash, [])).toThrow(/same column "a_b"/);
  });
});

describe('formats', () => {
  const [main, child] = flattenRecords('progetti', schema, records, { parentKey: 'id_progetto' });

  it('writes RFC 4180 CSV: header, CRLF, quotes only where needed, dot decimals, empty for missing', () => {
    const csv = toCsv(main.columns, main.rows);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(main.columns.map((c) => c.name).join(','));
    expect(lines[1]).toContain(',211499.22,valido,93555.2,valido,');
    expect(csv).toContain('"AZIENDA; ""SPECIALE""\nCONSORTILE"');
    expect(csv).toContain(',250000,valido,,nd,');
    expect(csv.startsWith(BOM)).toBe(false);
  });

  it('writes the Excel CSV with BOM, semicolons, decimal commas, and formula-proof text', () => {
    const x = toExcelCsv(child.columns, child.rows);
    expect(x.startsWith(BOM)).toBe(true);
    expect(x.slice(1).split('\r\n')[0]).toBe(child.columns.map((c) => c.name).join(';'));
    expect(x).toContain(";'=1+1;");
    const m = toExcelCsv(main.columns, main.rows);
    expect(m).toContain(';211499,22;valido;93555,2;valido;');
    expect(m).toContain('"AZIENDA; ""SPECIALE""\nCONSORTILE"');
  });

  it('keeps codes with leading zeros and short ranges as text in the Excel CSV only', () => {
    const cols = [
      { name: 'istat', path: 'istat', type: 'string', role: 'campo', nullable: false },
      { name: 'righe', path: 'righe', type: 'string', role: 'campo', nullable: false },
      { name: 'data', path: 'data', type: 'date', role: 'campo', nullable: false },
    ] as const;
    const rows = [{ istat: '015002', righe: '7-7', data: '2025-06-10' }, { istat: '151', righe: '126-130', data: '2025-06-10' }];
    const x = toExcelCsv([...cols], rows);
    expect(x.slice(1).split('\r\n')[1]).toBe('"=""015002""";"=""7-7""";2025-06-10');
    expect(x.slice(1).split('\r\n')[2]).toBe('151;126-130;2025-06-10');
    expect(toCsv([...cols], rows).split('\r\n')[1]).toBe('015002,7-7,2025-06-10');
    expect(parseBack(x, [...cols], 'excel').rows).toEqual(rows);
  });

  it('round-trips: CSV and Excel CSV parsed back with papaparse equal the JSON', () => {
    for (const t of [main, child]) {
      const json = JSON.parse(toJson(t.columns, t.rows));
      const csv = parseBack(toCsv(t.columns, t.rows), t.columns, 'csv');
      const excel = parseBack(toExcelCsv(t.columns, t.rows), t.columns, 'excel');
      expect(csv.header).toEqual(t.columns.map((c) => c.name));
      expect(csv.rows).toEqual(json);
      expect(excel.rows).toEqual(json);
      expect(json).toEqual(t.rows);
    }
  });

  it('writes JSON with keys in column order, one row per line', () => {
    const j = toJson(main.columns, main.rows);
    expect(j.split('\n')).toHaveLength(main.rows.length + 3);
    expect(Object.keys(JSON.parse(j)[0])).toEqual(main.columns.map((c) => c.name));
    expect(toJson(main.columns, [])).toBe('[]\n');
  });
});

describe('unions and ranges', () => {
  const union = z.discriminatedUnion('tipo', [
    z.object({ id: z.string(), tipo: z.literal('a'), anni: z.array(z.object({ anno: z.string(), target: value })), lines: z.tuple([z.number().int(), z.number().int()]) }),
    z.object({ id: z.string(), tipo: z.literal('b'), anni: z.array(z.object({ anno: z.string(), baseline: value })), totale: value }),
  ]);
  const recs = [
    { id: 'x', tipo: 'a', anni: [{ anno: '2020/2021', target: ok(1) }], lines: [10, 12] },
    { id: 'y', tipo: 'b', anni: [{ anno: '2020/2021', baseline: ok(2) }], totale: missing('assente', '') },
  ];
  const [main, anni] = flattenRecords('t', union, recs);

  it('merges the options of a union, discriminator values included', () => {
    expect(main.columns.map((c) => c.name)).toEqual(['id', 'tipo', 'lines', 'totale', 'stato_totale']);
    expect(main.columns.find((c) => c.name === 'tipo')?.enum).toEqual(['a', 'b']);
    expect(main.rows[0]).toMatchObject({ tipo: 'a', lines: '10-12', totale: null, stato_totale: null });
    expect(main.rows[1]).toMatchObject({ tipo: 'b', lines: null, totale: null, stato_totale: 'assente' });
  });

  it('merges list elements of different options, so no option loses a field', () => {
    expect(anni.columns.map((c) => c.name)).toEqual(['id_padre', 'posizione', 'anno', 'target', 'stato_target', 'baseline', 'stato_baseline']);
    expect(anni.rows).toEqual([
      { id_padre: 'x', posizione: 1, anno: '2020/2021', target: 1, stato_target: 'valido', baseline: null, stato_baseline: null },
      { id_padre: 'y', posizione: 1, anno: '2020/2021', target: null, stato_target: null, baseline: 2, stato_baseline: 'valido' },
    ]);
  });
});
