/**
 * The search vocabulary shared by the pages (what they put in the index) and the /cerca/ script
 * (what it shows): the `tipo` filter values, in the order results are grouped by the filter menu,
 * with their Italian labels. Bundled into the browser script (with the site's one formatter).
 */
import { plural } from '../format.ts';

/** Value of the `tipo` filter of each entity page type (Base.astro writes it on <main>). */
export const TIPI = ['comune', 'CPI', 'ente', 'progetto', 'provincia', 'misura'] as const;
export type Tipo = (typeof TIPI)[number];

/** Label of a result's type, as shown above its title. */
export const TIPO_LABEL: Record<Tipo, string> = {
  comune: 'Comune',
  CPI: "Centro per l'impiego",
  ente: 'Ente attuatore',
  progetto: 'Progetto',
  provincia: 'Provincia',
  misura: 'Misura',
};

/** Label of a type in the filter menu (plural). */
export const TIPO_MENU: Record<Tipo, string> = {
  comune: 'Comuni',
  CPI: "Centri per l'impiego",
  ente: 'Enti attuatori',
  progetto: 'Progetti',
  provincia: 'Province',
  misura: 'Misure',
};

/** The type label of a `tipo` filter value; an unknown value is shown as it is. */
export function tipoLabel(tipo: string | undefined | null): string {
  return tipo && tipo in TIPO_LABEL ? TIPO_LABEL[tipo as Tipo] : (tipo ?? '');
}

/** "1 risultato", "12 risultati" — for the live region. */
export function resultCountText(n: number, query: string): string {
  const count = n === 0 ? 'Nessun risultato' : plural(n, 'risultato', 'risultati');
  return query ? `${count} per «${query}»` : count;
}
