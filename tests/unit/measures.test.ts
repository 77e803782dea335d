/**
 * The measures walker on the real seed (through the whole pipeline, since it runs after every table
 * family): the 14 measures derived from the headings, targets and milestones stated in the text,
 * figures D01–D14, notes on wrong headings, line classification, and its rules on small inputs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../../scripts/lib/context.ts';
import { SeedError } from '../../scripts/lib/errors.ts';
import { normalizeSeed, type NormalizeOutput } from '../../scripts/lib/pipeline.ts';
import { toLines } from '../../scripts/lib/seed.ts';
import type { Correction } from '../../scripts/lib/types.ts';
import { scanHeadings } from '../../scripts/parse/measure-headings.ts';
import { parseMeasures } from '../../scripts/parse/measures.ts';
import { extractFigures, readStatement } from '../../scripts/parse/text-figures.ts';
import type { DocumentRecord, Measure } from '../../src/schemas/measures.ts';
import { seedCorrections } from '../golden/harness.ts';

const ROOT = join(import.meta.dirname, '../..');
const FILE = 'seeds/000_e71b61cb0ceb10fc.txt';
const SEED = readFileSync(join(ROOT, FILE), 'utf8');
const run = (text: string, corrections: Correction[] = seedCorrections()): NormalizeOutput => normalizeSeed(new TextEncoder().encode(text), FILE, corrections);

let out: NormalizeOutput;
let m: Record<string, Measure>;
let doc: DocumentRecord;
beforeAll(() => {
  out = run(SEED);
  m = Object.fromEntries((out.collections.measures as Measure[]).map((x) => [x.id, x]));
  doc = out.collections.document[0] as DocumentRecord;
});

const target = (id: string, code: string) => {
  const t = m[id].targets.find((x) => x.code === code);
  expect(t, `${id} ${code}`).toBeDefined();
  return t!;
};
const figure = (id: string, pred: (f: Measure['figures'][number]) => boolean) => m[id].figures.filter(pred);

describe('measures of the real seed', () => {
  it('derives the 14 measures from the headings, in document order', () => {
    expect((out.collections.measures as Measure[]).map((x) => x.code)).toEqual([
      'M5C1 R1.1',
      'M5C1 I1.1',
      'M5C1 I1.4',
      'M5C1 R1.2',
      'M7C1 R5',
      'M7C1 I10',
      'M5C2 I1.1.1',
      'M5C2 I1.1.2',
      'M5C2 I1.1.3',
      'M5C2 I1.1.4',
      'M5C2 I1.2',
      'M5C2 I1.3.1',
      'M5C2 I1.3.2',
      'M5C2 R2.2',
    ]);
    expect(Object.keys(m)).toContain('m5c2-i1-1-1');
  });

  it('takes titles from the headings: joined over two lines, corrected code, parent investment', () => {
    expect(m['m5c1-r1-1']).toMatchObject({ kind: 'riforma', number: '1.1', title: 'Politiche attive del lavoro e formazione professionale', missionTitle: 'Inclusione e coesione', componentTitle: 'Politiche per il lavoro' });
    expect(m['m5c1-r1-2']).toMatchObject({ kind: 'riforma', number: '1.2', title: 'Piano nazionale per la lotta al lavoro sommerso' });
    expect(m['m7c1-i10']).toMatchObject({ title: 'Progetti pilota sulle competenze Crescere Green', tags: ['REPowerEU'], missionTitle: null });
    expect(m['m5c2-i1-1-3'].parent).toEqual({ code: 'M5C2 I1.1', title: 'Sostegno alle persone vulnerabili e prevenzione dell’istituzionalizzazione degli anziani non autosufficienti' });
    expect(m['m5c2-i1-3-1']).toMatchObject({ kind: 'sub-investimento', title: 'Housing First', parent: { code: 'M5C2 I1.3', title: null } });
    expect(m['m5c2-r2-2'].componentTitle).toBe('Infrastrutture sociali, famiglie, comunità e terzo settore');
    expect(out.report.repairs.some((r) => r.rule === 'intestazione su due righe' && r.raw === 'PROFESSIONALE')).toBe(true);
  });

  it('links each measure to its tables and acts', () => {
    expect(m['m5c1-r1-1'].tables).toEqual(['T01', 'T02a', 'T02b', 'T02c', 'T02d', 'T03']);
    expect(m['m5c1-i1-4'].tables).toEqual(['T10', 'T11', 'T12a', 'T12b', 'T12c', 'T12d', 'T12e', 'T12f']);
    expect(m['m5c1-r1-2'].tables).toEqual(['T13', 'T14']);
    expect(m['m5c2-r2-2'].tables).toEqual(['T23']);
    expect(m['m5c1-i1-1'].tables[0]).toBe('T04');
    expect(m['m5c1-r1-2'].acts).toHaveLength(8);
    expect(m['m5c1-i1-1'].acts).toEqual(['nota-prot-424238-2023']);
    expect(m['m5c2-r2-2'].acts).toEqual(['l-33-2023']);
  });

  it('reads the targets and milestones stated in the text, with deadline, value and progress', () => {
    expect(target('m5c1-i1-1', 'M5C1-7')).toMatchObject({ kind: 'target', deadline: '31/12/2025', deadlineDate: '2025-12-31', value: 500, unit: 'CPI', sources: ['testo'] });
    expect(target('m5c1-i1-1', 'M5C1-7bis')).toMatchObject({ deadline: '30/06/2026', deadlineDate: '2026-06-30', value: 500 });
    const t10 = target('m5c1-r1-2', 'M5C1-10');
    expect(t10).toMatchObject({ kind: 'target', deadline: 'T2-25', deadlineDate: null, value: 102895, unit: 'ispezioni', achieved: null });
    expect(t10.achievement).toContain('105.312');
    const t11 = target('m5c1-r1-2', 'M5C1-11');
    expect(t11).toMatchObject({ deadline: 'Q1-26', value: null });
    expect(t11.description).toContain('12000 lettere di conformità');
    expect(t11.achievement).toContain('9.016');
    expect(target('m7c1-r5', 'M7-9')).toMatchObject({ kind: 'milestone', deadline: 'Q1 2024', achieved: true });
    expect(target('m7c1-r5', 'M7-9').description).toContain('Il piano contiene i principi generali');
    expect(target('m7c1-r5', 'M7-10').achievement).toContain('30 settembre 2025');
    expect(target('m7c1-i10', 'M7-30')).toMatchObject({ kind: 'target', deadline: 'Q2 2025', value: 20000, unit: 'beneficiari' });
    expect(target('m5c2-r2-2', 'M5C2-4')).toMatchObject({ kind: 'milestone', deadline: 'T1-24', achieved: true });
  });

  it('adds the targets and milestones stated by the tables', () => {
    expect(m['m5c1-r1-1'].targets.map((t) => [t.code, t.tables[0]])).toEqual([
      ['M5C1-3', 'T02a'],
      ['M5C1-4', 'T02c'],
      ['M5C1-5', 'T02d'],
    ]);
    expect(target('m5c1-r1-2', 'M5C1-8')).toMatchObject({ achieved: true, sources: ['tabella'], acts: ['dm-32-2022', 'dm-221-2022', 'dm-57-2023', 'dm-58-2023'] });
    expect(target('m5c1-r1-2', 'M5C1-9').acts).toHaveLength(4);
    expect(target('m5c2-r2-2', 'M5C2-3')).toMatchObject({ achieved: true, acts: ['l-33-2023'] });
  });

  it('keeps the figures stated in the text (D01–D14)', () => {
    const amount = (section: string, label: string) => figure('m5c1-i1-1', (f) => f.section === section && f.label === label).map((f) => f.value);
    expect(amount('Comunicazione', 'Piano di potenziamento')).toEqual([445217.55]);
    expect(amount('Comunicazione', 'Aggiornamento Piano')).toEqual([1562033.03]);
    expect(amount('Formazione', 'Piano di potenziamento')).toEqual([3843573.95]);
    expect(amount('Osservatorio', 'Piano di potenziamento')).toEqual([2099001.46]);
    expect(amount('Sistemi Informativi', 'Aggiornamento Piano')).toEqual([9956426.04]);
    expect(amount('Adeguamento strumentale e infrastrutturale', 'Piano di potenziamento')).toEqual([88100000]);
    expect(amount('Adeguamento strumentale e infrastrutturale', 'Aggiornamento Piano')).toEqual([13000000]);
    const r12 = (v: number) => figure('m5c1-r1-2', (f) => f.value === v);
    expect(r12(105312)).toHaveLength(1);
    expect(r12(70462)).toHaveLength(1);
    expect(r12(9016)[0]).toMatchObject({ unit: 'unità', date: '2025-05-12' });
    expect(r12(6527)[0]).toMatchObject({ date: '2024-10-10' });
    expect(r12(8500)[0]).toMatchObject({ unit: 'imprese', qualifier: 'almeno il valore' });
    expect(r12(12000).map((f) => f.unit)).toEqual(['lettere', 'lettere']);
    expect(figure('m7c1-r5', (f) => f.date === '2024-05-24')).toHaveLength(1);
    const i10 = (v: number) => figure('m7c1-i10', (f) => f.value === v)[0];
    expect(i10(100000000)).toMatchObject({ label: 'Risorse RRF', unit: '€' });
    expect(i10(12000)).toMatchObject({ unit: 'interventi', qualifier: 'quasi' });
    expect(i10(160000)).toMatchObject({ unit: 'beneficiari', qualifier: 'circa' });
    expect(i10(800000)).toMatchObject({ unit: 'formati' });
    expect(figure('m7c1-i10', (f) => f.date === '2025-04-01')).toHaveLength(1);
    // The M5C2 footnote "(*)" belongs with the text that uses the mark, in the document record.
    expect(doc.figures.map((f) => f.date)).toEqual(['2025-06-10']);
  });

  it('notes the wrong headings and regions of the document', () => {
    const notes = (id: string) => m[id].dataQualityNotes.map((n) => n.note).join('\n');
    expect(notes('m5c1-i1-1')).toContain('Sardegna');
    expect(notes('m5c1-r1-2')).toContain('M5C1 Riforma 2.2');
    expect(notes('m5c1-r1-1')).toContain('MSC1-5');
    expect(notes('m7c1-i10')).toContain('M7C1110');
    for (const id of ['m5c2-i1-1-1', 'm5c2-i1-3-2', 'm5c2-r2-2']) expect(notes(id)).toContain('Emilia-Romagna');
    expect(notes('m5c1-i1-4')).toBe('');
    expect(doc.dataQualityNotes.every((n) => /Emilia-Romagna/.test(n.note))).toBe(true);
  });

  it('keeps running text in order, corrected, with the printed form when changed', () => {
    const r = m['m5c1-r1-2'].paragraphs;
    expect(r[0]).toMatchObject({ kind: 'titolo', text: 'Scadenze al 2025:' });
    // The T2-25 statement and the four Q1-26 actions are printed as bullet items.
    expect(r.filter((p) => p.kind === 'elenco').map((p) => p.text.slice(0, 6))).toEqual(['T2-25:', 'Comple', 'Invio ', 'Realiz', 'Facili']);
    const p624 = doc.paragraphs.find((p) => p.text.startsWith('Avviso 1/2022'))!;
    expect(p624.text).toContain('Regione Lombardia');
    expect(p624.raw).toContain('Regione Emilia-Romagna');
    expect(m['m7c1-i10'].paragraphs.some((p) => p.text.includes('investimento M7C1I10 il 1 aprile 2025'))).toBe(true);
  });

  it('describes the document: title, region, components', () => {
    expect(doc.region).toBe('Lombardia');
    expect(doc.title).toBe('FINANZIAMENTI PIANO NAZIONALE DI RIPRESA E RESILIENZA – REGIONE LOMBARDIA – SCHEDA RIEPILOGATIVA');
    expect(doc.components.map((c) => [c.code, c.measures.length])).toEqual([
      ['M5C1', 4],
      ['M7C1', 2],
      ['M5C2', 8],
    ]);
    expect(out.edition.region).toBe('Lombardia');
  });

  it('classifies every text line: nothing left unconsumed, text with figures consumed', () => {
    expect(out.report.summary.unconsumedWithDigits).toBe(0);
    const cls = new Map(out.report.lines.map((l) => [l.line, l]));
    const lineOf = (start: string) => SEED.split('\n').findIndex((l) => l.startsWith(start)) + 1;
    expect(cls.get(lineOf('- T2-25: M5C1-10'))).toMatchObject({ class: 'consumed', by: 'testo:m5c1-r1-2' });
    expect(cls.get(lineOf('Dai dati degli accessi ispettivi'))).toMatchObject({ class: 'consumed', by: 'testo:m5c1-r1-2' });
    expect(cls.get(lineOf('**Risorse RRF:**'))).toMatchObject({ class: 'consumed', by: 'testo:m7c1-i10' });
    expect(cls.get(lineOf('La Riforma prevede due Milestone'))).toMatchObject({ class: 'prose', by: 'm7c1-r5' });
    expect(cls.get(lineOf('#### Scadenze al 2025'))?.class).toBe('structural');
    expect(cls.get(lineOf('**FINANZIAMENTI PIANO'))).toMatchObject({ class: 'prose', by: 'documento' });
  });

  it('checks the average of inspections stated in the text against T14 (§5 row 26)', () => {
    const c = out.report.checks.find((x) => x.id === 'T14-media-2023-2024');
    expect(c).toMatchObject({ ok: true, stated: 105312, computed: 105312 });
    const changed = run(SEED.replace('2023\t42.759\t38.677\t81.436', '2023\t42.759\t38.677\t81.438'));
    expect(changed.report.checks.find((x) => x.id === 'T14-media-2023-2024')).toMatchObject({ ok: false, computed: 105313 });
  });
});

describe('measure rules on small inputs', () => {
  const ctxOf = (text: string, corrections: Correction[] = seedCorrections()) => createContext('test.txt', toLines(text), corrections);

  it('a code-only heading and the titled heading below it must agree, unless a correction says so', () => {
    const text = '**M5C1 Riforma 2.2**  \n\n**Riforma 1.2 - Piano nazionale per la lotta al lavoro sommerso**\n';
    const state = ctxOf(text, []);
    let err: unknown;
    try {
      scanHeadings(state.ctx);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SeedError);
    expect((err as SeedError).line).toBe(3);
    expect(scanHeadings(ctxOf(text).ctx).measures.map((x) => x.code)).toEqual(['M5C1 R1.2']);
  });

  it('a heading naming another region is noted even without a correction', () => {
    const text = ['**REGIONE LOMBARDIA- SCHEDA RIEPILOGATIVA**', '', '**MISSIONE 5: INCLUSIONE E COESIONE**', '**COMPONENTE 1: POLITICHE PER IL LAVORO**', '**INVESTIMENTO 1.1: POTENZIAMENTO DEI CENTRI PER L\'IMPIEGO**', '', 'Piano della Regione Veneto per i CPI', ''].join('\n');
    const { ctx } = ctxOf(text, []);
    const r = parseMeasures(ctx, [], {});
    const ms = r.collections.measures as Measure[];
    expect(ms.map((x) => x.code)).toEqual(['M5C1 I1.1']);
    expect(ms[0].dataQualityNotes).toEqual([{ note: 'Il testo nomina la regione «Veneto» in una scheda della Regione Lombardia.', line: 7 }]);
    expect(ms[0].paragraphs.map((p) => p.text)).toEqual(['Piano della Regione Veneto per i CPI']);
  });

  it('a document without measure headings is a located error', () => {
    expect(() => parseMeasures(ctxOf('solo testo\n').ctx, [], {})).toThrow(SeedError);
  });

  it('reads statements in their three printed forms', () => {
    expect(readStatement('T2-25: M5C1-10 - +30% ispezioni')).toMatchObject({ code: 'M5C1-10', deadline: 'T2-25', kind: null });
    expect(readStatement('Milestone M7-9 (Q1 2024): Adozione del Piano')).toMatchObject({ code: 'M7-9', deadline: 'Q1 2024', kind: 'milestone' });
    expect(readStatement('➤ Target M5C1 – 7bis')).toMatchObject({ code: 'M5C1-7bis', headingOnly: true, kind: 'target' });
    expect(readStatement('Target M5C1 -7 al 10 giugno 2025')).toBeNull();
  });

  it('takes figures from text, not codes, years, dates or act numbers', () => {
    expect(extractFigures('pubblicato nella GU n. 65 del 18 marzo 2024').map((f) => [f.value, f.date])).toEqual([[null, '2024-03-18']]);
    expect(extractFigures('nel triennio 2023-25 il valore medio di 102.895 ispezioni').map((f) => [f.value, f.unit])).toEqual([[102895, 'ispezioni']]);
    expect(extractFigures('agli 800 mila formati').map((f) => f.value)).toEqual([800000]);
    expect(extractFigures('Missione 5, Componente 2, investimento M5C2I1.1.1 dal 2022')).toEqual([]);
    expect(extractFigures('quasi 12.000 interventi')[0]).toMatchObject({ value: 12000, qualifier: 'quasi', unit: 'interventi' });
  });
});
