/**
 * Record schemas of the programme tables: GOL (T01–T03), acts (T04, T13, T23), sistema duale
 * (T10–T12) and lavoro sommerso inspections (T14). Used by the normaliser and by Astro collections.
 */
import { z, type ZodTypeAny } from 'zod';
import { provenance, slug, value } from './common.ts';

/** Measure id (slug of the measure code, e.g. "m5c1-r1-1"), or null when the table sits outside any measure. */
const measure = slug.nullable();

/** T01 — one GOL avviso. */
export const golAvviso = z.object({
  /** Slug of the avviso name ("avviso-n-1"). */
  id: slug,
  /** Avviso name as printed (column "Avvisi"). */
  avviso: z.string().min(1),
  /** Numbers of the GOL percorsi the avviso funds (columns "Percorsi 1…5" marked "x"). */
  percorsi: z.array(z.number().int().positive()),
  /** PNRR allocation in euro (column "Dotazione PNRR"). */
  dotazionePnrr: value,
  /** True when the allocation is "di cui" another avviso (part of it): never add it to the total. */
  diCui: z.boolean(),
  /** Id of the avviso this allocation is part of, when the note names it ("di cui dell'avviso 1"); else null. */
  diCuiDi: slug.nullable(),
  /** The note printed next to the amount ("di cui dell'avviso 1"), or null. */
  notaDotazione: z.string().nullable(),
  /** Estimated beneficiaries, persons (column "Stima platea – Beneficiari"). */
  beneficiariStimati: value,
  /** Estimated trainees, persons (column "Stima platea – Formati"). */
  formatiStimati: value,
  /** Measure the table belongs to. */
  measure,
  /** Where the row was read; datiAl from "Dati al …" below the grid. */
  provenance,
});

const golTargetBase = {
  /** Slug of the target code ("m5c1-3"), or "distribuzione-per-percorso" for the uncaptioned grid. */
  id: slug,
  /** Target code from the caption ("M5C1-3"), or null when the grid has no caption. */
  target: z.string().nullable(),
  /** What the target measures, from the caption ("beneficiari, di cui fragili"). */
  titolo: z.string(),
  /** Further sentence of the source line below the grid (e.g. who counts as "avviati"), or null. */
  nota: z.string().nullable(),
  /** Measure the grid belongs to. */
  measure,
  /** Where the grid was read; datiAl and fonte from "Dati ricavati dal … (dati al …)". */
  provenance,
};

/** T02a — target M5C1-3: beneficiaries (persons) and shares (percentage points). */
export const golTargetBeneficiari = z.object({
  ...golTargetBase,
  /** Grid kind. */
  tipo: z.literal('beneficiari'),
  /** Regional programmed value, persons ("Valore programmato"). */
  valoreProgrammato: value,
  /** Individuals taken in charge, persons ("Individui presi in carico"). */
  presiInCarico: value,
  /** Beneficiaries reached, persons ("Beneficiari conseguiti"). */
  beneficiariConseguiti: value,
  /** Progress on target, percentage points ("% di avanzamento sul target"). */
  percAvanzamento: value,
  /** Share of vulnerable beneficiaries, percentage points ("% di beneficiari fragili"). */
  percFragili: value,
  /** Share employed of those taken in charge, percentage points. */
  percOccupati: value,
  /** Share who received the LEP of those taken in charge, percentage points. */
  percLep: value,
  /** Share trained of those taken in charge, percentage points ("%formati su individui presi in carico"). */
  percFormati: value,
});

/** T02b — share of beneficiaries by GOL percorso (no caption in the document). */
export const golTargetPercorsi = z.object({
  ...golTargetBase,
  /** Grid kind. */
  tipo: z.literal('percorsi'),
  /** Row label as printed ("% sul totale dei beneficiari"). */
  etichetta: z.string(),
  /** One share per percorso: name from the header, share in percentage points. */
  quote: z.array(z.object({ /** Percorso name (column header, e.g. "Upskilling"). */ percorso: z.string(), /** Share of beneficiaries, percentage points. */ quota: value })),
});

/** T02c — target M5C1-4: trainees, of which digital (persons) and achievement shares (percentage points). */
export const golTargetFormati = z.object({
  ...golTargetBase,
  /** Grid kind. */
  tipo: z.literal('formati'),
  /** Regional programmed value, persons ("Valore programmato"). */
  valoreProgrammato: value,
  /** Programmed value for digital skills, persons ("Valore programmato (digitale)"). */
  valoreProgrammatoDigitale: value,
  /** Started training, internships included, persons ("Avviati a formazione (*)"). */
  avviatiFormazione: value,
  /** Trained, realised value, persons ("Di cui formati"). */
  formati: value,
  /** Trained in digital skills, realised value, persons ("Di cui formati digitali"). */
  formatiDigitali: value,
  /** Realised on programmed, trainees, percentage points. */
  percFormati: value,
  /** Realised on programmed, digital trainees, percentage points. */
  percFormatiDigitali: value,
});

/** T02d — target M5C1-5: share of CPI offering the GOL LEP. */
export const golTargetCpi = z.object({
  ...golTargetBase,
  /** Grid kind. */
  tipo: z.literal('cpi'),
  /** CPI in the region, count ("Numero totale di CPI nella regione"). */
  cpiTotali: value,
  /** Threshold share read from the header ("80% del totale" → 80), percentage points. */
  sogliaPercentuale: z.number(),
  /** Threshold as printed, count of CPI ("80% del totale"; printed rounded up). */
  soglia: value,
  /** CPI counting towards the target, count ("Numero di CPI valorizzabili per il target"). */
  cpiValorizzabili: value,
  /** Progress on target, percentage points ("% di avanzamento sul target"). */
  percAvanzamento: value,
});

/** T02a–d — GOL target grids, discriminated by `tipo`. */
export const golTarget = z.discriminatedUnion('tipo', [golTargetBeneficiari, golTargetPercorsi, golTargetFormati, golTargetCpi]);

/** T03 — GOL financial progress. */
export const golFinance = z.object({
  /** Fixed id of the single record. */
  id: slug,
  /** Resources assigned, euro ("Risorse assegnate"). */
  risorseAssegnate: value,
  /** Disbursed, euro ("Erogato"). */
  erogato: value,
  /** Programmed through avvisi, euro ("Programmato da avvisi (*)"). */
  programmatoDaAvvisi: value,
  /** Total payments recorded in ReGiS, euro ("Pagamenti totali (sistema ReGiS)"). */
  pagamentiTotali: value,
  /** Disbursement tranches (last columns): header text and whether it is marked "x". */
  tranche: z.array(z.object({ /** Tranche as printed in the header. */ descrizione: z.string(), /** True when the cell is "x". */ erogata: z.boolean() })),
  /** Measure the table belongs to. */
  measure,
  /** Where the row was read; datiAl from "Dati al …". */
  provenance,
});

/** T04, T13, T23 — a legal or administrative act. */
export const act = z.object({
  /** Type, number and year ("dm-32-2022"). */
  id: slug,
  /** Measure the act belongs to. */
  measure,
  /** Type as printed ("D.M.", "D.Lgs", "nota prot.", "L"), column "Tipologia". */
  tipologia: z.string().min(1),
  /** Number as printed, column "Nr". */
  numero: z.string().min(1),
  /** Date of issue, ISO yyyy-mm-dd (column "Data emissione"). */
  data: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** Subject, column "Oggetto" (corrected typos), or null when the table has no such column. */
  oggetto: z.string().nullable(),
  /** Milestone/target the act contributes to (code and description from the table), or null. */
  milestone: z
    .object({
      /** Code ("M5C1-8"). */
      code: z.string(),
      /** Description as printed (rejoined when split by a page break), or null. */
      description: z.string().nullable(),
      /** True when the column header says the milestones were reached ("raggiunte"). */
      raggiunta: z.boolean(),
    })
    .nullable(),
  /** Where the row was read. */
  provenance,
});

/** T10 — one avviso of the sistema duale. */
export const dualeAvviso = z.object({
  /** Slug of the avviso name. */
  id: slug,
  /** Avviso name as printed (IeFP spelling corrected), column "Avviso". */
  avviso: z.string().min(1),
  /** Numbers of the percorsi funded (columns "Percorsi 1…7" marked "x"); see dualePercorsi. */
  percorsi: z.array(z.number().int().positive()),
  /** Allocation of the avviso, euro ("Dotazione finanziaria dell'Avviso"). */
  dotazione: value,
  /** PNRR part of the allocation, euro ("di cui PNRR"). */
  dotazionePnrr: value,
  /** Individual paths programmed, count ("Percorsi individuali programmati", first number). */
  percorsiProgrammati: value,
  /** Of which PNRR-funded, count (the "di cui … PNRR" part of the same cell). */
  percorsiProgrammatiPnrr: value,
  /** Measure the table belongs to. */
  measure,
  /** Where the row was read. */
  provenance,
});

/** T10 header — the percorsi of the sistema duale. */
export const dualePercorso = z.object({
  /** "percorso-<n>". */
  id: slug,
  /** Percorso number as printed in the header. */
  numero: z.number().int().positive(),
  /** Description from the header (IeFP spelling corrected). */
  descrizione: z.string(),
  /** Measure the table belongs to. */
  measure,
  /** Header lines of T10. */
  provenance,
});

/** T11 — financial progress of the sistema duale. */
export const dualeFinance = z.object({
  /** Fixed id of the single record. */
  id: slug,
  /** Riparto decrees: decree as printed ("DD n. 54/2022") and amount assigned, euro. */
  riparto: z.array(z.object({ /** Decree as printed. */ decreto: z.string(), /** Amount assigned, euro ("Somme assegnate"). */ sommeAssegnate: value })),
  /** Total assigned, euro ("totale assegnato"). */
  totaleAssegnato: value,
  /** Deadline of the objective column, ISO ("Obiettivi 31.12.2025"), or null. */
  obiettivoScadenza: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  /** Relevant certification objective, persons ("Relevant certification"). */
  relevantCertification: value,
  /** PNRR resources put out to tender, euro, as printed ("Risorse PNRR messe a bando (somma sugli Avvisi)"). */
  risorsePnrrABando: value,
  /** Total programmed by avvisi, euro ("Totale risorse programmate da Avvisi"). */
  totaleProgrammatoAvvisi: value,
  /** Liquidity, euro ("stato liquidità"). */
  statoLiquidita: value,
  /** Total payments from ReGiS, euro ("Pagamenti totali (dati ReGiS)"). */
  pagamentiTotali: value,
  /** Measure the table belongs to. */
  measure,
  /** Where the row was read. */
  provenance,
});

const dualeBase = {
  /** Grid kind and region/series slug. */
  id: slug,
  /** Measure the grid belongs to. */
  measure,
  /** Where the row was read. */
  provenance,
};

/** Anno formativo, "2020/2021". */
const anno = z.string().regex(/^\d{4}\/\d{4}$/);

/** T12a–f — sistema duale targets and baseline, discriminated by `tipo`. */
export const dualeTarget = z.discriminatedUnion('tipo', [
  z.object({
    ...dualeBase,
    /** T12a: regional objective and realised target. */
    tipo: z.literal('obiettivo'),
    /** Region as printed. */
    regione: z.string(),
    /** Regional programmed objective, persons. */
    obiettivo: value,
    /** Total target realised, persons. */
    realizzato: value,
    /** Target realised with RRF resources, persons. */
    realizzatoRrf: value,
    /** Realised on objective, percentage points. */
    percRealizzato: value,
    /** Realised with RRF on objective, percentage points. */
    percRealizzatoRrf: value,
  }),
  z.object({
    ...dualeBase,
    /** T12b: totals printed as label/value rows. */
    tipo: z.literal('totali'),
    /** "TOTALE BASELINE", persons. */
    totaleBaseline: value,
    /** "TOTALE TARGET", persons. */
    totaleTarget: value,
    /** "TOTALE TARGET con risorse RRF", persons. */
    totaleTargetRrf: value,
  }),
  z.object({
    ...dualeBase,
    /** T12c: relevant target by anno formativo. */
    tipo: z.literal('target-per-anno'),
    /** Region as printed. */
    regione: z.string(),
    /** One entry per anno formativo; a field is null when the table has no such column for that year. */
    anni: z.array(
      z.object({
        /** Anno formativo. */
        annoFormativo: anno,
        /** Relevant target, persons. */
        relevantTarget: value.nullable(),
        /** True when the column says "valorizzato coerente". */
        valorizzatoCoerente: z.boolean(),
        /** Of which with RRF resources, persons. */
        diCuiRrf: value.nullable(),
        /** With RRF/regional/national resources, persons. */
        conRisorseMiste: value.nullable(),
        /** With RRF resources only, persons. */
        conSoleRrf: value.nullable(),
      }),
    ),
    /** "TOTALE TARGET", persons. */
    totaleTarget: value.nullable(),
    /** "TOTALE TARGET DI CUI RRF", persons. */
    totaleTargetRrf: value.nullable(),
    /** Unlabelled percentage column: RRF share of the total target, percentage points. */
    quotaRrf: value.nullable(),
    /** Total with RRF/regional/national resources, persons. */
    totaleConRisorseMiste: value.nullable(),
    /** Total with RRF resources only, persons. */
    totaleConSoleRrf: value.nullable(),
  }),
  z.object({
    ...dualeBase,
    /** T12d: relevant baseline by anno formativo. */
    tipo: z.literal('baseline-per-anno'),
    /** Region as printed. */
    regione: z.string(),
    /** Baseline per anno formativo, persons. */
    anni: z.array(z.object({ /** Anno formativo. */ annoFormativo: anno, /** Relevant baseline, persons. */ baseline: value })),
    /** "TOTALE BASELINE", persons. */
    totaleBaseline: value,
  }),
  z.object({
    ...dualeBase,
    /** T12e/T12f: one series by anno formativo (the chart it fed is not in the document). */
    tipo: z.literal('serie'),
    /** Whether the series concerns the target or the baseline. */
    grandezza: z.enum(['target', 'baseline']),
    /** Row label as printed ("TARGET", "OBIETTIVO BASELINE REGIONALE"). */
    etichetta: z.string(),
    /** Caption of the lost chart printed below the grid, or null. */
    grafico: z.string().nullable(),
    /** Values by anno formativo, persons (cumulative for TARGET/BASELINE rows). */
    valori: z.array(z.object({ /** Anno formativo. */ annoFormativo: anno, /** Value, persons. */ valore: value })),
  }),
]);

/** T14 — inspections started in one year. */
export const ispezioni = z.object({
  /** "ispezioni-<anno>". */
  id: slug,
  /** Year (column "Annualità"). */
  anno: z.number().int(),
  /** Inspections in the first half, count ("I semestre"). */
  primoSemestre: value,
  /** Inspections in the second half, count ("II semestre"; assente when not yet printed). */
  secondoSemestre: value,
  /** Printed total, count ("Totale"). */
  totale: value,
  /** Measure the table belongs to. */
  measure,
  /** Where the row was read. */
  provenance,
});

export const programmeSchemas: Record<string, ZodTypeAny> = {
  golAvvisi: golAvviso,
  golTargets: golTarget,
  golFinance,
  acts: act,
  dualeAvvisi: dualeAvviso,
  dualePercorsi: dualePercorso,
  dualeFinance,
  dualeTargets: dualeTarget,
  ispezioni,
};

export type GolAvviso = z.infer<typeof golAvviso>;
export type GolTarget = z.infer<typeof golTarget>;
export type GolFinance = z.infer<typeof golFinance>;
export type Act = z.infer<typeof act>;
export type DualeAvviso = z.infer<typeof dualeAvviso>;
export type DualePercorso = z.infer<typeof dualePercorso>;
export type DualeFinance = z.infer<typeof dualeFinance>;
export type DualeTarget = z.infer<typeof dualeTarget>;
export type Ispezioni = z.infer<typeof ispezioni>;
