/** Identities that span table families (each family checks its own tables). */
import type { Check } from './types.ts';

interface V {
  value: number | null;
  status: string;
}

/**
 * Checks between families: the number of CPI in the region stated by the GOL target grid (T02d,
 * collection golTargets) against the "sedi centrali" of each quarterly CPI reading (T07,
 * collection cpiQuarterly). Collections that are missing or shaped differently are skipped.
 */
export function crossChecks(collections: Record<string, object[]>): Check[] {
  const checks: Check[] = [];
  const gol = (collections.golTargets ?? []) as { tipo?: string; cpiTotali?: V; provenance?: { lines: [number, number]; table: string } }[];
  const cpiGrid = gol.find((g) => g.tipo === 'cpi' && g.cpiTotali?.value != null);
  const quarterly = (collections.cpiQuarterly ?? []) as { id?: string; periodo?: string; target?: string; sediCentrali?: V; provenance?: { lines: [number, number]; table: string } }[];
  if (!cpiGrid) return checks;
  for (const q of quarterly) {
    if (q.sediCentrali?.value == null || !q.id) continue;
    checks.push({
      id: `T02d-cpi-totali-vs-${q.id}`,
      table: 'T02d',
      description: `Il numero totale di CPI nella regione coincide con le sedi centrali coinvolte (${q.target ?? ''} ${q.periodo ?? ''}).`.replace(/\s+\)/, ')'),
      stated: cpiGrid.cpiTotali!.value,
      computed: q.sediCentrali.value,
      tolerance: 0,
      ok: cpiGrid.cpiTotali!.value === q.sediCentrali.value,
      lines: [cpiGrid.provenance?.lines[0] ?? 1, q.provenance?.lines[0] ?? 1],
    });
  }
  return checks;
}
