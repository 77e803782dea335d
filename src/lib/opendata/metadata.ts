/**
 * Catalogue-level facts shared by datapackage.json, the DCAT-AP_IT catalogue and the JSON-LD of
 * the catalogue page: who holds the rights, who publishes, themes, update frequency, coverage.
 * Dates come from the edition (the document's "dati al"), never from the clock.
 */
import type { Edition } from '../edition.ts';
import { getLicence, type Licence } from './licence.ts';

/** An organisation in DCAT-AP_IT terms (`dcatapit:Agent`: identifier + name). */
export interface Agent {
  /** IPA code for a public administration; a stable project identifier otherwise. */
  id: string;
  name: string;
}

/**
 * The rights holder of the data: the issuer named in seeds/source.json, with its code in the
 * Indice delle Pubbliche Amministrazioni (IPA), which DCAT-AP_IT uses as the agent identifier.
 * The code is looked up by the issuer's name so that a different issuer in source.json cannot
 * silently inherit the Ministry's code.
 */
const IPA_CODES: Record<string, string> = {
  'Ministero del Lavoro e delle Politiche Sociali': 'm_lps',
};

/** The project publishing the catalogue (a civic-tech project, not a public administration: no IPA code). */
export const PUBLISHER: Agent = { id: 'pnrr-lombardia', name: 'PNRR Lombardia – rapporto di trasparenza (progetto civic tech)' };

/** EU data themes (DCAT-AP_IT `dcat:theme`): labour and welfare (SOCI), public spending (ECON). */
export const THEMES = ['SOCI', 'ECON'].map((t) => `http://publications.europa.eu/resource/authority/data-theme/${t}`);
/** The Ministry reissues the scheda when it has new figures, on no fixed schedule. */
export const FREQUENCY = 'http://publications.europa.eu/resource/authority/frequency/IRREG';
/** Italian, from the EU language authority. */
export const LANGUAGE = 'http://publications.europa.eu/resource/authority/language/ITA';
/** Lombardia as a NUTS 2 region (ITC4). */
export const SPATIAL = 'http://data.europa.eu/nuts/code/ITC4';
/** Keywords of every dataset. */
export const KEYWORDS = ['PNRR', 'Lombardia', 'lavoro', 'politiche sociali', 'centri per l’impiego', 'CUP'];

/** Catalogue-level metadata, from the edition and the licence. */
export interface CatalogMeta {
  title: string;
  description: string;
  licence: Licence;
  rightsHolder: Agent;
  publisher: Agent;
  /** Edition date (latest "dati al"), ISO; null when the document states none. */
  modified: string | null;
  /** Coverage of the whole catalogue: earliest and latest "dati al". */
  temporal: { start: string; end: string } | null;
  edition: Edition;
}

/** The rights holder for an issuer name (IPA code when known). */
export function rightsHolderOf(issuer: string | null): Agent {
  const name = issuer ?? 'Ente emittente non indicato';
  return { id: IPA_CODES[name] ?? name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, ''), name };
}

/** Earliest and latest of a list of ISO dates, or null. */
export function span(dates: readonly string[]): { start: string; end: string } | null {
  if (!dates.length) return null;
  const s = [...dates].sort();
  return { start: s[0], end: s[s.length - 1] };
}

/** Catalogue metadata for an edition (pure apart from the licence, read once from seeds/source.json). */
export function catalogMeta(edition: Edition, licence: Licence = getLicence()): CatalogMeta {
  const region = edition.region ?? 'Lombardia';
  return {
    title: `Dati aperti PNRR lavoro e sociale – ${region}`,
    description:
      `Le tabelle del documento «${edition.title ?? 'scheda riepilogativa'}» (${edition.issuer ?? 'ente emittente non indicato'}) ` +
      `rese leggibili dalle macchine: misure, centri per l’impiego, enti, progetti (CUP) e comuni, ogni riga con il file e le righe del documento da cui è letta. ` +
      `Un valore mancante resta vuoto, con il motivo nella colonna «stato_…»: mai uno 0.`,
    licence,
    rightsHolder: rightsHolderOf(edition.issuer),
    publisher: PUBLISHER,
    modified: edition.aggiornamento,
    temporal: span(edition.datiAl),
    edition,
  };
}
