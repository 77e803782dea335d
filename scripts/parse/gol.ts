/**
 * Programma GOL (M5C1 Riforma 1.1): the avvisi grid (T01), the target grids M5C1-3/-4/-5 and the
 * distribution by percorso (T02a–d), and the financial grid (T03). Tables are found by their header
 * signatures; every column is checked against the expected layout.
 */
import { SeedError, excerpt } from '../lib/errors.ts';
import { slugify } from '../lib/slug.ts';
import type { SeedLine } from '../lib/seed.ts';
import type { Check, FamilyResult, ParseCtx, TableInfo } from '../lib/types.ts';
import { readValue, type NumberKind, type Value } from '../lib/values.ts';
import { isStructureHeading, measureAt, scanHeadings, type DocumentStructure } from './measure-headings.ts';
import {
  blanksBetween,
  check,
  filledCount,
  fixText,
  flattenHeader,
  matchColumns,
  missingTable,
  nextContent,
  normCode,
  prevContent,
  prov,
  readFlag,
  readSourceNote,
  rowCells,
  trimmed,
  type ColSpec,
} from './programmes-lib.ts';

/** A caption printed above a grid: one filled cell, not a heading, not a source note, not yet claimed. */
export function captionAbove(ctx: ParseCtx, header: SeedLine): SeedLine | null {
  const p = prevContent(ctx, header.n - 1);
  if (!p || filledCount(p) !== 1 || ctx.claimed(p.n)) return null;
  if (/^#/.test(p.raw.trim()) || /:$/.test(p.text) || readSourceNote(p) || isStructureHeading(p.text)) return null;
  return p;
}

const RE_AVVISI_HEAD = /^Avvis[oi]$/i;

/** T01 — GOL avvisi: percorsi flags, PNRR allocation (a "di cui" allocation is flagged, never summed), estimated beneficiaries. */
export function parseGolAvvisi(ctx: ParseCtx, structure: DocumentStructure = scanHeadings(ctx)): FamilyResult {
  const TABLE = 'T01';
  const header = ctx.lines.find(
    (l) => !ctx.claimed(l.n) && RE_AVVISI_HEAD.test(l.cells[0] ?? '') && l.cells.some((c) => /^Stima platea/i.test(c)),
  );
  if (!header) throw missingTable(ctx, 'the GOL avvisi table (header "Avvisi | Percorsi | Dotazione PNRR | Stima platea")');
  const sub = nextContent(ctx, header.n - 1);
  if (!sub || sub.cells[0] !== '') throw new SeedError(ctx.file, sub?.n ?? header.n, 'the second header row of the GOL avvisi table (percorso numbers, Beneficiari, Formati)', sub ? excerpt(sub.text) : 'end of file');
  const names = flattenHeader([trimmed(header), trimmed(sub)]);
  const percorsi = names.filter((n) => /^Percorsi – \d+$/i.test(n)).map((n) => Number(/\d+$/.exec(n)![0]));
  const specs: ColSpec[] = [
    { key: 'avviso', re: RE_AVVISI_HEAD, label: 'Avviso' },
    ...percorsi.map((_, i) => ({ key: `p${i + 1}`, re: new RegExp(`^Percorsi – ${i + 1}$`, 'i'), label: `Percorso ${i + 1}` })),
    { key: 'dotazione', re: /^Dotazione PNRR/i, label: 'Dotazione PNRR' },
    { key: 'beneficiari', re: /^Stima platea – Beneficiari$/i, label: 'Stima platea – Beneficiari' },
    { key: 'formati', re: /^Stima platea – Formati$/i, label: 'Stima platea – Formati' },
  ];
  if (percorsi.length === 0) specs.splice(1, 0, { key: 'p1', re: /^Percorsi – 1$/i, label: 'Percorso 1…n' });
  const col = matchColumns(ctx, header.n, names, specs);
  const caption = captionAbove(ctx, header);
  const title = caption?.text ?? 'Avvisi GOL';
  const measure = measureAt(structure, header.n);

  type Row = { l: SeedLine; cells: string[] };
  const rows: Row[] = [];
  let cur = nextContent(ctx, sub.n - 1);
  while (cur && cur.cells[0] !== '' && filledCount(cur) >= 2) {
    rows.push({ l: cur, cells: rowCells(ctx, cur, names.length, TABLE) });
    cur = nextContent(ctx, cur.n - 1);
  }
  if (rows.length === 0) throw new SeedError(ctx.file, cur?.n ?? sub.n, 'at least one avviso row below the GOL avvisi header', cur ? excerpt(cur.text) : 'end of file');
  const note = readSourceNote(cur);
  const datiAl = note?.datiAl ?? null;
  const last = note ? note.line.n : rows[rows.length - 1].l.n;
  const first = caption?.n ?? header.n;

  const records = rows.map(({ l, cells }) => {
    const name = fixText(ctx, cells[col.avviso], l.n, TABLE);
    // "4.395.458,00 € (di cui dell'avviso 1)": the amount is part of another avviso's allocation.
    const dot = /^(.*?)\s*\((di cui[^)]*)\)\s*$/i.exec(cells[col.dotazione]);
    if (dot) {
      ctx.repaired({ rule: 'importo "di cui" separato dalla nota', raw: cells[col.dotazione], fixed: dot[1], reason: "la nota tra parentesi indica che l'importo è parte di un altro avviso: non va sommato", line: l.n, table: TABLE });
    }
    return {
      l,
      name,
      diCuiNote: dot ? dot[2] : null,
      rec: {
        id: slugify(name),
        avviso: name,
        percorsi: percorsi.filter((_, i) => readFlag(ctx, cells[col[`p${i + 1}`]], l, `Percorso ${i + 1}`)),
        dotazionePnrr: readValue(dot ? dot[1] : cells[col.dotazione], 'euro', ctx.file, l, 'Dotazione PNRR'),
        diCui: !!dot,
        diCuiDi: null as string | null,
        notaDotazione: dot ? dot[2] : null,
        beneficiariStimati: readValue(cells[col.beneficiari], 'integer', ctx.file, l, 'Stima platea – Beneficiari'),
        formatiStimati: readValue(cells[col.formati], 'integer', ctx.file, l, 'Stima platea – Formati'),
        measure: measure?.id ?? null,
        provenance: prov(ctx, [l.n, l.n], TABLE, title, datiAl, null),
      },
    };
  });
  // Resolve "di cui dell'avviso 1" to the avviso numbered 1 in the same grid.
  for (const r of records) {
    const num = r.diCuiNote ? /avviso\s*(?:n\.?\s*)?(\d+)/i.exec(r.diCuiNote) : null;
    if (!num) continue;
    const target = records.find((o) => o !== r && new RegExp(`\\bn\\.?\\s*${num[1]}\\b`, 'i').test(o.name));
    r.rec.diCuiDi = target?.rec.id ?? null;
  }

  ctx.structural([first, header.n, sub.n, ...blanksBetween(ctx, first, last)].filter((n, i, a) => a.indexOf(n) === i), `${TABLE} intestazione`);
  for (const r of records) ctx.consume(r.l.n, TABLE);
  if (note) ctx.consume(note.line.n, `${TABLE} dati al`);
  const table: TableInfo = { id: TABLE, title, lines: [first, last], rows: rows.length, datiAl, fonte: null, measure: measure?.code ?? null, collection: 'golAvvisi' };
  return { tables: [table], collections: { golAvvisi: records.map((r) => r.rec) }, checks: [] };
}

type GridKind = 'beneficiari' | 'percorsi' | 'formati' | 'cpi';
const GRID_TABLE: Record<GridKind, string> = { beneficiari: 'T02a', percorsi: 'T02b', formati: 'T02c', cpi: 'T02d' };

interface FieldSpec extends ColSpec {
  kind: NumberKind;
}

const GRID_SPECS: Record<Exclude<GridKind, 'percorsi'>, FieldSpec[]> = {
  beneficiari: [
    { key: 'valoreProgrammato', re: /^Valore programmato$/i, label: 'Valore programmato', kind: 'integer' },
    { key: 'presiInCarico', re: /^Individui presi in carico$/i, label: 'Individui presi in carico', kind: 'integer' },
    { key: 'beneficiariConseguiti', re: /^Beneficiari conseguiti$/i, label: 'Beneficiari conseguiti', kind: 'integer' },
    { key: 'percAvanzamento', re: /^% di avanzamento sul target$/i, label: '% di avanzamento sul target', kind: 'percent' },
    { key: 'percFragili', re: /^% di beneficiari fragili$/i, label: '% di beneficiari fragili', kind: 'percent' },
    { key: 'percOccupati', re: /^% di occupati su individui presi in carico$/i, label: '% di occupati su individui presi in carico', kind: 'percent' },
    { key: 'percLep', re: /^%.*\bLEP su individui presi in carico$/i, label: '% che ha ricevuto i LEP su individui presi in carico', kind: 'percent' },
    { key: 'percFormati', re: /^%\s*formati su individui presi in carico$/i, label: '% formati su individui presi in carico', kind: 'percent' },
  ],
  formati: [
    { key: 'valoreProgrammato', re: /^Valore programmato$/i, label: 'Valore programmato', kind: 'integer' },
    { key: 'valoreProgrammatoDigitale', re: /^Valore programmato \(digitale\)$/i, label: 'Valore programmato (digitale)', kind: 'integer' },
    { key: 'avviatiFormazione', re: /^Avviati\b.*\bformazione\b/i, label: 'Avviati a formazione', kind: 'integer' },
    { key: 'formati', re: /^Di cui formati \(valore realizzato\)$/i, label: 'Di cui formati (valore realizzato)', kind: 'integer' },
    { key: 'formatiDigitali', re: /^Di cui formati digitali \(valore realizzato\)$/i, label: 'Di cui formati digitali (valore realizzato)', kind: 'integer' },
    { key: 'percFormati', re: /^% valore realizzato su valore programmato\s*-\s*formati$/i, label: '% valore realizzato su programmato – formati', kind: 'percent' },
    { key: 'percFormatiDigitali', re: /^% valore realizzato su valore programmato\s*-\s*formati digitali$/i, label: '% valore realizzato su programmato – formati digitali', kind: 'percent' },
  ],
  cpi: [
    { key: 'cpiTotali', re: /^Numero totale di CPI\b/i, label: 'Numero totale di CPI nella regione', kind: 'integer' },
    { key: 'soglia', re: /^\d+(?:,\d+)?\s*% del totale$/i, label: 'NN% del totale', kind: 'integer' },
    { key: 'cpiValorizzabili', re: /^Numero di CPI valorizzabili\b/i, label: 'Numero di CPI valorizzabili per il target', kind: 'integer' },
    { key: 'percAvanzamento', re: /^% di avanzamento sul target$/i, label: '% di avanzamento sul target', kind: 'percent' },
  ],
};

const RE_TARGET_CAPTION = /^DATI DI AVANZAMENTO\s*[-–]\s*TARGET\s+(.+?)\s*:\s*(.+)$/i;
const RE_PERCORSI_ROW = /sul totale dei beneficiari/i;

function gridKind(names: string[], dataLabel: string): GridKind | null {
  if (names.some((n) => /^Beneficiari conseguiti$/i.test(n))) return 'beneficiari';
  if (names.some((n) => /^Valore programmato \(digitale\)$/i.test(n))) return 'formati';
  if (names.some((n) => /^Numero totale di CPI\b/i.test(n))) return 'cpi';
  if (names[0] === '' && RE_PERCORSI_ROW.test(dataLabel)) return 'percorsi';
  return null;
}

/** T02a–d — GOL target grids (one row each) with the "dati al" and source stated below each grid. */
export function parseGolTargets(ctx: ParseCtx, structure: DocumentStructure = scanHeadings(ctx)): FamilyResult {
  const tables: TableInfo[] = [];
  const records: object[] = [];
  const checks: Check[] = [];
  // Grid headers: the line under a "DATI DI AVANZAMENTO - TARGET …" caption, or an unlabelled
  // header (first cell empty) above a "% sul totale dei beneficiari" row.
  const found: { caption: SeedLine | null; header: SeedLine }[] = [];
  for (const l of ctx.lines) {
    if (ctx.claimed(l.n) || filledCount(l) === 0) continue;
    if (filledCount(l) === 1 && RE_TARGET_CAPTION.test(fixText(ctx, l.text, l.n, GRID_TABLE.beneficiari, false))) {
      const h = nextContent(ctx, l.n - 1);
      if (!h) throw new SeedError(ctx.file, l.n, 'a header row below the target caption', 'end of file');
      found.push({ caption: l, header: h });
    } else if (l.cells[0] === '' && filledCount(l) >= 2) {
      const d = nextContent(ctx, l.n - 1);
      if (d && RE_PERCORSI_ROW.test(d.cells[0] ?? '')) found.push({ caption: null, header: l });
    }
  }
  for (const { caption, header } of found) {
    const data = nextContent(ctx, header.n - 1);
    if (!data) throw new SeedError(ctx.file, header.n, 'a data row below the target grid header', 'end of file');
    const kind = gridKind(trimmed(header).map((c) => fixText(ctx, c, header.n, 'T02', false)), data.cells[0] ?? '');
    if (!kind) {
      throw new SeedError(ctx.file, header.n, 'the header of a GOL target grid (M5C1-3 beneficiari, M5C1-4 formati, M5C1-5 CPI, or distribution by percorso)', excerpt(header.text));
    }
    const TABLE = GRID_TABLE[kind];
    const names = trimmed(header).map((c) => fixText(ctx, c, header.n, TABLE));
    let code: string | null = null;
    let titolo: string;
    if (caption) {
      const cap = RE_TARGET_CAPTION.exec(fixText(ctx, caption.text, caption.n, TABLE))!;
      code = normCode(cap[1]);
      titolo = cap[2].trim();
    } else {
      titolo = `${data.cells[0]} per percorso`;
    }
    const tableTitle = caption ? fixText(ctx, caption.text, caption.n, TABLE) : titolo;
    const note = readSourceNote(nextContent(ctx, data.n - 1));
    const datiAl = note?.datiAl ?? null;
    const fonte = note?.fonte ?? null;
    const first = caption?.n ?? header.n;
    const last = note?.line.n ?? data.n;
    const measure = measureAt(structure, header.n);
    const provenance = prov(ctx, [first, last], TABLE, tableTitle, datiAl, fonte);
    const base = { id: code ? slugify(code) : 'distribuzione-per-percorso', target: code, titolo, nota: note?.nota ?? null, measure: measure?.id ?? null, provenance };

    if (kind === 'percorsi') {
      const cells = rowCells(ctx, data, names.length, TABLE);
      if (names.slice(1).some((n) => n === '')) throw new SeedError(ctx.file, header.n, 'a percorso name over every column', excerpt(header.text));
      const quote = names.slice(1).map((percorso, i) => ({ percorso, quota: readValue(cells[i + 1], 'percent', ctx.file, data, percorso) }));
      records.push({ ...base, tipo: kind, etichetta: data.cells[0], quote });
      const present = quote.filter((q) => q.quota.value !== null);
      const sum = present.reduce((s, q) => s + q.quota.value!, 0);
      checks.push(
        check({
          id: `${TABLE}-somma`,
          table: TABLE,
          description: 'Le quote dei beneficiari per percorso sommano a 100.',
          stated: 100,
          computed: Math.round(sum * 100) / 100,
          tolerance: 0.05 * present.length,
          lines: [data.n],
        }),
      );
    } else {
      const specs = GRID_SPECS[kind];
      const col = matchColumns(ctx, header.n, names, specs);
      const cells = rowCells(ctx, data, names.length, TABLE);
      const v: Record<string, Value> = {};
      for (const s of specs) v[s.key] = readValue(cells[col[s.key]], s.kind, ctx.file, data, s.label);
      const rec: Record<string, unknown> = { ...base, tipo: kind, ...v };
      const pct = (num: Value, den: Value) => (num.value !== null && den.value ? (num.value / den.value) * 100 : null);
      if (kind === 'beneficiari') {
        checks.push(check({ id: `${TABLE}-avanzamento`, table: TABLE, description: 'La % di avanzamento è il rapporto tra beneficiari conseguiti e valore programmato.', stated: v.percAvanzamento.value, computed: pct(v.beneficiariConseguiti, v.valoreProgrammato), tolerance: 0.05, lines: [data.n] }));
      } else if (kind === 'formati') {
        checks.push(check({ id: `${TABLE}-formati`, table: TABLE, description: 'La % dei formati è il rapporto tra formati realizzati e valore programmato.', stated: v.percFormati.value, computed: pct(v.formati, v.valoreProgrammato), tolerance: 0.05, lines: [data.n] }));
        checks.push(check({ id: `${TABLE}-formati-digitali`, table: TABLE, description: 'La % dei formati digitali è il rapporto tra formati digitali realizzati e valore programmato digitale.', stated: v.percFormatiDigitali.value, computed: pct(v.formatiDigitali, v.valoreProgrammatoDigitale), tolerance: 0.05, lines: [data.n] }));
      } else {
        // The threshold share is read from its own header ("80% del totale"), not assumed.
        const share = Number(/^(\d+(?:,\d+)?)/.exec(names[col.soglia])![1].replace(',', '.'));
        rec.sogliaPercentuale = share;
        const exact = v.cpiTotali.value !== null ? Math.round(v.cpiTotali.value * share) / 100 : null;
        checks.push(
          check({
            id: `${TABLE}-soglia`,
            table: TABLE,
            description: `La soglia «${names[col.soglia]}» è il ${share}% del numero totale di CPI.`,
            stated: v.soglia.value,
            computed: exact,
            tolerance: 0,
            lines: [data.n],
            note: exact !== null && v.soglia.value !== null && v.soglia.value === Math.ceil(exact) && v.soglia.value !== exact ? 'Il documento arrotonda per eccesso la soglia.' : undefined,
          }),
        );
        const vsExact = exact && v.cpiValorizzabili.value !== null ? (v.cpiValorizzabili.value / exact) * 100 : null;
        checks.push(
          check({
            id: `${TABLE}-avanzamento`,
            table: TABLE,
            description: 'La % di avanzamento è il rapporto tra CPI valorizzabili e soglia stampata.',
            stated: v.percAvanzamento.value,
            computed: pct(v.cpiValorizzabili, v.soglia),
            tolerance: 0.05,
            lines: [data.n],
            note: vsExact !== null ? `Rispetto alla soglia esatta (${String(exact).replace('.', ',')}) sarebbe ${vsExact.toFixed(1).replace('.', ',')}%.` : undefined,
          }),
        );
      }
      records.push(rec);
    }
    ctx.structural([first, header.n, ...blanksBetween(ctx, first, last)].filter((n, i, a) => a.indexOf(n) === i), `${TABLE} intestazione`);
    ctx.consume(data.n, TABLE);
    if (note) ctx.consume(note.line.n, `${TABLE} fonte e dati al`);
    tables.push({ id: TABLE, title: tableTitle, lines: [first, last], rows: 1, datiAl, fonte, measure: measure?.code ?? null, collection: 'golTargets' });
  }
  for (const k of Object.keys(GRID_TABLE) as GridKind[]) {
    if (!tables.some((t) => t.id === GRID_TABLE[k])) throw missingTable(ctx, `the GOL target grid ${GRID_TABLE[k]} (${k})`);
  }
  return { tables, collections: { golTargets: records }, checks };
}

/** T03 — GOL financial progress: assigned, disbursed, programmed, paid (ReGiS), and the disbursement tranches as flags. */
export function parseGolFinance(ctx: ParseCtx, structure: DocumentStructure = scanHeadings(ctx)): FamilyResult {
  const TABLE = 'T03';
  const header = ctx.lines.find((l) => !ctx.claimed(l.n) && l.cells.some((c) => /^Risorse assegnate$/i.test(c)) && l.cells.some((c) => /^Programmato da avvisi/i.test(c)));
  if (!header) throw missingTable(ctx, 'the GOL financial table (header "Risorse assegnate | Erogato | Programmato da avvisi | Pagamenti totali …")');
  const names = trimmed(header);
  const tranche = names.slice(4);
  const specs: ColSpec[] = [
    { key: 'risorseAssegnate', re: /^Risorse assegnate$/i, label: 'Risorse assegnate' },
    { key: 'erogato', re: /^Erogato$/i, label: 'Erogato' },
    { key: 'programmatoDaAvvisi', re: /^Programmato da avvisi\b/i, label: 'Programmato da avvisi' },
    { key: 'pagamentiTotali', re: /^Pagamenti totali\b/i, label: 'Pagamenti totali (sistema ReGiS)' },
    ...(tranche.length ? tranche : ['']).map((_, i) => ({ key: `t${i}`, re: /^(Erogazione|Integrazione)\b/i, label: 'Erogazione…/Integrazione… (una o più colonne)' })),
  ];
  const col = matchColumns(ctx, header.n, names, specs);
  const data = nextContent(ctx, header.n - 1);
  if (!data) throw new SeedError(ctx.file, header.n, 'a data row below the GOL financial header', 'end of file');
  const cells = rowCells(ctx, data, names.length, TABLE);
  const caption = captionAbove(ctx, header);
  const title = caption?.text ?? 'Avanzamento finanziario GOL';
  const note = readSourceNote(nextContent(ctx, data.n - 1));
  const datiAl = note?.datiAl ?? null;
  const first = caption?.n ?? header.n;
  const last = note?.line.n ?? data.n;
  const measure = measureAt(structure, header.n);
  const v = (k: string, label: string) => readValue(cells[col[k]], 'euro', ctx.file, data, label);
  const rec = {
    id: 'gol-finanziario',
    risorseAssegnate: v('risorseAssegnate', 'Risorse assegnate'),
    erogato: v('erogato', 'Erogato'),
    programmatoDaAvvisi: v('programmatoDaAvvisi', 'Programmato da avvisi'),
    pagamentiTotali: v('pagamentiTotali', 'Pagamenti totali'),
    tranche: tranche.map((descrizione, i) => ({ descrizione, erogata: readFlag(ctx, cells[col[`t${i}`]], data, descrizione) })),
    measure: measure?.id ?? null,
    provenance: prov(ctx, [first, last], TABLE, title, datiAl, null),
  };
  ctx.structural([first, header.n, ...blanksBetween(ctx, first, last)].filter((n, i, a) => a.indexOf(n) === i), `${TABLE} intestazione`);
  ctx.consume(data.n, TABLE);
  if (note) ctx.consume(note.line.n, `${TABLE} dati al`);
  return {
    tables: [{ id: TABLE, title, lines: [first, last], rows: 1, datiAl, fonte: null, measure: measure?.code ?? null, collection: 'golFinance' }],
    collections: { golFinance: [rec] },
    checks: [],
  };
}
