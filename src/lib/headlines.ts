/**
 * The headline figure of every measure (home page, measures index) and the progress-against-
 * target rows of the home chart. Chosen from what the measure's own tables report, in order of
 * preference: progress on a target, regional totals, project amounts, milestones reached.
 */
import type { ProgressRow } from '../charts/progress.ts';
import type { Provenance, Value } from '../schemas/common.ts';
import type { Measure } from '../schemas/measures.ts';
import { projectTotals } from './aggregate.ts';
import { all } from './data.ts';
import { formatEuro, formatNumber, formatPercent, formatValue, plural, ratio } from './format.ts';
import { measuresInOrder } from './measures.ts';

/** A measure's headline: a big figure, one line of context, and where it comes from. */
export interface Headline {
  figure: string;
  detail: string;
  provenance: Provenance[];
}

const v = (x: Value | null | undefined) => (x && x.status === 'valido' ? x.value : null);

/** Headlines by measure id, and the progress rows (measure code in the label) for the home chart. */
export async function measureHeadlines(): Promise<Map<string, Headline>> {
  return (await computeAll()).headlines;
}

/** Rows of the progress-against-target chart: every target whose realised and programmed values are printed. */
export async function progressRows(): Promise<{ rows: (ProgressRow & { measure: string })[]; provenance: Provenance[] }> {
  const { progress } = await computeAll();
  return { rows: progress.map((p) => p.row), provenance: progress.map((p) => p.provenance) };
}

let memo: Promise<{ headlines: Map<string, Headline>; progress: { row: ProgressRow & { measure: string }; provenance: Provenance }[] }> | null = null;

function computeAll() {
  memo ??= compute();
  return memo;
}

async function compute() {
  const [measures, golTargets, quarterly, dualeTargets, ispezioni, crescere, projects] = await Promise.all([
    measuresInOrder(),
    all('golTargets'),
    all('cpiQuarterly'),
    all('dualeTargets'),
    all('ispezioni'),
    all('crescereGreen'),
    all('projects'),
  ]);
  const headlines = new Map<string, Headline>();
  const progress: { row: ProgressRow & { measure: string }; provenance: Provenance }[] = [];
  const inMeasure = (m: Measure, p: Provenance) => m.tables.includes(p.table);

  for (const m of measures) {
    const push = (label: string, realised: number | null, target: number | null, provenance: Provenance) =>
      progress.push({ row: { label, realised, target, measure: m.id }, provenance });

    // GOL-like targets: beneficiaries, trainees, CPI.
    for (const t of golTargets.filter((t) => inMeasure(m, t.provenance))) {
      if (t.tipo === 'beneficiari') push(`${t.target} beneficiari`, v(t.beneficiariConseguiti), v(t.valoreProgrammato), t.provenance);
      if (t.tipo === 'formati') push(`${t.target} formati`, v(t.formati), v(t.valoreProgrammato), t.provenance);
      if (t.tipo === 'cpi') push(`${t.target} CPI con i LEP`, v(t.cpiValorizzabili), v(t.soglia), t.provenance);
    }
    const ben = golTargets.find((t) => inMeasure(m, t.provenance) && t.tipo === 'beneficiari');
    if (ben && ben.tipo === 'beneficiari') {
      headlines.set(m.id, {
        figure: formatValue(ben.percAvanzamento, 'percentuale'),
        detail: ` del target ${ben.target}: ${formatValue(ben.beneficiariConseguiti)} beneficiari su ${formatValue(ben.valoreProgrammato)} programmati`,
        provenance: [ben.provenance],
      });
      continue;
    }

    // CPI plan: latest quarter of each target.
    const q = quarterly.filter((r) => inMeasure(m, r.provenance));
    if (q.length) {
      const latest = [...new Set(q.map((r) => r.target))].map((target) => q.filter((r) => r.target === target).at(-1)!);
      for (const r of latest) push(`${r.target} attività completate (${r.periodo})`, v(r.attivitaCompletate), v(r.attivitaProgrammate), r.provenance);
      const first = latest[0];
      headlines.set(m.id, {
        figure: formatValue(first.percentualeCompletate, 'percentuale'),
        detail: ` delle attività ${first.target} completate (${first.periodo}): ${formatValue(first.attivitaCompletate)} su ${formatValue(first.attivitaProgrammate)}` +
          latest.slice(1).map((r) => `; ${r.target}: ${formatValue(r.percentualeCompletate, 'percentuale')}`).join(''),
        provenance: latest.map((r) => r.provenance),
      });
      continue;
    }

    // Sistema duale: realised against the regional objective.
    const obj = dualeTargets.find((t) => inMeasure(m, t.provenance) && t.tipo === 'obiettivo');
    if (obj && obj.tipo === 'obiettivo') {
      push('Sistema duale: target realizzato', v(obj.realizzato), v(obj.obiettivo), obj.provenance);
      headlines.set(m.id, {
        figure: formatValue(obj.percRealizzato, 'percentuale'),
        detail: ` dell'obiettivo regionale: ${formatValue(obj.realizzato)} su ${formatValue(obj.obiettivo)} (con risorse RRF: ${formatValue(obj.realizzatoRrf)})`,
        provenance: [obj.provenance],
      });
      continue;
    }

    // Inspections: the latest year with both semesters, against the yearly average of the target.
    const isp = ispezioni.filter((r) => inMeasure(m, r.provenance));
    if (isp.length) {
      const full = [...isp].reverse().find((r) => v(r.primoSemestre) !== null && v(r.secondoSemestre) !== null) ?? isp.at(-1)!;
      const target = m.targets.find((t) => t.value !== null && /ispezion/i.test(t.unit ?? ''));
      headlines.set(m.id, {
        figure: formatValue(full.totale),
        detail: ` ispezioni nel ${full.anno}` + (target ? `; il target ${target.code} chiede una media di ${formatNumber(target.value!, 0)} l'anno` : ''),
        provenance: [full.provenance],
      });
      continue;
    }

    // Crescere Green: regional beneficiaries.
    const cg = crescere.find((r) => inMeasure(m, r.provenance));
    if (cg) {
      push('Crescere Green: beneficiari rendicontati', v(cg.beneficiariRendicontati), v(cg.beneficiariProgrammati), cg.provenance);
      const pct = ratio(v(cg.beneficiariRendicontati), v(cg.beneficiariProgrammati));
      headlines.set(m.id, {
        figure: formatValue(cg.beneficiariRendicontati),
        detail: ` beneficiari rendicontati su ${formatValue(cg.beneficiariProgrammati)} programmati${pct !== null ? ` (${formatPercent(pct)})` : ''}; importo ${formatValue(cg.importo, 'euro')}`,
        provenance: [cg.provenance],
      });
      continue;
    }

    // Projects: amount financed and spent.
    const ps = projects.filter((p) => p.measure === m.id);
    if (ps.length) {
      const t = projectTotals(ps);
      headlines.set(m.id, {
        figure: formatEuro(t.importo.sum),
        detail: ` finanziati per ${plural(t.count, 'progetto', 'progetti')}; spesi ${formatEuro(t.spese.sum)}${t.quotaSpesa !== null ? ` (${formatPercent(t.quotaSpesa)})` : ''}`,
        provenance: ps.map((p) => p.provenance),
      });
      continue;
    }

    // Reforms without tables of figures: milestones and targets reached.
    const stated = m.targets.filter((t) => t.achieved !== null);
    const reached = m.targets.filter((t) => t.achieved === true);
    headlines.set(m.id, {
      figure: `${formatNumber(reached.length, 0)} su ${formatNumber(m.targets.length, 0)}`,
      detail:
        ` target e milestone dichiarati raggiunti` +
        (reached.length ? ` (${reached.map((t) => t.code).join(', ')})` : '') +
        (stated.length < m.targets.length ? `; per ${formatNumber(m.targets.length - stated.length, 0)} il documento non lo dice` : ''),
      provenance: [m.provenance],
    });
  }
  // Keep only rows with both sides: the chart compares realised with target.
  return { headlines, progress: progress.filter((p) => p.row.realised !== null && p.row.target !== null) };
}
