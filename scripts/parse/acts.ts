/**
 * Acts grids ("Tipologia | Nr | Data emissione [| Oggetto [| Milestone…]]"): the act approving the
 * regional CPI plan (T04), the lavoro sommerso acts with milestones M5C1-8/-9 (T13) and the act of
 * M5C2 Riforma 2.2 with milestone M5C2-3 (T23). One parser for the three layouts; the measure each
 * grid belongs to comes from the headings above it.
 */
import { SeedError, excerpt } from '../lib/errors.ts';
import { slugify } from '../lib/slug.ts';
import type { SeedLine } from '../lib/seed.ts';
import type { FamilyResult, ParseCtx, TableInfo } from '../lib/types.ts';
import { parseItalianDate } from '../lib/values.ts';
import { captionAbove } from './gol.ts';
import { measureAt, scanHeadings, type DocumentStructure } from './measure-headings.ts';
import { blanksBetween, CODE_RE, filledCount, fixText, flattenHeader, missingTable, nextContent, normCode, prevContent, prov, rowCells, trimmed } from './programmes-lib.ts';

/** Table ids of the acts grids, by the measure they belong to (the inventory's naming); others get a derived id. */
const ACTS_TABLE_BY_MEASURE: Record<string, string> = { 'm5c1-i1-1': 'T04', 'm5c1-r1-2': 'T13', 'm5c2-r2-2': 'T23' };

const RE_TIPOLOGIA = /(^|– )Tipologia$/i;

interface Milestone {
  code: string;
  description: string | null;
}

/** The milestone column's header says the milestones were reached ("Milestone/Target raggiunte"). */
const RE_REACHED = /raggiunt[aei]/i;

/** Stable id of an act: type without dots, number, year ("D.M." 32 of 2022 → "dm-32-2022"). */
export function actId(tipologia: string, numero: string, dataIso: string): string {
  return slugify(`${tipologia.replace(/\./g, '')} ${numero} ${dataIso.slice(0, 4)}`);
}

/** Every acts grid of the document, in order. At least one is required. */
export function parseActs(ctx: ParseCtx, structure: DocumentStructure = scanHeadings(ctx)): FamilyResult {
  const headers = ctx.lines.filter((l) => !ctx.claimed(l.n) && RE_TIPOLOGIA.test(l.cells[0] ?? '') && /^(Nr|Numero)\.?$/i.test(l.cells[1] ?? '') && /^Data emissione$/i.test(l.cells[2] ?? ''));
  if (headers.length === 0) throw missingTable(ctx, 'an acts table (header "Tipologia | Nr | Data Emissione …")');
  const tables: TableInfo[] = [];
  const acts: object[] = [];
  for (const h of headers) {
    const res = parseActsGrid(ctx, structure, h);
    tables.push(res.table);
    acts.push(...res.acts);
  }
  return { tables, collections: { acts }, checks: [] };
}

function parseActsGrid(ctx: ParseCtx, structure: DocumentStructure, h: SeedLine) {
  const measure = measureAt(structure, h.n);
  const TABLE = (measure && ACTS_TABLE_BY_MEASURE[measure.id]) ?? `atti-${measure?.id ?? h.n}`;
  // A super-header above ("Atti Normativi relativi alla riforma | … | Milestone/Target raggiunte").
  const above = prevContent(ctx, h.n - 1);
  const superHeader = above && filledCount(above) >= 2 && !ctx.claimed(above.n) ? above : null;
  const levels = superHeader ? [trimmed(superHeader), trimmed(h)] : [trimmed(h)];
  const names = flattenHeader(levels);
  const rest = names.slice(3);
  const bad = () =>
    new SeedError(
      ctx.file,
      h.n,
      'Tipologia | Nr | Data emissione, then optionally Oggetto and a milestone column ("M5C1-8", "Milestone…") or "Numero sequenziale | Descrizione"',
      `${names.length} columns: ${names.join(' | ')}`.slice(0, 300),
    );
  let layout: 'none' | 'oggetto' | 'milestone-col' | 'milestone-pair';
  if (rest.length === 0) layout = 'none';
  else if (!/Oggetto$/i.test(rest[0])) throw bad();
  else if (rest.length === 1) layout = 'oggetto';
  else if (rest.length === 2 && (CODE_RE.test(rest[1]) || /Milestone|Target/i.test(rest[1]))) layout = 'milestone-col';
  else if (rest.length === 3 && /Numero sequenziale$/i.test(rest[1]) && /Descrizione$/i.test(rest[2])) layout = 'milestone-pair';
  else throw bad();

  const caption = superHeader ? null : captionAbove(ctx, h);
  const title = superHeader ? fixText(ctx, superHeader.cells[0], superHeader.n, TABLE) : caption ? fixText(ctx, caption.text, caption.n, TABLE) : 'Atti';
  const first = superHeader?.n ?? caption?.n ?? h.n;
  const width = names.length;
  const msCol = layout === 'milestone-col' ? 4 : layout === 'milestone-pair' ? 4 : -1;
  const descCol = layout === 'milestone-col' ? 4 : layout === 'milestone-pair' ? 5 : -1;
  // A milestone code printed in the header applies to the acts below it, until another code row.
  let current: Milestone | null = null;
  if (layout === 'milestone-col') {
    const m = CODE_RE.exec(fixText(ctx, rest[1], h.n, TABLE));
    if (m) current = { code: normCode(m[0]), description: null };
  }
  const out: { l: SeedLine; tipologia: string; numero: string; data: string; oggetto: string | null; milestone: Milestone | null }[] = [];
  const consumed: number[] = [];
  let last = h.n;
  for (let cur = nextContent(ctx, h.n - 1); cur && !ctx.claimed(cur.n); cur = nextContent(ctx, cur.n - 1)) {
    const filled = cur.cells.map((c, i) => (c !== '' ? i : -1)).filter((i) => i >= 0);
    const onlyMs = msCol >= 0 && filled.length === 1 && filled[0] === msCol;
    if (onlyMs && layout === 'milestone-col' && CODE_RE.test(cur.cells[msCol]) && cur.cells[msCol].replace(CODE_RE, '').trim() === '') {
      // A row holding only a milestone code: it opens a new milestone for the acts below.
      current = { code: normCode(CODE_RE.exec(fixText(ctx, cur.cells[msCol], cur.n, TABLE))![0]), description: null };
    } else if (filled.length === 1 && filled[0] === descCol && descCol >= 0 && current) {
      // An orphan continuation of the milestone description (split by a page break).
      const t = fixText(ctx, cur.cells[descCol], cur.n, TABLE);
      current.description = current.description ? `${current.description} ${t}` : t;
      ctx.repaired({ rule: 'descrizione della milestone ricomposta', raw: cur.cells[descCol].slice(0, 60), fixed: `${current.code}: descrizione continuata`, reason: 'la descrizione prosegue su una riga isolata dopo un salto pagina', line: cur.n, table: TABLE });
    } else if (cur.cells[0] !== '' && filled.length >= 3) {
      const cells = rowCells(ctx, cur, width, TABLE);
      const data = parseItalianDate(cells[2]);
      if (!data || !/^\s*\d{1,2}\/\d{1,2}\/\d{4}\s*$/.test(cells[2])) throw new SeedError(ctx.file, cur.n, 'a date dd/mm/yyyy in "Data emissione"', excerpt(cells[2] || '(vuota)'));
      if (!/^\S.*\d|^\d/.test(cells[1])) throw new SeedError(ctx.file, cur.n, 'an act number in "Nr"', excerpt(cells[1] || '(vuota)'));
      if (layout === 'milestone-pair' && cells[4]) {
        current = { code: normCode(CODE_RE.exec(fixText(ctx, cells[4], cur.n, TABLE))?.[0] ?? cells[4]), description: cells[5] ? fixText(ctx, cells[5], cur.n, TABLE) : null };
        } else if (layout === 'milestone-col' && cells[4]) {
        const t = fixText(ctx, cells[4], cur.n, TABLE);
        if (!current) throw new SeedError(ctx.file, cur.n, 'a milestone code (in the header or on a row of its own) before its description', excerpt(t));
        current.description = current.description ? `${current.description} ${t}` : t;
      }
      out.push({ l: cur, tipologia: cells[0], numero: cells[1], data, oggetto: layout === 'none' ? null : cells[3] ? fixText(ctx, cells[3], cur.n, TABLE) : null, milestone: current });
    } else {
      break;
    }
    consumed.push(cur.n);
    last = cur.n;
  }
  if (out.length === 0) {
    const n = nextContent(ctx, h.n - 1);
    throw new SeedError(ctx.file, n?.n ?? h.n, 'at least one act row (Tipologia | Nr | Data emissione …)', n ? excerpt(n.text) : 'end of file');
  }
  const reached = msCol >= 0 && RE_REACHED.test(names[msCol]);
  const acts = out.map((a) => ({
    id: actId(a.tipologia, a.numero, a.data),
    measure: measure?.id ?? null,
    tipologia: a.tipologia,
    numero: a.numero,
    data: a.data,
    oggetto: a.oggetto,
    milestone: a.milestone ? { code: a.milestone.code, description: a.milestone.description, raggiunta: reached } : null,
    provenance: prov(ctx, [a.l.n, a.l.n], TABLE, title),
  }));
  ctx.structural([...new Set([first, ...(superHeader ? [superHeader.n] : []), h.n, ...blanksBetween(ctx, first, last)])], `${TABLE} intestazione`);
  for (const n of consumed) ctx.consume(n, TABLE);
  const table: TableInfo = { id: TABLE, title, lines: [first, last], rows: out.length, datiAl: null, fonte: null, measure: measure?.code ?? null, collection: 'acts' };
  return { table, acts };
}
