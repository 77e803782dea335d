/**
 * The programme family: GOL (T01–T03), acts grids (T04, T13, T23), sistema duale (T10–T12) and
 * lavoro sommerso inspections (T14), plus the identities that link these tables to each other
 * (T03 vs T01, T11 vs T10). Each table parser finds its own grid by structure.
 */
import type { Check, FamilyResult, ParseCtx } from '../lib/types.ts';
import type { Value } from '../lib/values.ts';
import { parseActs } from './acts.ts';
import { parseDualeAvvisi, parseDualeFinance, parseDualeTargets } from './duale.ts';
import { parseGolAvvisi, parseGolFinance, parseGolTargets } from './gol.ts';
import { scanHeadings, type DocumentStructure } from './measure-headings.ts';
import { check, euro, round2 } from './programmes-lib.ts';
import { parseIspezioni } from './sommerso.ts';

interface AvvisoLike {
  id: string;
  avviso: string;
  provenance: { lines: [number, number] };
}

/**
 * Parse every programme table and reconcile the totals that span two of them. `structure` is the
 * document's headings (the pipeline reads them once for this family and the measures).
 */
export function parseProgrammes(ctx: ParseCtx, structure: DocumentStructure = scanHeadings(ctx)): FamilyResult {
  const parts = [
    parseGolAvvisi(ctx, structure),
    parseGolTargets(ctx, structure),
    parseGolFinance(ctx, structure),
    parseActs(ctx, structure),
    parseDualeAvvisi(ctx, structure),
    parseDualeFinance(ctx, structure),
    parseDualeTargets(ctx, structure),
    parseIspezioni(ctx, structure),
  ];
  const collections: Record<string, object[]> = {};
  for (const p of parts) for (const [k, v] of Object.entries(p.collections)) (collections[k] ??= []).push(...v);
  const checks = [...parts.flatMap((p) => p.checks), ...programmeChecks(collections)];
  return { tables: parts.flatMap((p) => p.tables), collections, checks };
}

/** Subsets of items whose amounts add up to `target` (cents), smallest first; used to explain a gap. */
function subsetSumming<T>(items: { item: T; amount: number }[], target: number): T[] | null {
  if (items.length > 16) return null;
  const goal = Math.round(target * 100);
  let best: T[] | null = null;
  for (let mask = 1; mask < 1 << items.length; mask++) {
    let s = 0;
    const pick: T[] = [];
    items.forEach((it, i) => {
      if (mask & (1 << i)) {
        s += Math.round(it.amount * 100);
        pick.push(it.item);
      }
    });
    if (s === goal && (!best || pick.length < best.length)) best = pick;
  }
  return best;
}

/** Identities between programme tables: §5 rows 1 and 19–21 of the inventory. */
export function programmeChecks(c: Record<string, object[]>): Check[] {
  const checks: Check[] = [];
  const golAvvisi = (c.golAvvisi ?? []) as (AvvisoLike & { dotazionePnrr: Value; diCui: boolean })[];
  const golFin = (c.golFinance ?? [])[0] as { programmatoDaAvvisi: Value; provenance: { lines: [number, number] } } | undefined;
  if (golFin && golFin.programmatoDaAvvisi.value !== null && golAvvisi.length) {
    // A "di cui" allocation is part of another avviso: adding it would count it twice.
    const own = golAvvisi.filter((a) => !a.diCui && a.dotazionePnrr.value !== null);
    checks.push(
      check({
        id: 'T03-programmato-da-avvisi',
        table: 'T03',
        description: 'Il programmato da avvisi GOL è la somma delle dotazioni PNRR degli avvisi (esclusi gli importi «di cui»).',
        stated: golFin.programmatoDaAvvisi.value,
        computed: round2(own.reduce((s, a) => s + a.dotazionePnrr.value!, 0)),
        tolerance: 0.005,
        lines: [golFin.provenance.lines[0], ...own.map((a) => a.provenance.lines[0])],
      }),
    );
  }

  const duale = (c.dualeAvvisi ?? []) as (AvvisoLike & { dotazione: Value; dotazionePnrr: Value })[];
  const fin = (c.dualeFinance ?? [])[0] as
    | { totaleProgrammatoAvvisi: Value; risorsePnrrABando: Value; riparto: { decreto: string; sommeAssegnate: Value }[]; provenance: { lines: [number, number] } }
    | undefined;
  if (fin && duale.length) {
    const finLine = fin.provenance.lines[1];
    const lines = [finLine, ...duale.map((a) => a.provenance.lines[0])];
    if (fin.totaleProgrammatoAvvisi.value !== null) {
      checks.push(
        check({
          id: 'T11-totale-programmato',
          table: 'T11',
          description: 'Il totale delle risorse programmate da avvisi è la somma delle dotazioni degli avvisi del sistema duale.',
          stated: fin.totaleProgrammatoAvvisi.value,
          computed: round2(duale.reduce((s, a) => s + (a.dotazione.value ?? 0), 0)),
          tolerance: 0.005,
          lines,
        }),
      );
    }
    const pnrr = duale.filter((a) => a.dotazionePnrr.value !== null).map((a) => ({ item: a, amount: a.dotazionePnrr.value! }));
    const sumPnrr = round2(pnrr.reduce((s, x) => s + x.amount, 0));
    if (fin.risorsePnrrABando.value !== null) {
      const stated = fin.risorsePnrrABando.value;
      const gap = round2(sumPnrr - stated);
      let note: string | undefined;
      if (Math.abs(gap) > 0.005) {
        const explain = subsetSumming(pnrr, Math.abs(gap));
        note = `Differenza ${euro(gap)}${explain ? ` = quota PNRR di ${explain.map((a) => a.avviso).join(' + ')}` : ''}.`;
      }
      checks.push(
        check({
          id: 'T11-pnrr-a-bando',
          table: 'T11',
          description: 'Le risorse PNRR messe a bando sono la somma delle quote «di cui PNRR» degli avvisi del sistema duale.',
          stated,
          computed: sumPnrr,
          tolerance: 0.005,
          lines,
          note,
        }),
      );
    }
    // Which avvisi a riparto decree funds is not printed; when some avvisi's PNRR shares add up
    // exactly to a decree, the match is recorded (as found, not as a stated identity).
    for (const r of fin.riparto) {
      if (r.sommeAssegnate.value === null) continue;
      const match = subsetSumming(pnrr, r.sommeAssegnate.value);
      if (!match) continue;
      checks.push(
        check({
          id: `T11-riparto-${r.decreto.replace(/\W+/g, '-').toLowerCase()}`,
          table: 'T11',
          description: `Le somme assegnate dal ${r.decreto} corrispondono alla quota PNRR di ${match.map((a) => a.avviso).join(' + ')}.`,
          stated: r.sommeAssegnate.value,
          computed: round2(match.reduce((s, a) => s + a.dotazionePnrr.value!, 0)),
          tolerance: 0.005,
          lines: [finLine, ...match.map((a) => a.provenance.lines[0])],
          note: 'Corrispondenza trovata tra gli importi, non dichiarata dal documento.',
        }),
      );
    }
  }
  return checks;
}
