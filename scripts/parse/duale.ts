/**
 * Sistema duale (M5C1 Investimento 1.4): the avvisi grid with the percorsi it funds (T10), the
 * financial grid with the riparto decrees (T11) and the target/baseline grids by anno formativo
 * (T12a–f). Tables are found by header signatures and checked column by column.
 */
import { SeedError, excerpt } from '../lib/errors.ts';
import { slugify } from '../lib/slug.ts';
import type { SeedLine } from '../lib/seed.ts';
import type { Check, FamilyResult, ParseCtx, TableInfo } from '../lib/types.ts';
import { markerStatus, parseItalianDate, parseItalianNumber, readValue, type Value } from '../lib/values.ts';
import { captionAbove } from './gol.ts';
import { isStructureHeading, measureAt, scanHeadings, type DocumentStructure } from './measure-headings.ts';
import {
  annoFormativo,
  blanksBetween,
  check,
  filledCount,
  fixText,
  flattenHeader,
  matchColumns,
  missingTable,
  nextContent,
  prevContent,
  prov,
  readFlag,
  rowCells,
  trimmed,
  type ColSpec,
} from './programmes-lib.ts';

/** A cell holding a number (amount, count, percentage); used to tell data rows from header rows. */
const isNumeric = (c: string) => c !== '' && parseItalianNumber(c) !== null;

const uniq = (ns: number[]) => ns.filter((n, i, a) => a.indexOf(n) === i);

/**
 * Data rows below a header: a label in the first cell and at least one cell after it holding a digit,
 * an "x" flag or a marker. A row that repeats the header's first cell ("REGIONE") starts the next grid.
 * A damaged figure ("89.3") still makes a data row, so readValue reports it at its line.
 */
function labelledRows(ctx: ParseCtx, after: SeedLine, width: number, table: string, headerFirst: string): { l: SeedLine; cells: string[] }[] {
  const rows: { l: SeedLine; cells: string[] }[] = [];
  const dataLike = (c: string) => /\d/.test(c) || /^x$/i.test(c) || markerStatus(c) === 'non_validato' || markerStatus(c) === 'nd';
  let cur = nextContent(ctx, after.n - 1);
  while (
    cur &&
    cur.cells[0] !== '' &&
    filledCount(cur) >= 2 &&
    !ctx.claimed(cur.n) &&
    cur.cells[0].toLowerCase() !== headerFirst.toLowerCase() &&
    cur.cells.slice(1).some(dataLike)
  ) {
    rows.push({ l: cur, cells: rowCells(ctx, cur, width, table) });
    cur = nextContent(ctx, cur.n - 1);
  }
  if (rows.length === 0) throw new SeedError(ctx.file, cur?.n ?? after.n, `at least one data row in ${table}`, cur ? excerpt(cur.text) : 'end of file');
  return rows;
}

/** T10 — avvisi of the sistema duale: percorsi funded (flags), allocation, PNRR share, individual paths programmed. */
export function parseDualeAvvisi(ctx: ParseCtx, structure: DocumentStructure = scanHeadings(ctx)): FamilyResult {
  const TABLE = 'T10';
  const header = ctx.lines.find((l) => !ctx.claimed(l.n) && /^Avviso$/i.test(l.cells[0] ?? '') && l.cells.some((c) => /^Dotazione finanziaria/i.test(c)));
  if (!header) throw missingTable(ctx, 'the sistema duale avvisi table (header "Avviso | Percorsi | Dotazione finanziaria dell\'Avviso | di cui PNRR | Percorsi individuali programmati")');
  const sub = nextContent(ctx, header.n - 1);
  if (!sub || sub.cells[0] !== '') throw new SeedError(ctx.file, sub?.n ?? header.n, 'the second header row of the duale avvisi table (the numbered percorsi)', sub ? excerpt(sub.text) : 'end of file');
  const subCells = trimmed(sub).map((c) => (c ? fixText(ctx, c, sub.n, TABLE) : c));
  const names = flattenHeader([trimmed(header), subCells]);
  const RE_P = /^Percorsi – (\d+)\.\s*(.+)$/i;
  const percorsi = names.map((n) => RE_P.exec(n)).filter((m): m is RegExpExecArray => !!m).map((m) => ({ numero: Number(m[1]), descrizione: m[2].trim() }));
  const specs: ColSpec[] = [
    { key: 'avviso', re: /^Avviso$/i, label: 'Avviso' },
    ...(percorsi.length ? percorsi : [{ numero: 1 }]).map((_, i) => ({ key: `p${i + 1}`, re: new RegExp(`^Percorsi – ${i + 1}\\.`, 'i'), label: `Percorso ${i + 1}` })),
    { key: 'dotazione', re: /^Dotazione finanziaria/i, label: "Dotazione finanziaria dell'Avviso" },
    { key: 'pnrr', re: /^di cui PNRR$/i, label: 'di cui PNRR' },
    { key: 'programmati', re: /^Percorsi individuali programmati$/i, label: 'Percorsi individuali programmati' },
  ];
  const col = matchColumns(ctx, header.n, names, specs);
  const measure = measureAt(structure, header.n);
  const caption = captionAbove(ctx, header);
  const title = caption?.text ?? 'Avvisi del sistema duale';
  const rows = labelledRows(ctx, sub, names.length, TABLE, header.cells[0]);
  const first = caption?.n ?? header.n;
  const last = rows[rows.length - 1].l.n;

  const avvisi = rows.map(({ l, cells }) => {
    const name = fixText(ctx, cells[col.avviso], l.n, TABLE);
    // "13432 di cui 13432 PNRR": total individual paths and the PNRR-funded part, in one cell.
    const raw = cells[col.programmati];
    const split = /^(.+?)\s+di cui\s+(.+?)\s+PNRR$/i.exec(raw);
    if (split) ctx.repaired({ rule: 'cella "N di cui M PNRR" divisa in due numeri', raw, fixed: `${split[1]} | ${split[2]}`, reason: 'totale e quota PNRR dei percorsi programmati sono stampati nella stessa cella', line: l.n, table: TABLE });
    return {
      id: slugify(name),
      avviso: name,
      percorsi: percorsi.filter((_, i) => readFlag(ctx, cells[col[`p${i + 1}`]], l, `Percorso ${i + 1}`)).map((p) => p.numero),
      dotazione: readValue(cells[col.dotazione], 'euro', ctx.file, l, "Dotazione finanziaria dell'Avviso"),
      dotazionePnrr: readValue(cells[col.pnrr], 'euro', ctx.file, l, 'di cui PNRR'),
      percorsiProgrammati: readValue(split ? split[1] : raw, 'integer', ctx.file, l, 'Percorsi individuali programmati'),
      percorsiProgrammatiPnrr: readValue(split ? split[2] : '', 'integer', ctx.file, l, 'Percorsi individuali programmati – di cui PNRR'),
      measure: measure?.id ?? null,
      provenance: prov(ctx, [l.n, l.n], TABLE, title),
    };
  });
  const percorsiRecs = percorsi.map((p) => ({
    id: `percorso-${p.numero}`,
    numero: p.numero,
    descrizione: p.descrizione,
    measure: measure?.id ?? null,
    provenance: prov(ctx, [header.n, sub.n], TABLE, title),
  }));
  ctx.structural(uniq([first, header.n, sub.n, ...blanksBetween(ctx, first, last)]), `${TABLE} intestazione`);
  for (const r of rows) ctx.consume(r.l.n, TABLE);
  return {
    tables: [{ id: TABLE, title, lines: [first, last], rows: rows.length, datiAl: null, fonte: null, measure: measure?.code ?? null, collection: 'dualeAvvisi' }],
    collections: { dualeAvvisi: avvisi, dualePercorsi: percorsiRecs },
    checks: [],
  };
}

/** T11 — financial progress of the sistema duale: riparto decrees, total assigned, objective, PNRR put out to tender, programmed, liquidity, payments. */
export function parseDualeFinance(ctx: ParseCtx, structure: DocumentStructure = scanHeadings(ctx)): FamilyResult {
  const TABLE = 'T11';
  const header = ctx.lines.find((l) => !ctx.claimed(l.n) && /^Riparto$/i.test(l.cells[0] ?? '') && l.cells.some((c) => /messe a bando/i.test(c)));
  if (!header) throw missingTable(ctx, 'the sistema duale financial table (header "Riparto | … | Risorse PNRR messe a bando | Totale risorse programmate da Avvisi …")');
  // Header rows continue until the first row holding amounts.
  const levels: SeedLine[] = [header];
  let cur = nextContent(ctx, header.n - 1);
  while (cur && !cur.cells.some((c) => /€/.test(c) || (c !== '' && parseItalianNumber(c) !== null))) {
    levels.push(cur);
    cur = nextContent(ctx, cur.n - 1);
  }
  if (!cur) throw new SeedError(ctx.file, levels[levels.length - 1].n, 'a row of amounts below the duale financial header', 'end of file');
  const data = cur;
  const names = flattenHeader(levels.map(trimmed));
  const decrees = names.map((n, i) => ({ n, i })).filter(({ n }) => /^Riparto – Somme assegnate – /i.test(n));
  const specs: ColSpec[] = [
    ...(decrees.length ? decrees : [{ n: '', i: 0 }]).map((_, k) => ({ key: `d${k}`, re: /^Riparto – Somme assegnate – \S/i, label: 'Riparto – Somme assegnate – <decreto> (una o più colonne)' })),
    { key: 'totale', re: /^Riparto – totale assegnato$/i, label: 'Riparto – Totale assegnato' },
    { key: 'obiettivo', re: /^Obiettivi\b.* – Relevant certification$/i, label: 'Obiettivi <data> – Relevant certification' },
    { key: 'bando', re: /^Risorse PNRR messe a bando\b/i, label: 'Risorse PNRR messe a bando (somma sugli Avvisi)' },
    { key: 'programmati', re: /^Totale risorse programmate da Avvisi$/i, label: 'Totale risorse programmate da Avvisi' },
    { key: 'liquidita', re: /^stato liquidit/i, label: 'Stato liquidità' },
    { key: 'pagamenti', re: /^Pagamenti totali\b/i, label: 'Pagamenti totali (dati ReGiS)' },
  ];
  const col = matchColumns(ctx, header.n, names, specs);
  const cells = rowCells(ctx, data, names.length, TABLE);
  const caption = captionAbove(ctx, header);
  const title = caption?.text ?? 'Avanzamento finanziario del sistema duale';
  const measure = measureAt(structure, header.n);
  const first = caption?.n ?? header.n;
  const eur = (k: string, label: string) => readValue(cells[col[k]], 'euro', ctx.file, data, label);
  const objDate = /Obiettivi\s+(\d{1,2})[./](\d{1,2})[./](\d{4})/i.exec(names[col.obiettivo]);
  const rec = {
    id: 'duale-finanziario',
    riparto: decrees.map(({ n }, k) => ({ decreto: n.replace(/^Riparto – Somme assegnate – /i, ''), sommeAssegnate: eur(`d${k}`, n) })),
    totaleAssegnato: eur('totale', 'Totale assegnato'),
    obiettivoScadenza: objDate ? parseItalianDate(`${objDate[1]}/${objDate[2]}/${objDate[3]}`) : null,
    relevantCertification: readValue(cells[col.obiettivo], 'integer', ctx.file, data, 'Relevant certification'),
    risorsePnrrABando: eur('bando', 'Risorse PNRR messe a bando'),
    totaleProgrammatoAvvisi: eur('programmati', 'Totale risorse programmate da Avvisi'),
    statoLiquidita: eur('liquidita', 'Stato liquidità'),
    pagamentiTotali: eur('pagamenti', 'Pagamenti totali'),
    measure: measure?.id ?? null,
    provenance: prov(ctx, [first, data.n], TABLE, title),
  };
  const checks: Check[] = [];
  const parts = rec.riparto.map((r) => r.sommeAssegnate);
  if (rec.totaleAssegnato.value !== null && parts.every((p) => p.value !== null)) {
    checks.push(
      check({
        id: `${TABLE}-totale-assegnato`,
        table: TABLE,
        description: 'Il totale assegnato è la somma delle somme assegnate dai decreti di riparto.',
        stated: rec.totaleAssegnato.value,
        computed: Math.round(parts.reduce((s, p) => s + p.value!, 0) * 100) / 100,
        tolerance: 0.005,
        lines: [data.n],
      }),
    );
  }
  ctx.structural(uniq([first, ...levels.map((l) => l.n), ...blanksBetween(ctx, first, data.n)]), `${TABLE} intestazione`);
  ctx.consume(data.n, TABLE);
  return {
    tables: [{ id: TABLE, title, lines: [first, data.n], rows: 1, datiAl: null, fonte: null, measure: measure?.code ?? null, collection: 'dualeFinance' }],
    collections: { dualeFinance: [rec] },
    checks,
  };
}


/** T12a–f — sistema duale targets and baseline: objective, totals, relevant target and baseline by anno formativo, cumulative series. */
export function parseDualeTargets(ctx: ParseCtx, structure: DocumentStructure = scanHeadings(ctx)): FamilyResult {
  const tables: TableInfo[] = [];
  const records: Record<string, unknown>[] = [];
  const checks: Check[] = [];
  const take = (id: string, title: string, lines: [number, number], rows: number, header: number) =>
    tables.push({ id, title, lines, rows, datiAl: null, fonte: null, measure: measureAt(structure, header)?.code ?? null, collection: 'dualeTargets' });
  const measureId = (n: number) => measureAt(structure, n)?.id ?? null;
  const isRegioneHeader = (l: SeedLine, re: RegExp) => !ctx.claimed(l.n) && /^REGIONE$/i.test(l.cells[0] ?? '') && l.cells.some((c) => re.test(c));

  // T12a — objective and realised target by region.
  const hA = ctx.lines.find((l) => isRegioneHeader(l, /^OBIETTIVO PROGRAMMATO TARGET REGIONALE$/i));
  if (!hA) throw missingTable(ctx, 'the duale target table T12a (header "REGIONE | OBIETTIVO PROGRAMMATO TARGET REGIONALE | TOTALE TARGET REALIZZATO …")');
  const specA: ColSpec[] = [
    { key: 'regione', re: /^REGIONE$/i, label: 'Regione' },
    { key: 'obiettivo', re: /^OBIETTIVO PROGRAMMATO TARGET REGIONALE$/i, label: 'Obiettivo programmato target regionale' },
    { key: 'realizzato', re: /^TOTALE TARGET REALIZZATO$/i, label: 'Totale target realizzato' },
    { key: 'realizzatoRrf', re: /^TOTALE TARGET REALIZZATO CON RISORSE RRF$/i, label: 'Totale target realizzato con risorse RRF' },
    { key: 'percRealizzato', re: /^PERCENTUALE TARGET REALIZZATO SU OBIETTIVO REGIONALE$/i, label: '% target realizzato su obiettivo regionale' },
    { key: 'percRealizzatoRrf', re: /^PERCENTUALE TARGET REALIZZATO CON RISORSE RRF SU OBIETTIVO REGIONALE$/i, label: '% target realizzato con risorse RRF su obiettivo regionale' },
  ];
  const colA = matchColumns(ctx, hA.n, trimmed(hA), specA);
  const rowsA = labelledRows(ctx, hA, specA.length, 'T12a', hA.cells[0]);
  const titleA = 'Obiettivo regionale e target realizzato';
  const objectives = rowsA.map(({ l, cells }) => {
    const int = (k: string, label: string) => readValue(cells[colA[k]], 'integer', ctx.file, l, label);
    const pc = (k: string, label: string) => readValue(cells[colA[k]], 'percent', ctx.file, l, label);
    const r = {
      id: `obiettivo-${slugify(cells[colA.regione])}`,
      tipo: 'obiettivo' as const,
      regione: cells[colA.regione],
      obiettivo: int('obiettivo', specA[1].label),
      realizzato: int('realizzato', specA[2].label),
      realizzatoRrf: int('realizzatoRrf', specA[3].label),
      percRealizzato: pc('percRealizzato', specA[4].label),
      percRealizzatoRrf: pc('percRealizzatoRrf', specA[5].label),
      measure: measureId(hA.n),
      provenance: prov(ctx, [l.n, l.n], 'T12a', titleA),
    };
    const ratio = (a: Value, b: Value) => (a.value !== null && b.value ? (a.value / b.value) * 100 : null);
    checks.push(check({ id: `T12a-perc-realizzato-${slugify(r.regione)}`, table: 'T12a', description: 'La % di target realizzato è il rapporto tra target realizzato e obiettivo regionale.', stated: r.percRealizzato.value, computed: ratio(r.realizzato, r.obiettivo), tolerance: 0.5, lines: [l.n] }));
    checks.push(check({ id: `T12a-perc-rrf-${slugify(r.regione)}`, table: 'T12a', description: 'La % di target realizzato con risorse RRF è il rapporto tra target RRF e obiettivo regionale.', stated: r.percRealizzatoRrf.value, computed: ratio(r.realizzatoRrf, r.obiettivo), tolerance: 0.5, lines: [l.n] }));
    return r;
  });
  records.push(...objectives);
  ctx.structural(hA.n, 'T12a intestazione');
  rowsA.forEach((r) => ctx.consume(r.l.n, 'T12a'));
  take('T12a', titleA, [hA.n, rowsA[rowsA.length - 1].l.n], rowsA.length, hA.n);

  // T12b — key/value totals ("TOTALE BASELINE | 22439").
  const kvFirst = ctx.lines.find((l) => !ctx.claimed(l.n) && trimmed(l).length === 2 && /^TOTALE\b/i.test(l.cells[0]) && isNumeric(l.cells[1]));
  if (!kvFirst) throw missingTable(ctx, 'the duale totals T12b ("TOTALE BASELINE | n", "TOTALE TARGET | n", "TOTALE TARGET con risorse RRF | n")');
  const kv: SeedLine[] = [];
  for (let cur: SeedLine | null = kvFirst; cur && cur.cells[0] !== '' && /^TOTALE\b/i.test(cur.cells[0]) && filledCount(cur) >= 2; cur = nextContent(ctx, cur.n - 1)) kv.push(cur);
  const KV: { key: string; re: RegExp; label: string }[] = [
    { key: 'totaleBaseline', re: /^TOTALE BASELINE$/i, label: 'Totale baseline' },
    { key: 'totaleTarget', re: /^TOTALE TARGET$/i, label: 'Totale target' },
    { key: 'totaleTargetRrf', re: /^TOTALE TARGET con risorse RRF$/i, label: 'Totale target con risorse RRF' },
  ];
  const totals: Record<string, Value> = {};
  for (const l of kv) {
    const cells = rowCells(ctx, l, 2, 'T12b');
    const spec = KV.find((k) => k.re.test(cells[0]));
    if (!spec) throw new SeedError(ctx.file, l.n, `one of ${KV.map((k) => k.label).join(', ')}`, excerpt(cells[0]));
    totals[spec.key] = readValue(cells[1], 'integer', ctx.file, l, spec.label);
  }
  const missingKv = KV.find((k) => !totals[k.key]);
  if (missingKv) throw new SeedError(ctx.file, kv[kv.length - 1].n, `the row "${missingKv.label}" in the duale totals`, 'none');
  const headB = prevContent(ctx, kvFirst.n - 1);
  const titleBLine = headB && filledCount(headB) === 1 && !ctx.claimed(headB.n) && !isStructureHeading(headB.text) ? headB : null;
  const titleB = titleBLine?.text ?? 'Totali target e baseline';
  const firstB = titleBLine?.n ?? kvFirst.n;
  const lastB = kv[kv.length - 1].n;
  records.push({ id: 'totali', tipo: 'totali', ...totals, measure: measureId(kvFirst.n), provenance: prov(ctx, [kvFirst.n, lastB], 'T12b', titleB) });
  ctx.structural(uniq([firstB, ...blanksBetween(ctx, firstB, lastB)]), 'T12b intestazione');
  kv.forEach((l) => ctx.consume(l.n, 'T12b'));
  take('T12b', titleB, [firstB, lastB], kv.length, kvFirst.n);

  // T12c — relevant target by anno formativo, with RRF shares and totals.
  const hC = ctx.lines.find((l) => isRegioneHeader(l, /^RELEVANT TARGET\b/i));
  if (!hC) throw missingTable(ctx, 'the duale relevant-target table T12c (header "REGIONE | RELEVANT TARGET … | TOTALE TARGET …")');
  const namesC = trimmed(hC);
  const rowsC = labelledRows(ctx, hC, namesC.length, 'T12c', hC.cells[0]);
  const titleC = 'Relevant target per anno formativo';
  type Anno = { annoFormativo: string; relevantTarget: Value | null; valorizzatoCoerente: boolean; diCuiRrf: Value | null; conRisorseMiste: Value | null; conSoleRrf: Value | null };
  const targetByYear: Anno[] = [];
  for (const { l, cells } of rowsC) {
    const anni = new Map<string, Anno>();
    const year = (a: string) => {
      let e = anni.get(a);
      if (!e) anni.set(a, (e = { annoFormativo: a, relevantTarget: null, valorizzatoCoerente: false, diCuiRrf: null, conRisorseMiste: null, conSoleRrf: null }));
      return e;
    };
    const tot: Record<string, Value | null> = { totaleTarget: null, totaleTargetRrf: null, quotaRrf: null, totaleConRisorseMiste: null, totaleConSoleRrf: null };
    namesC.forEach((name, i) => {
      if (i === 0) return;
      const a = annoFormativo(name);
      const int = () => readValue(cells[i], 'integer', ctx.file, l, name || `colonna ${i + 1}`);
      if (a && /^RELEVANT TARGET( VALORIZZATO COERENTE)?\s+\d{4}\s*[-/]\s*\d{4}$/i.test(name)) {
        const e = year(a);
        e.relevantTarget = int();
        e.valorizzatoCoerente = /VALORIZZATO COERENTE/i.test(name);
      } else if (a && /^RELEVANT TARGET di cui con risorse RRF\b/i.test(name)) year(a).diCuiRrf = int();
      else if (a && /^RELEVANT TARGET con risorse RRF\/Regionali\/Nazionali\b/i.test(name)) year(a).conRisorseMiste = int();
      else if (a && /^RELEVANT TARGET con SOLE risorse RRF\b/i.test(name)) year(a).conSoleRrf = int();
      else if (/^TOTALE TARGET$/i.test(name)) tot.totaleTarget = int();
      else if (/^TOTALE TARGET DI CUI RRF$/i.test(name)) tot.totaleTargetRrf = int();
      else if (/^TOTALE RELEVANT TARGET con risorse RRF\/Regionali\/Nazionali$/i.test(name)) tot.totaleConRisorseMiste = int();
      else if (/^TOTALE RELEVANT TARGET con SOLE risorse RRF$/i.test(name)) tot.totaleConSoleRrf = int();
      else if (name === '' && /%\s*$/.test(cells[i])) {
        // A column printed without header whose cells are percentages: the RRF share of the total target
        // (checked below against the two totals, so the reading is verified, not assumed).
        tot.quotaRrf = readValue(cells[i], 'percent', ctx.file, l, 'quota RRF sul totale target (intestazione mancante)');
        ctx.repaired({ rule: 'intestazione mancante', raw: '', fixed: 'Quota % del target con risorse RRF sul totale target', reason: 'colonna percentuale senza intestazione dopo i totali del target', line: hC.n, table: 'T12c' });
      } else {
        throw new SeedError(ctx.file, hC.n, 'a RELEVANT TARGET <anno formativo> or TOTALE … column in the duale target table', name === '' ? `a column without header (cell ${excerpt(cells[i])})` : excerpt(name));
      }
    });
    for (const k of ['totaleTarget', 'totaleTargetRrf'] as const) {
      if (!tot[k]) throw new SeedError(ctx.file, hC.n, `a ${k === 'totaleTarget' ? 'TOTALE TARGET' : 'TOTALE TARGET DI CUI RRF'} column in the duale target table`, 'none');
    }
    const anniList = [...anni.values()].sort((a, b) => a.annoFormativo.localeCompare(b.annoFormativo));
    targetByYear.push(...anniList);
    const regione = cells[0];
    records.push({ id: `target-per-anno-${slugify(regione)}`, tipo: 'target-per-anno', regione, anni: anniList, ...tot, measure: measureId(hC.n), provenance: prov(ctx, [l.n, l.n], 'T12c', titleC) });

    const sum = (vs: (Value | null)[]) => vs.reduce((s, v) => s + (v?.value ?? 0), 0);
    const present = (vs: (Value | null)[]) => vs.filter((v): v is Value => v !== null && v.status === 'valido');
    const add = (id: string, description: string, stated: Value | null, parts: (Value | null)[]) => {
      if (!stated || stated.value === null || present(parts).length === 0) return;
      checks.push(check({ id: `T12c-${id}-${slugify(regione)}`, table: 'T12c', description, stated: stated.value, computed: sum(parts), tolerance: 0, lines: [l.n] }));
    };
    add('totale-target', 'Il totale target è la somma dei relevant target per anno formativo.', tot.totaleTarget, anniList.map((a) => a.relevantTarget));
    add('totale-rrf', 'Il totale target di cui RRF è la somma dei target con risorse RRF per anno.', tot.totaleTargetRrf, anniList.map((a) => a.diCuiRrf));
    add('totale-miste', 'Il totale con risorse RRF/regionali/nazionali è la somma dei valori per anno.', tot.totaleConRisorseMiste, anniList.map((a) => a.conRisorseMiste));
    add('totale-sole-rrf', 'Il totale con sole risorse RRF è la somma dei valori per anno.', tot.totaleConSoleRrf, anniList.map((a) => a.conSoleRrf));
    for (const a of anniList) {
      if (a.diCuiRrf && (a.conRisorseMiste || a.conSoleRrf)) {
        add(`rrf-${slugify(a.annoFormativo)}`, `Il target ${a.annoFormativo} di cui RRF è la somma della parte con risorse miste e di quella con sole risorse RRF.`, a.diCuiRrf, [a.conRisorseMiste, a.conSoleRrf]);
      }
    }
    if (tot.quotaRrf && tot.totaleTarget?.value && tot.totaleTargetRrf?.value !== null && tot.totaleTargetRrf) {
      checks.push(check({ id: `T12c-quota-rrf-${slugify(regione)}`, table: 'T12c', description: 'La colonna senza intestazione è la quota del target con risorse RRF sul totale target.', stated: tot.quotaRrf.value, computed: (tot.totaleTargetRrf.value! / tot.totaleTarget.value) * 100, tolerance: 0.5, lines: [l.n] }));
    }
    // Cross-grid identities: the totals grid and the objective grid print the same totals.
    const tb = totals.totaleTarget;
    if (tb.value !== null && tot.totaleTarget!.value !== null) checks.push(check({ id: `T12b-totale-target-${slugify(regione)}`, table: 'T12b', description: 'Il totale target dei totali coincide con quello della tabella per anno formativo.', stated: tb.value, computed: tot.totaleTarget!.value, tolerance: 0, lines: [kvFirst.n, l.n] }));
    const tr = totals.totaleTargetRrf;
    if (tr.value !== null && tot.totaleTargetRrf!.value !== null) checks.push(check({ id: `T12b-totale-rrf-${slugify(regione)}`, table: 'T12b', description: 'Il totale target con risorse RRF dei totali coincide con quello della tabella per anno formativo.', stated: tr.value, computed: tot.totaleTargetRrf!.value, tolerance: 0, lines: [kvFirst.n, l.n] }));
    const obj = objectives.find((o) => o.regione === regione);
    if (obj && obj.realizzato.value !== null && tot.totaleTarget!.value !== null) checks.push(check({ id: `T12a-realizzato-${slugify(regione)}`, table: 'T12a', description: 'Il totale target realizzato coincide con il totale target per anno formativo.', stated: obj.realizzato.value, computed: tot.totaleTarget!.value, tolerance: 0, lines: [obj.provenance.lines[0], l.n] }));
    if (obj && obj.realizzatoRrf.value !== null && tot.totaleTargetRrf!.value !== null) checks.push(check({ id: `T12a-realizzato-rrf-${slugify(regione)}`, table: 'T12a', description: 'Il target realizzato con risorse RRF coincide con il totale di cui RRF per anno formativo.', stated: obj.realizzatoRrf.value, computed: tot.totaleTargetRrf!.value, tolerance: 0, lines: [obj.provenance.lines[0], l.n] }));
  }
  ctx.structural(hC.n, 'T12c intestazione');
  rowsC.forEach((r) => ctx.consume(r.l.n, 'T12c'));
  take('T12c', titleC, [hC.n, rowsC[rowsC.length - 1].l.n], rowsC.length, hC.n);

  // T12d — relevant baseline by anno formativo.
  const hD = ctx.lines.find((l) => isRegioneHeader(l, /^RELEVANT BASELINE\b/i));
  if (!hD) throw missingTable(ctx, 'the duale baseline table T12d (header "REGIONE | RELEVANT BASELINE … | TOTALE BASELINE")');
  const namesD = trimmed(hD);
  namesD.forEach((n, i) => {
    if (i > 0 && !(/^RELEVANT BASELINE\s+\d{4}\s*[-/]\s*\d{4}$/i.test(n) || /^TOTALE BASELINE$/i.test(n))) {
      throw new SeedError(ctx.file, hD.n, 'REGIONE | RELEVANT BASELINE <anno formativo> … | TOTALE BASELINE', excerpt(n || '(colonna senza intestazione)'));
    }
  });
  const totD = namesD.findIndex((n) => /^TOTALE BASELINE$/i.test(n));
  if (totD < 0) throw new SeedError(ctx.file, hD.n, 'a TOTALE BASELINE column', excerpt(hD.text));
  const rowsD = labelledRows(ctx, hD, namesD.length, 'T12d', hD.cells[0]);
  const titleD = 'Relevant baseline per anno formativo';
  const baselineByYear: { annoFormativo: string; baseline: Value }[] = [];
  for (const { l, cells } of rowsD) {
    const anni = namesD
      .map((n, i) => ({ n, i }))
      .filter(({ n, i }) => i > 0 && i !== totD && annoFormativo(n))
      .map(({ n, i }) => ({ annoFormativo: annoFormativo(n)!, baseline: readValue(cells[i], 'integer', ctx.file, l, n) }));
    baselineByYear.push(...anni);
    const totaleBaseline = readValue(cells[totD], 'integer', ctx.file, l, 'Totale baseline');
    const regione = cells[0];
    records.push({ id: `baseline-per-anno-${slugify(regione)}`, tipo: 'baseline-per-anno', regione, anni, totaleBaseline, measure: measureId(hD.n), provenance: prov(ctx, [l.n, l.n], 'T12d', titleD) });
    if (totaleBaseline.value !== null) {
      checks.push(check({ id: `T12d-totale-${slugify(regione)}`, table: 'T12d', description: 'Il totale baseline è la somma delle baseline per anno formativo.', stated: totaleBaseline.value, computed: anni.reduce((s, a) => s + (a.baseline.value ?? 0), 0), tolerance: 0, lines: [l.n] }));
      if (totals.totaleBaseline.value !== null) checks.push(check({ id: `T12b-totale-baseline-${slugify(regione)}`, table: 'T12b', description: 'Il totale baseline dei totali coincide con quello della tabella per anno formativo.', stated: totals.totaleBaseline.value, computed: totaleBaseline.value, tolerance: 0, lines: [kvFirst.n, l.n] }));
    }
  }
  ctx.structural(hD.n, 'T12d intestazione');
  rowsD.forEach((r) => ctx.consume(r.l.n, 'T12d'));
  take('T12d', titleD, [hD.n, rowsD[rowsD.length - 1].l.n], rowsD.length, hD.n);

  // T12e/T12f — series by anno formativo (the charts they fed were lost; their captions follow the grid).
  const serieHeaders = ctx.lines.filter((l) => !ctx.claimed(l.n) && l.cells[0] === '' && trimmed(l).length >= 2 && trimmed(l).slice(1).every((c) => /^ANNO FORMATIVO\s+\d{4}\s*[-/]\s*\d{4}$/i.test(c)));
  for (const h of serieHeaders) {
    const names = trimmed(h);
    const rows = labelledRows(ctx, h, names.length, 'T12e/f', h.cells[0]);
    const isBaseline = rows.some((r) => /BASELINE/i.test(r.cells[0]));
    const TABLE = isBaseline ? 'T12f' : 'T12e';
    const after = nextContent(ctx, rows[rows.length - 1].l.n - 1);
    const chart = after && filledCount(after) === 1 && !ctx.claimed(after.n) && /^AVANZAMENTO\b/i.test(after.text) && !isStructureHeading(after.text) ? after : null;
    const title = chart?.text ?? (isBaseline ? 'Serie baseline' : 'Serie target');
    const last = chart?.n ?? rows[rows.length - 1].l.n;
    for (const { l, cells } of rows) {
      records.push({
        id: `serie-${slugify(cells[0])}`,
        tipo: 'serie',
        grandezza: isBaseline ? 'baseline' : 'target',
        etichetta: cells[0],
        grafico: chart?.text ?? null,
        valori: names.slice(1).map((n, i) => ({ annoFormativo: annoFormativo(n)!, valore: readValue(cells[i + 1], 'integer', ctx.file, l, n) })),
        measure: measureId(h.n),
        provenance: prov(ctx, [l.n, l.n], TABLE, title),
      });
      ctx.consume(l.n, TABLE);
    }
    ctx.structural(uniq([h.n, ...(chart ? [chart.n] : []), ...blanksBetween(ctx, h.n, last)]), `${TABLE} intestazione`);
    take(TABLE, title, [h.n, last], rows.length, h.n);
  }
  for (const id of ['T12e', 'T12f']) if (!tables.some((t) => t.id === id)) throw missingTable(ctx, `the duale series grid ${id} (header "| ANNO FORMATIVO …")`);

  // The cumulative series equal the running sums of the per-year grids.
  const serie = records.filter((r) => r.tipo === 'serie') as { etichetta: string; valori: { annoFormativo: string; valore: Value }[]; provenance: { lines: [number, number] } }[];
  const cumulative = (label: RegExp, perYear: Map<string, number>, id: string, description: string) => {
    const s = serie.find((x) => label.test(x.etichetta));
    if (!s) return;
    let run = 0;
    for (const v of s.valori) {
      run += perYear.get(v.annoFormativo) ?? 0;
      if (v.valore.value === null) continue;
      checks.push(check({ id: `${id}-${slugify(v.annoFormativo)}`, table: /baseline/i.test(id) ? 'T12f' : 'T12e', description, stated: v.valore.value, computed: run, tolerance: 0, lines: [s.provenance.lines[0]] }));
    }
  };
  const byYear = (xs: { annoFormativo: string; v: Value | null }[]) => new Map(xs.filter((x) => x.v?.value != null).map((x) => [x.annoFormativo, x.v!.value!]));
  cumulative(/^TARGET$/i, byYear(targetByYear.map((a) => ({ annoFormativo: a.annoFormativo, v: a.relevantTarget }))), 'T12e-target-cumulato', 'Il target cumulato per anno formativo è la somma progressiva dei relevant target.');
  cumulative(/^TARGET CON RISORSE RRF$/i, byYear(targetByYear.map((a) => ({ annoFormativo: a.annoFormativo, v: a.diCuiRrf }))), 'T12e-target-rrf-cumulato', 'Il target con risorse RRF cumulato è la somma progressiva del target di cui RRF (0 negli anni senza colonna RRF).');
  cumulative(/^BASELINE$/i, byYear(baselineByYear.map((a) => ({ annoFormativo: a.annoFormativo, v: a.baseline }))), 'T12f-baseline-cumulata', 'La baseline cumulata per anno formativo è la somma progressiva delle baseline.');
  const objSerie = serie.find((x) => /^OBIETTIVO TARGET/i.test(x.etichetta));
  if (objSerie && objectives.length === 1 && objectives[0].obiettivo.value !== null) {
    for (const v of objSerie.valori) {
      if (v.valore.value !== null) checks.push(check({ id: `T12e-obiettivo-${slugify(v.annoFormativo)}`, table: 'T12e', description: "La serie dell'obiettivo riporta l'obiettivo programmato regionale.", stated: v.valore.value, computed: objectives[0].obiettivo.value, tolerance: 0, lines: [objSerie.provenance.lines[0]] }));
    }
  }
  // The "AVANZAMENTO FISICO TARGET PNRR E BASELINE" heading sits between T12a and T12b; both are ours.
  return { tables, collections: { dualeTargets: records }, checks };
}
