/**
 * Comparisons between provinces: totals of the projects whose implementing entity is based in
 * each province, and the plan funding of its CPI. Entities without a known seat belong to no
 * province; the note says how many.
 */
import { rankedBarsChart, rankedSummary, type RankedRow } from '../charts/ranked.ts';
import { renderChart } from '../charts/render.ts';
import { planFunding, projectTotals, sumCell } from './aggregate.ts';
import { all } from './data.ts';
import { plural } from './format.ts';
import { links } from './links.ts';
import type { Column, Row } from './table.ts';

/** Per-province totals, in the gazetteer's province order. */
export async function provinceTotals() {
  const [provinces, entities, projects, plan] = await Promise.all([all('provinces'), all('entities'), all('projects'), all('cpiPlan')]);
  const byEntity = new Map<string, typeof projects>();
  for (const p of projects) byEntity.set(p.entity, [...(byEntity.get(p.entity) ?? []), p]);
  const rows = provinces.map((pr) => {
    const ps = entities.filter((e) => e.province === pr.id).flatMap((e) => byEntity.get(e.id) ?? []);
    const offices = new Set(pr.cpi);
    return {
      province: pr,
      projects: projectTotals(ps),
      plan: planFunding(plan.filter((r) => r.cpi.some((s) => offices.has(s)) || (r.ambito?.tipo === 'provincia' && r.ambito.provincia === pr.id))),
    };
  });
  const unplaced = entities.filter((e) => !e.province);
  return {
    rows,
    unplacedEntities: unplaced.length,
    unplacedProjects: unplaced.reduce((n, e) => n + e.projects.length, 0),
    provenance: [...projects.map((p) => p.provenance), ...plan.map((r) => r.provenance)],
  };
}

/** The comparison chart (projects' amount by province, one emphasised) with its table and note. */
export async function provinceComparison(highlight?: string) {
  const { rows, unplacedEntities, unplacedProjects, provenance } = await provinceTotals();
  // A province with no project has no amount to rank (not an amount of zero).
  const data: RankedRow[] = rows.map((r) => ({ label: r.province.name, value: r.projects.importo.valid > 0 ? r.projects.importo.sum : null, highlight: r.province.id === highlight }));
  const measure = 'importo dei progetti';
  const columns: Column[] = [
    { key: 'provincia', label: 'Provincia', rowHeader: true },
    { key: 'progetti', label: 'Progetti', kind: 'numero' },
    { key: 'importo', label: 'Importo finanziato', kind: 'euro' },
    { key: 'spese', label: 'Spese realizzate', kind: 'euro' },
    { key: 'quota', label: 'Quota spesa (calcolata)', kind: 'percentuale' },
    { key: 'piano', label: 'Fondi del piano CPI', kind: 'euro' },
  ];
  const tableRows: Row[] = [...rows]
    .sort((a, b) => b.projects.importo.sum - a.projects.importo.sum || a.province.name.localeCompare(b.province.name))
    .map((r) => ({
      highlight: r.province.id === highlight,
      cells: {
        provincia: { text: r.province.name, href: links.provincia(r.province.id) },
        progetti: r.projects.count,
        importo: sumCell(r.projects.importo, 'nessun progetto'),
        spese: sumCell(r.projects.spese, 'nessun progetto'),
        quota: r.projects.quotaSpesa,
        piano: r.plan.totale,
      },
    }));
  return {
    svg: renderChart(rankedBarsChart(data, { ariaLabel: 'Importo dei progetti per provincia', kind: 'euro', measure })),
    summary: rankedSummary(data, { kind: 'euro', measure }),
    provenance,
    table: { caption: 'Progetti e fondi del piano CPI per provincia', columns, rows: tableRows },
    note:
      `Somme calcolate dal sito sui progetti degli enti con sede nota; ` +
      (unplacedEntities
        ? `${plural(unplacedEntities, 'ente', 'enti')} (${plural(unplacedProjects, 'progetto', 'progetti')}) senza sede indicata non ${unplacedEntities === 1 ? 'è attribuito' : 'sono attribuiti'} a nessuna provincia. `
        : '') +
      'I fondi del piano comprendono le attività delle singole sedi e quelle per tutti i CPI della provincia.',
  };
}
