/**
 * The one licence of the data and the site, read from seeds/source.json (through
 * src/lib/edition.ts, which the footer also uses): the catalogue page, the files,
 * datapackage.json and the DCAT catalogue all take it from here, so it is stated in one place.
 */
import { getSource } from '../edition.ts';

/** The licence facts every output needs. */
export interface Licence {
  /** As written in seeds/source.json, e.g. "CC BY 4.0". */
  name: string;
  /** Human-readable deed (Italian), from seeds/source.json. */
  url: string;
  /** Canonical licence URI (the deed without its language suffix), used as the RDF identifier. */
  uri: string;
  /** SPDX identifier, e.g. "CC-BY-4.0" (Frictionless `licenses[].name`). */
  spdx: string;
  /** Version string, e.g. "4.0". */
  version: string | null;
  /** ADMS licence type (DCAT-AP_IT `dct:type` of the licence document). */
  admsType: string;
  /** Issuer of the data, who must be credited. */
  issuer: string;
  /** The attribution line to print next to every download. */
  attribution: string;
}

/**
 * Derive the licence facts from the source metadata (pure; exported for tests).
 * @param source seeds/source.json's `licence`, `licenceUrl` and `issuer`
 */
export function licenceFrom(source: { licence?: string; licenceUrl?: string; issuer?: string }): Licence {
  if (!source.licence || !source.licenceUrl) throw new Error('seeds/source.json: `licence` and `licenceUrl` are required (the licence of the data and the site)');
  const name = source.licence.trim();
  // "https://creativecommons.org/licenses/by/4.0/deed.it" → ".../by/4.0/": the deed is a
  // translation of the licence, the URI without it identifies the licence itself.
  const uri = source.licenceUrl.replace(/deed\.[a-z-]+$/i, '');
  const spdx = name.replace(/\s+/g, '-').toUpperCase();
  const version = /(\d+(?:\.\d+)*)\s*$/.exec(name)?.[1] ?? null;
  // ADMS licence types: CC BY needs attribution; public-domain dedications need none.
  const admsType = /^CC0|public domain/i.test(name) ? 'http://purl.org/adms/licencetype/PublicDomain' : 'http://purl.org/adms/licencetype/Attribution';
  const issuer = source.issuer?.trim() || 'the issuer named in seeds/source.json';
  return {
    name,
    url: source.licenceUrl,
    uri,
    spdx,
    version,
    admsType,
    issuer,
    attribution: `Fonte: ${issuer} (dati rielaborati).`,
  };
}

let cached: Licence | null = null;

/** The project's licence (data and site). */
export function getLicence(): Licence {
  cached ??= licenceFrom(getSource());
  return cached;
}
