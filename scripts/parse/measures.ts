/**
 * The measures collection and the document record. Runs after every table family: it walks the
 * document's headings (measure codes derived by rule), classifies every line the tables left
 * (headings → structural, running text → prose, text stating figures/targets → consumed), reads the
 * targets and milestones stated in the text with their deadlines, values and progress, the figures
 * stated in the text (D01–D14 of the inventory), and links each measure to its tables and acts.
 */
import { SeedError } from '../lib/errors.ts';
import { measureId } from '../lib/measure-code.ts';
import { isBlank, isSeparator, type SeedLine } from '../lib/seed.ts';
import type { Check, FamilyResult, ParseCtx, TableInfo } from '../lib/types.ts';
import { parseItalianNumber } from '../lib/values.ts';
import { foreignRegions, isBoldLine, markdownLevel, measureAt, scanHeadings, type DocumentStructure, type MeasureSpan } from './measure-headings.ts';
import { check, correctionsIn, filledCount, fixText, nextContent, plainText, prevContent } from './programmes-lib.ts';
import { achievedIn, deadlineIn, extractFigures, labelValues, readStatement, type TextFigure } from './text-figures.ts';

const DOC = 'documento';

/** A target or milestone of a measure, as stated in the text and/or in a table (fields documented in src/schemas/measures.ts, measureTarget). */
export interface MeasureTarget {
  code: string;
  kind: 'target' | 'milestone' | null;
  description: string | null;
  deadline: string | null;
  deadlineDate: string | null;
  value: number | null;
  unit: string | null;
  achieved: boolean | null;
  achievement: string | null;
  sources: ('testo' | 'tabella')[];
  tables: string[];
  acts: string[];
  lines: [number, number];
}

interface Paragraph {
  kind: 'titolo' | 'testo' | 'elenco';
  text: string;
  raw: string | null;
  lines: [number, number];
}

interface Figure extends TextFigure {
  section: string | null;
  lines: [number, number];
}

interface Note {
  note: string;
  line: number;
}

interface Acc {
  paragraphs: Paragraph[];
  figures: Figure[];
  targets: MeasureTarget[];
  notes: Note[];
}

const newAcc = (): Acc => ({ paragraphs: [], figures: [], targets: [], notes: [] });

/** Subheadings inside a measure: markdown headings, or short lines wholly in bold that do not end a sentence. */
function isSubheading(l: SeedLine, text: string): boolean {
  if (/^[-•]\s/.test(text)) return false;
  return markdownLevel(l) !== null || (isBoldLine(l) && text.length <= 100 && !/\.$/.test(text));
}

/** Headings that open the progress part of a target ("AVANZAMENTO FISICO DEL TARGET:", "Stato di avanzamento Milestone:"). */
const isProgressHeading = (t: string) => /\bavanzamento\b/i.test(t) && !/da conseguire/i.test(t);

/**
 * Build the measures and document collections; classify every line left by the table parsers.
 * `st` is the document's headings, when the caller has already read them (they do not depend on
 * what the table parsers consumed).
 */
export function parseMeasures(ctx: ParseCtx, tables: TableInfo[], collections: Record<string, object[]>, st: DocumentStructure = scanHeadings(ctx)): FamilyResult {
  if (st.measures.length === 0) {
    throw new SeedError(ctx.file, 1, 'at least one measure heading (RIFORMA/INVESTIMENTO n, "M5C2 – Investimento …", "M7C1R5 …")', 'none');
  }
  for (const j of st.joins) {
    ctx.repaired({ rule: 'intestazione su due righe', raw: j.raw, fixed: j.fixed, reason: 'il titolo della misura prosegue su una seconda riga in grassetto', line: j.line, table: 'testo' });
  }
  const accs = new Map<string, Acc>([[DOC, newAcc()], ...st.measures.map((m) => [m.id, newAcc()] as [string, Acc])]);
  const inTable = (n: number) => tables.some((t) => n >= t.lines[0] && n <= t.lines[1]);
  const headingLines = new Set(st.headings.flatMap((h) => h.lines));
  const titleLines = new Set(st.titleLines);
  const scopeOf = (n: number) => measureAt(st, n)?.id ?? DOC;
  const claimIf = (n: number, how: 'consume' | 'structural' | 'prose', by: string) => {
    if (ctx.claimed(n)) return;
    if (how === 'consume') ctx.consume(n, by);
    else if (how === 'structural') ctx.structural(n, by);
    else ctx.prose(n, by);
  };

  const handled = risorseProgrammate(ctx, scopeOf, accs, claimIf);

  // The walk over running text, with a small state machine for targets: a statement opens a target,
  // the lines after it describe it, a progress heading or "… raggiunta/conseguita" starts its progress.
  let scope = '';
  let current: MeasureTarget | null = null;
  let mode: 'none' | 'attesa' | 'descrizione' | 'avanzamento' = 'none';
  let footnoteScope: string | null = null;
  const textLines: number[] = [];
  for (const l of ctx.lines) {
    if (isBlank(l) || isSeparator(l) || handled.has(l.n)) continue;
    const sc = scopeOf(l.n);
    if (sc !== scope) {
      scope = sc;
      current = null;
      mode = 'none';
    }
    if (headingLines.has(l.n)) {
      claimIf(l.n, 'structural', 'intestazione');
      continue;
    }
    if (inTable(l.n) || filledCount(l) !== 1) continue;
    const printed = plainText(l.cells.find((c) => c !== '')!);
    const text = fixText(ctx, printed, l.n, 'testo');
    const raw = text !== printed ? printed : null;
    textLines.push(l.n);
    if (titleLines.has(l.n)) {
      accs.get(DOC)!.paragraphs.push({ kind: 'titolo', text, raw, lines: [l.n, l.n] });
      claimIf(l.n, 'prose', DOC);
      continue;
    }
    // A footnote "(*) …" belongs where its mark was used in the text, not where it is printed.
    const target = /^\(\*\)/.test(text) && footnoteScope ? footnoteScope : scope;
    if (!/^\(\*\)/.test(text) && text.includes('(*)')) footnoteScope = scope;
    const acc = accs.get(target)!;
    const statement = readStatement(text.replace(/^[-•]\s*/, ''));
    const figures: Figure[] = [];
    let extracted = false;

    if (statement?.headingOnly || (!statement && isSubheading(l, text))) {
      acc.paragraphs.push({ kind: 'titolo', text, raw, lines: [l.n, l.n] });
      if (statement) {
        current = openTarget(acc, statement.code, statement.kind, l.n);
        mode = 'attesa';
        claimIf(l.n, 'consume', `testo:${target}`);
      } else {
        if (isProgressHeading(text) && current) {
          mode = 'avanzamento';
          const k = /\btarget\b/i.test(text) !== /\bmilestone\b/i.test(text) ? (/\btarget\b/i.test(text) ? 'target' : 'milestone') : null;
          current.kind ??= k;
        } else {
          current = null;
          mode = 'none';
        }
        claimIf(l.n, 'structural', `intestazione:${target}`);
      }
      continue;
    }

    const bullet = /^[-•]\s+/.test(text);
    const body = text.replace(/^[-•]\s+/, '');
    const lv = /^[^:]{2,60}:\s*€?\s*[\d.,]+\s*(€|%)?\s*$/.test(body) ? labelValues(body) : [];
    if (statement) {
      current = openTarget(acc, statement.code, statement.kind, l.n);
      current.description = statement.description;
      current.deadline = statement.deadline;
      const dl = deadlineIn(statement.description ?? '');
      if (!current.deadline && dl) [current.deadline, current.deadlineDate] = [dl.printed, dl.iso];
      setValue(current, statement.description ?? '');
      mode = 'descrizione';
      extracted = true;
    } else if (lv.length) {
      for (const x of lv) figures.push({ label: x.label, value: x.value, unit: x.unit, qualifier: null, date: null, raw: x.raw, section: null, lines: [l.n, l.n] });
    } else if (current && achievedIn(body)) {
      current.achieved = true;
      current.kind ??= achievedIn(body)!.kind;
      current.achievement = current.achievement ? `${current.achievement} ${body}` : body;
      current.lines[1] = l.n;
      mode = 'avanzamento';
      extracted = true;
    } else if (current && mode === 'attesa') {
      current.description = body;
      const dl = deadlineIn(body);
      if (dl) [current.deadline, current.deadlineDate] = [dl.printed, dl.iso];
      setValue(current, body);
      current.lines[1] = l.n;
      mode = 'descrizione';
      extracted = true;
    } else if (current && mode === 'descrizione') {
      current.description = current.description ? `${current.description} ${bullet ? '– ' : ''}${body}` : body;
      current.lines[1] = l.n;
      extracted = true;
    } else if (current && mode === 'avanzamento') {
      current.achievement = current.achievement ? `${current.achievement} ${body}` : body;
      current.lines[1] = l.n;
      extracted = true;
    }
    if (!lv.length) for (const f of extractFigures(body)) figures.push({ ...f, section: null, lines: [l.n, l.n] });
    acc.figures.push(...figures);
    acc.paragraphs.push({ kind: bullet ? 'elenco' : 'testo', text: body, raw, lines: [l.n, l.n] });
    claimIf(l.n, extracted || figures.length ? 'consume' : 'prose', extracted || figures.length ? `testo:${target}` : target);
  }

  // Data-quality notes: corrections and wrong regions in headings, captions and text of each scope.
  const noteLines = [...new Set([...headingLines, ...textLines, ...tables.map((t) => t.lines[0])])].sort((a, b) => a - b);
  for (const n of noteLines) {
    const l = ctx.lines[n - 1];
    if (!l || filledCount(l) !== 1) continue;
    const printed = plainText(l.cells.find((c) => c !== '')!);
    const acc = accs.get(scopeOf(n))!;
    const fixes = correctionsIn(ctx, printed);
    for (const c of fixes) acc.notes.push({ note: `Nel documento «${c.raw}», letto come «${c.fixed}»: ${c.reason}`, line: n });
    for (const r of foreignRegions(printed, st.region)) {
      if (fixes.some((c) => c.raw.includes(r))) continue;
      acc.notes.push({ note: `Il testo nomina la regione «${r}» in una scheda della Regione ${st.region}.`, line: n });
    }
  }
  // Notes on a component's introduction concern every measure of that component.
  for (const intro of st.introSpans) {
    const notes = accs.get(DOC)!.notes.filter((x) => x.line >= intro.span[0] && x.line <= intro.span[1]);
    for (const m of st.measures.filter((m) => `M${m.mission}C${m.component}` === intro.component)) accs.get(m.id)!.notes.push(...notes);
  }

  const checks = textChecks(accs, collections);
  const measures = st.measures.map((m) => measureRecord(ctx, st, m, accs.get(m.id)!, tables, collections));
  const docAcc = accs.get(DOC)!;
  const titleLinesArr = st.titleLines.length ? st.titleLines : [1];
  const document = {
    id: 'scheda',
    title: st.title,
    region: st.region,
    headings: st.headings.map((h) => ({ line: h.line, text: h.text, role: h.role, measure: h.measure })),
    components: st.components.map((c) => ({
      code: c.code,
      mission: c.mission,
      component: c.component,
      missionTitle: c.missionTitle,
      componentTitle: c.componentTitle,
      measures: st.measures.filter((m) => m.mission === c.mission && m.component === c.component).map((m) => m.id),
    })),
    measures: st.measures.map((m) => m.id),
    paragraphs: docAcc.paragraphs,
    figures: docAcc.figures,
    dataQualityNotes: dedupeNotes(docAcc.notes),
    provenance: { file: ctx.file, lines: [titleLinesArr[0], titleLinesArr[titleLinesArr.length - 1]] as [number, number], table: 'testo', tableTitle: st.title ?? '', datiAl: null, fonte: null },
  };
  return { tables: [], collections: { measures, document: [document] }, checks };
}

function openTarget(acc: Acc, code: string, kind: MeasureTarget['kind'], line: number): MeasureTarget {
  const t: MeasureTarget = { code, kind, description: null, deadline: null, deadlineDate: null, value: null, unit: null, achieved: null, achievement: null, sources: ['testo'], tables: [], acts: [], lines: [line, line] };
  acc.targets.push(t);
  return t;
}

/** The target's value: the first figure of its description that counts something (not a %, not a date). */
function setValue(t: MeasureTarget, description: string) {
  const f = extractFigures(description).find((x) => x.value !== null && x.unit !== '%');
  if (f) [t.value, t.unit] = [f.value, f.unit];
}

/**
 * "Risorse programmate" blocks: "Piano di potenziamento: … €" and "Aggiornamento Piano: … €", printed as
 * label and amount on one line, on two lines, or fused into a table's first row. They are text, so they
 * are read wherever they are (inside or outside a table's lines), labelled with the line of intervention.
 */
function risorseProgrammate(
  ctx: ParseCtx,
  scopeOf: (n: number) => string,
  accs: Map<string, Acc>,
  claimIf: (n: number, how: 'consume' | 'structural' | 'prose', by: string) => void,
): Set<number> {
  const handled = new Set<number>();
  const RE = /^(.*?)\s*Risorse programmate:?\s*(.*)$/i;
  for (const l of ctx.lines) {
    if (filledCount(l) !== 1 || handled.has(l.n)) continue;
    const text = plainText(l.cells.find((c) => c !== '')!);
    const m = RE.exec(text);
    if (!m) continue;
    const push = (n: number, label: string, value: number, unit: string | null, raw: string, section: string | null) =>
      accs.get(scopeOf(n))!.figures.push({ label, value, unit, qualifier: null, date: null, raw, section, lines: [n, n] });
    if (m[2]) {
      // Fused into one line: "<sezione> Risorse programmate Piano di potenziamento: … € Aggiornamento Piano: … €".
      const pairs = labelValues(m[2]);
      if (!pairs.length) continue;
      for (const p of pairs) push(l.n, p.label, p.value, p.unit, p.raw, m[1] || null);
      continue; // the line itself belongs to the table it is fused into
    }
    // A block: the section is the heading above; then label/amount lines until something else.
    const above = prevContent(ctx, l.n - 1);
    const section = above && filledCount(above) === 1 && (markdownLevel(above) !== null || isBoldLine(above)) ? plainText(above.text) : null;
    handled.add(l.n);
    claimIf(l.n, 'structural', `intestazione:${scopeOf(l.n)}`);
    let cur = nextContent(ctx, l.n - 1);
    while (cur && filledCount(cur) === 1) {
      const t = plainText(cur.text);
      const lv = labelValues(t);
      if (lv.length && /^[^:]{2,60}:\s*€?\s*[\d.,]+\s*(€|%)?\s*$/.test(t)) {
        for (const p of lv) push(cur.n, p.label, p.value, p.unit, p.raw, section);
        handled.add(cur.n);
        claimIf(cur.n, 'consume', `testo:${scopeOf(cur.n)}`);
        cur = nextContent(ctx, cur.n - 1);
        continue;
      }
      const next = /:$/.test(t) ? nextContent(ctx, cur.n - 1) : null;
      const amount = next && filledCount(next) === 1 ? plainText(next.text) : '';
      const value = amount && /^€?\s*[\d.,]+\s*€?$/.test(amount) ? parseItalianNumber(amount) : null;
      if (next && value !== null) {
        push(next.n, t.replace(/:$/, '').trim(), value, /€/.test(amount) ? '€' : null, amount, section);
        for (const n of [cur.n, next.n]) {
          handled.add(n);
          claimIf(n, 'consume', `testo:${scopeOf(n)}`);
        }
        cur = nextContent(ctx, next.n - 1);
        continue;
      }
      break;
    }
  }
  return handled;
}

/** Checks between text and tables: the average of inspections stated in the text (inventory §5 row 26). */
function textChecks(accs: Map<string, Acc>, collections: Record<string, object[]>): Check[] {
  const checks: Check[] = [];
  const isp = (collections.ispezioni ?? []) as { anno: number; totale: { value: number | null }; provenance: { lines: [number, number] } }[];
  if (!isp.length) return checks;
  for (const acc of accs.values()) {
    for (const p of acc.paragraphs) {
      const years = /\b((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})\b/.exec(p.text);
      if (!years || !/ispezion/i.test(p.text)) continue;
      const f = acc.figures.find((x) => x.lines[0] === p.lines[0] && /\bmedi[oa]\b/i.test(x.label) && x.value !== null);
      if (!f) continue;
      const rows = isp.filter((r) => r.anno >= Number(years[1]) && r.anno <= Number(years[2]));
      const n = Number(years[2]) - Number(years[1]) + 1;
      if (rows.length !== n || rows.some((r) => r.totale.value === null)) continue;
      checks.push(
        check({
          id: `T14-media-${years[1]}-${years[2]}`,
          table: 'T14',
          description: `Il valore medio annuale delle ispezioni ${years[1]}-${years[2]} indicato nel testo è la media dei totali annui della tabella.`,
          stated: f.value,
          computed: rows.reduce((s, r) => s + r.totale.value!, 0) / n,
          tolerance: 0.5,
          lines: [p.lines[0], ...rows.map((r) => r.provenance.lines[0])],
        }),
      );
    }
  }
  return checks;
}

function dedupeNotes(notes: Note[]): Note[] {
  const seen = new Set<string>();
  return notes
    .filter((x) => {
      const k = `${x.line}\u0000${x.note}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => a.line - b.line || a.note.localeCompare(b.note));
}

/** Targets stated by the tables (GOL target grids, acts' milestones) merged with those stated in the text. */
function tableTargets(m: MeasureSpan, collections: Record<string, object[]>): MeasureTarget[] {
  const out: MeasureTarget[] = [];
  for (const g of (collections.golTargets ?? []) as { measure: string | null; target: string | null; titolo: string; provenance: { table: string; lines: [number, number] } }[]) {
    if (g.measure !== m.id || !g.target) continue;
    out.push({ code: g.target, kind: 'target', description: g.titolo, deadline: null, deadlineDate: null, value: null, unit: null, achieved: null, achievement: null, sources: ['tabella'], tables: [g.provenance.table], acts: [], lines: [...g.provenance.lines] });
  }
  for (const a of (collections.acts ?? []) as { id: string; measure: string | null; milestone: { code: string; description: string | null; raggiunta: boolean } | null; provenance: { table: string; lines: [number, number] } }[]) {
    if (a.measure !== m.id || !a.milestone) continue;
    let t = out.find((x) => x.code === a.milestone!.code);
    if (!t) {
      t = { code: a.milestone.code, kind: null, description: a.milestone.description, deadline: null, deadlineDate: null, value: null, unit: null, achieved: a.milestone.raggiunta ? true : null, achievement: null, sources: ['tabella'], tables: [a.provenance.table], acts: [], lines: [...a.provenance.lines] };
      out.push(t);
    }
    t.acts.push(a.id);
    t.lines = [Math.min(t.lines[0], a.provenance.lines[0]), Math.max(t.lines[1], a.provenance.lines[1])];
  }
  return out;
}

function measureRecord(ctx: ParseCtx, st: DocumentStructure, m: MeasureSpan, acc: Acc, tables: TableInfo[], collections: Record<string, object[]>) {
  const inSpan = (n: number) => m.spans.some(([a, b]) => n >= a && n <= b);
  const targets: MeasureTarget[] = [];
  for (const t of [...acc.targets, ...tableTargets(m, collections)]) {
    const same = targets.find((x) => x.code === t.code);
    if (!same) {
      targets.push({ ...t, sources: [...t.sources], tables: [...t.tables], acts: [...t.acts], lines: [...t.lines] });
      continue;
    }
    // The text's statement wins; the table fills what the text leaves out.
    for (const k of ['kind', 'description', 'deadline', 'deadlineDate', 'value', 'unit', 'achieved', 'achievement'] as const) {
      if (same[k] === null) (same as unknown as Record<string, unknown>)[k] = t[k];
    }
    same.sources = [...new Set([...same.sources, ...t.sources])];
    same.tables = [...new Set([...same.tables, ...t.tables])];
    same.acts = [...new Set([...same.acts, ...t.acts])];
    same.lines = [Math.min(same.lines[0], t.lines[0]), Math.max(same.lines[1], t.lines[1])];
  }
  const acts = ((collections.acts ?? []) as { id: string; measure: string | null }[]).filter((a) => a.measure === m.id).map((a) => a.id);
  const tableIds = tables
    .filter((t) => (t.measure ? measureId(t.measure) === m.id : inSpan(t.lines[0])))
    .sort((a, b) => a.lines[0] - b.lines[0])
    .map((t) => t.id)
    .filter((id, i, arr) => arr.indexOf(id) === i);
  const hl = [...m.headingLines].sort((a, b) => a - b);
  return {
    id: m.id,
    code: m.code,
    mission: m.mission,
    component: m.component,
    missionTitle: m.missionTitle ?? st.components.find((c) => c.mission === m.mission)?.missionTitle ?? null,
    componentTitle: m.componentTitle ?? st.components.find((c) => c.mission === m.mission && c.component === m.component)?.componentTitle ?? null,
    kind: m.kind,
    number: m.number,
    title: m.title,
    titlePrinted: m.titlePrinted,
    tags: m.tags,
    parent: m.parent,
    targets,
    acts,
    tables: tableIds,
    paragraphs: acc.paragraphs,
    figures: acc.figures,
    dataQualityNotes: dedupeNotes(acc.notes),
    provenance: { file: ctx.file, lines: [hl[0], hl[hl.length - 1]] as [number, number], table: 'testo', tableTitle: m.titlePrinted, datiAl: null, fonte: null },
  };
}
