/**
 * Records of the CPI family (M5C1 I1.1 "Potenziamento dei Centri per l'Impiego"):
 * the regional plan's activities (T05a–d, T06), the resources per line of intervention,
 * the quarterly progress (T07a/b), the per-CPI progress towards targets M5C1-7 / M5C1-7bis
 * (T08, T09), the offices themselves and the provinces they belong to.
 */
import { z } from 'zod';
import { provenance, slug, value } from './common.ts';

/** Line of intervention of the regional plan, one per "Dettaglio delle attività" grid. */
export const linea = z.enum(['comunicazione', 'formazione', 'osservatorio', 'sistemi-informativi', 'adeguamento']);

/** Whom a plan activity concerns: named CPI, every CPI of a province, every CPI of the region. */
export const ambito = z.discriminatedUnion('tipo', [
  /** The activity names one or more CPI (listed in `cpi`). */
  z.object({ tipo: z.literal('cpi') }),
  /** "Tutti (i) CPI della Provincia di X / della CMM". */
  z.object({
    tipo: z.literal('provincia'),
    /** Province slug (gazetteer name, e.g. `monza-e-della-brianza`, `milano` for the CMM). */
    provincia: slug,
  }),
  /** "Tutti i CPI (di Regione Lombardia)". */
  z.object({ tipo: z.literal('regione') }),
]);

/** One activity row of the plan (T05a–d "Dettaglio delle attività", T06 "Adeguamento strumentale e infrastrutturale"). */
export const cpiPlanRecord = z.object({
  /** `<linea>-<nnn>`: line of intervention and the row's order in its grid. */
  id: slug,
  /** Line of intervention (from the grid's heading). */
  linea,
  /** Column "Attività": the group label, carried over merged cells; null in grids without the column (Comunicazione). */
  attivita: z.string().nullable(),
  /** Seed line where the group label is printed (it can follow the row, after a page break); null without a label. */
  attivitaRiga: z.number().int().positive().nullable(),
  /** Column "Versione piano di riferimento", as printed (after corrections). */
  versionePiano: z.string(),
  /** True for "nuova attività prevista da Piano ex DD 2023": the plan update, funded by native PNRR resources. */
  nuovaAttivita: z.boolean(),
  /** Column "Dettaglio attività"; activities run together in one cell are separated by "; ". Null when blank. */
  dettaglio: z.string().nullable(),
  /** Euro, column "Fonte di finanziamento – Risorse nazionali ex DM 74/2019 e 59/2020". */
  nazionali: value,
  /** Euro, column "Risorse PNRR – Progetti in essere (cfr. 400 mln)". */
  pnrrInEssere: value,
  /** Euro, column "Risorse native PNRR (cfr. 200 mln)". */
  pnrrNative: value,
  /** Column "CPI coinvolti (nome delle sedi)" as printed; null when the cell is blank. */
  cpiCoinvolti: z.string().nullable(),
  /** Slugs of the CPI the row names (collection `cpi`); empty for "Tutti i CPI …" rows and blank cells. */
  cpi: z.array(slug),
  /** Scope of the row as the "CPI coinvolti" cell states it; null when the cell is blank. */
  ambito: ambito.nullable(),
  provenance,
});

/** Resources of one line of intervention: the "Risorse programmate" block and the totals printed in the grid's header. */
export const cpiPlanLineRecord = z.object({
  /** The line of intervention (same as `linea`). */
  id: slug,
  linea,
  /** Heading of the line as printed ("Comunicazione", "Sistemi Informativi", …). */
  titolo: z.string(),
  /** Table id of the grid (T05a–d, T06). */
  tabella: z.string(),
  /** Euro, "Risorse programmate – Piano di potenziamento". */
  pianoPotenziamento: value,
  /** Euro, "Risorse programmate – Aggiornamento Piano" (the 2023 update). */
  aggiornamentoPiano: value,
  /** Euro, "tot: €" printed in the header of the "Risorse nazionali" column. */
  totaleNazionali: value,
  /** Euro, "tot: €" printed in the header of the "Risorse PNRR – Progetti in essere" column. */
  totalePnrrInEssere: value,
  /** Euro, "tot: €" printed in the header of the "Risorse native PNRR" column. */
  totalePnrrNative: value,
  /** Number of activity rows of the grid. */
  attivita: z.number().int().nonnegative(),
  provenance,
});

/** One row of "Avanzamento fisico per trimestre" (T07a M5C1-7, T07b M5C1-7bis): regional totals per period. */
export const cpiQuarterlyRecord = z.object({
  /** `<target>-<periodo>`, e.g. `m5c1-7bis-lug-25`. */
  id: slug,
  /** Target code from the table's heading ("M5C1-7", "M5C1-7bis"). */
  target: z.string(),
  /** Column "Periodo di rilevazione" as printed ("apr-25"). */
  periodo: z.string(),
  /** Year-month (yyyy-mm) read literally from the printed period; null when it cannot be read. */
  periodoIso: z.string().regex(/^\d{4}-\d{2}$/).nullable(),
  /** Count, column "CPI coinvolti". */
  cpiCoinvolti: value,
  /** Count, column "di cui sedi centrali". */
  sediCentrali: value,
  /** Count, column "di cui sedi distaccate". */
  sediDistaccate: value,
  /** Count, column "CPI rendicontabili". */
  cpiRendicontabili: value,
  /** Count, column "CPI rendicontabili sedi centrali". */
  rendicontabiliSediCentrali: value,
  /** Count, column "CPI rendicontabili sedi distaccate". */
  rendicontabiliSediDistaccate: value,
  /** Count, column "n. attività programmate". */
  attivitaProgrammate: value,
  /** Count, column "n. attività completate". */
  attivitaCompletate: value,
  /** Percentage points, column "% attività completate". */
  percentualeCompletate: value,
  /** Count, column "n. attività non completate con avanzamento rilevante". */
  attivitaAvanzamentoRilevante: value,
  /** Percentage points, column "% attività con avanzamento rilevante sulle attività programmate". */
  percentualeAvanzamentoRilevante: value,
  /** Count, column "Totale attività con alert". */
  attivitaAlert: value,
  /** Percentage points, column "% di attività in alert sul totale delle attività programmate". */
  percentualeAlert: value,
  provenance,
});

/** One row of the per-CPI progress tables (T08 target M5C1-7, T09 target M5C1-7bis). */
export const cpiTargetRecord = z.object({
  /** `<target>-<cpi slug>`, with `-2`, `-3` … for a CPI printed again in the same table. */
  id: slug,
  /** Target code from the table's caption ("M5C1-7", "M5C1-7bis"). */
  target: z.string(),
  /** Column "Regione" as printed. */
  regione: z.string(),
  /** Slug of the office (collection `cpi`). */
  cpi: slug,
  /** Column "CPI" as printed (a name split over two rows is joined with a space). */
  nomeStampato: z.string(),
  /** Count, column "N. attività programmate". */
  programmate: value,
  /** Count, column "N. attività completate" (blank = assente, not 0). */
  completate: value,
  /** Percentage points, column "Percentuale di completamento". */
  percentualeCompletamento: value,
  /** Count, column "(N. attività con) avanzamento rilevante". */
  avanzamentoRilevante: value,
  /** Percentage points, column "Percentuale di avanzamento rilevante". */
  percentualeRilevante: value,
  /** Denominator of `percentualeRilevante` as the header states it: activities still in progress (T08) or all programmed ones (T09). */
  baseRilevante: z.enum(['attivita-in-corso', 'attivita-programmate']),
  /** Count, the single alert column (T08, printed "al vertice"); null in tables with alert levels. */
  alert: value.nullable(),
  /** Count, column "alert basso" (T09); null in tables with a single alert column. */
  alertBasso: value.nullable(),
  /** Count, column "alert medio" (T09); null in tables with a single alert column. */
  alertMedio: value.nullable(),
  /** Count, column "alert alto" (T09); null in tables with a single alert column. */
  alertAlto: value.nullable(),
  /** True when the same CPI is printed on more than one row of this table (rows are kept apart, never merged). */
  duplicato: z.boolean(),
  /** Ids of the other rows of the same CPI in this table (empty when not duplicated). */
  duplicatoDi: z.array(slug),
  provenance,
});

/** One Centro per l'Impiego, as named in T06, T08 and T09. */
export const cpiRecord = z.object({
  /** Same as `slug`. */
  id: slug,
  /** Canonical name ("CPI Desenzano del Garda"), from the clean printed form. */
  name: z.string(),
  /** Lowercase ASCII slug of the name without the "CPI " prefix. */
  slug,
  /** Every distinct printed form, with the seed lines where it appears. */
  variants: z.array(z.object({ text: z.string(), lines: z.array(z.number().int().positive()) })),
  /** "sede distaccata" when the name says so ("(distaccata di X)", "sede distaccata"), else "sede centrale". */
  kind: z.enum(['sede centrale', 'sede distaccata']),
  /** Slug of the main office a sede distaccata depends on, when that office is itself listed; else null. */
  parent: slug.nullable(),
  /** The main office named by "(distaccata di X)" / "X - … sede distaccata", as printed, even when it is not listed; else null. */
  parentName: z.string().nullable(),
  /** Province slug (gazetteer), or null when neither the document nor the curated list gives one. */
  province: slug.nullable(),
  /** How the province was found: the T06 group label it sits under, or a curated entry with its reason. */
  provinceSource: z
    .discriminatedUnion('type', [
      z.object({ type: z.literal('documento'), line: z.number().int().positive(), label: z.string() }),
      z.object({ type: z.literal('curato'), reason: z.string() }),
    ])
    .nullable(),
  /** The comune of the office (ISTAT code and name), from the place in the name or a curated entry; null if neither. */
  comune: z
    .object({
      /** ISTAT code (6 digits). */
      istat: z.string().regex(/^\d{6}$/),
      /** Name as in the gazetteer. */
      name: z.string(),
      /** `nome` = found from the place in the office's name; `curato` = seeds/curated/cpi.json. */
      source: z.enum(['nome', 'curato']),
      /** Why the curated entry was needed (only for `curato`). */
      reason: z.string().nullable(),
    })
    .nullable(),
  /** Tables that name the office, with the seed lines. */
  tables: z.array(z.object({ table: z.string(), lines: z.array(z.number().int().positive()) })),
  provenance,
});

/** A province (or the metropolitan city) of the region, with the CPI the document places in it. */
export const provinceRecord = z.object({
  /** Slug of the gazetteer name (`monza-e-della-brianza`). */
  id: slug,
  /** Name as in the gazetteer ("Monza e della Brianza", "Milano"). */
  name: z.string(),
  /** Name as the document writes it in T06 group labels ("Città Metropolitana di Milano"); the gazetteer name if never printed. */
  label: z.string(),
  /** Two-letter sigla (MB). */
  sigla: z.string().regex(/^[A-Z]{2}$/),
  /** ISTAT province code (3 digits). */
  istat: z.string().regex(/^\d{3}$/),
  /** Slugs of the CPI placed in the province, in document order. */
  cpi: z.array(slug),
  provenance,
});

export const cpiSchemas = {
  cpiPlan: cpiPlanRecord,
  cpiPlanLines: cpiPlanLineRecord,
  cpiQuarterly: cpiQuarterlyRecord,
  cpiTargets: cpiTargetRecord,
  cpi: cpiRecord,
  provinces: provinceRecord,
} satisfies Record<string, z.ZodTypeAny>;

export type CpiPlan = z.infer<typeof cpiPlanRecord>;
export type CpiPlanLine = z.infer<typeof cpiPlanLineRecord>;
export type CpiQuarterly = z.infer<typeof cpiQuarterlyRecord>;
export type CpiTarget = z.infer<typeof cpiTargetRecord>;
export type Cpi = z.infer<typeof cpiRecord>;
export type Province = z.infer<typeof provinceRecord>;
export type Linea = z.infer<typeof linea>;
export type Ambito = z.infer<typeof ambito>;
