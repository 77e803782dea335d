/**
 * Schemas of the measures (one record per PNRR measure found in the document's headings) and of
 * the document record (title, region, heading structure, text outside any measure).
 */
import { z, type ZodTypeAny } from 'zod';
import { provenance, slug } from './common.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const lineSpan = z.tuple([z.number().int().positive(), z.number().int().positive()]);

/** A paragraph of running text, in document order. */
export const paragraph = z.object({
  /** titolo = subheading, testo = paragraph, elenco = bullet item. */
  kind: z.enum(['titolo', 'testo', 'elenco']),
  /** Text after markup removal and corrections from seeds/corrections.json. */
  text: z.string(),
  /** Text as printed when a correction changed it, else null. */
  raw: z.string().nullable(),
  /** Seed lines [first, last]. */
  lines: lineSpan,
});

/** A figure stated in running text (not in a table). */
export const figure = z.object({
  /** What the number counts, from the words around it (Italian, as printed). */
  label: z.string(),
  /** The number (euro, count or percentage points as `unit` says), or null for a dated statement without a number. */
  value: z.number().nullable(),
  /** "€", "%", or the noun printed after the number ("beneficiari", "CPI"), or null. */
  unit: z.string().nullable(),
  /** "almeno", "circa", "quasi"… when printed before the number, else null. */
  qualifier: z.string().nullable(),
  /** Reference date printed with it ("al 12 maggio 2025"), ISO, or null. */
  date: isoDate.nullable(),
  /** The number as printed, or null. */
  raw: z.string().nullable(),
  /** Line of intervention for "Risorse programmate" blocks ("Comunicazione"), else null. */
  section: z.string().nullable(),
  /** Seed lines [first, last]. */
  lines: lineSpan,
});

/** A target or milestone of a measure, from the text and/or the tables. */
export const measureTarget = z.object({
  /** Code as printed, normalised ("M5C1-7bis", "M7-30"). */
  code: z.string(),
  /** target | milestone when the document says so, else null. */
  kind: z.enum(['target', 'milestone']).nullable(),
  /** Description as printed (continuation lines and bullet items joined). */
  description: z.string().nullable(),
  /** Deadline as printed ("T2-25", "Q1 2024", "31/12/2025"), or null. */
  deadline: z.string().nullable(),
  /** Deadline as ISO date when a calendar date is printed, else null. */
  deadlineDate: isoDate.nullable(),
  /** Quantity to reach (first count in the description, e.g. 500 CPI, 20000 beneficiari), or null. */
  value: z.number().nullable(),
  /** Unit of `value` (noun printed after it), or null. */
  unit: z.string().nullable(),
  /** True when the document says it was reached; null when it does not say. */
  achieved: z.boolean().nullable(),
  /** Progress text printed after the statement ("AVANZAMENTO FISICO DEL TARGET", "Milestone raggiunta: …"), or null. */
  achievement: z.string().nullable(),
  /** Where it is stated: running text, tables, or both. */
  sources: z.array(z.enum(['testo', 'tabella'])),
  /** Table ids stating it (T02a, T13…). */
  tables: z.array(z.string()),
  /** Ids of the acts (collection acts) that the acts grid attaches to it. */
  acts: z.array(slug),
  /** Seed lines [first, last] of its statement and progress. */
  lines: lineSpan,
});

/** A short Italian note on a defect of the document that concerns the measure (wrong heading, wrong region…). */
export const dataQualityNote = z.object({
  /** The note, in Italian. */
  note: z.string(),
  /** Seed line it refers to. */
  line: z.number().int().positive(),
});

/** One PNRR measure (reform, investment or sub-investment) of the document. */
export const measure = z.object({
  /** Slug of the code ("m5c1-r1-1"). */
  id: slug,
  /** Code derived from the headings ("M5C1 R1.1", "M5C2 I1.1.1"). */
  code: z.string(),
  /** Mission number (MISSIONE n or the code's Mn). */
  mission: z.number().int().positive(),
  /** Component number (COMPONENTE n or the code's Cn). */
  component: z.number().int().positive(),
  /** Mission title from its heading, sentence case, or null when not printed. */
  missionTitle: z.string().nullable(),
  /** Component title from its heading, or null when not printed. */
  componentTitle: z.string().nullable(),
  /** riforma | investimento | sub-investimento. */
  kind: z.enum(['riforma', 'investimento', 'sub-investimento']),
  /** Number as printed ("1.1", "10", "1.1.1"). */
  number: z.string(),
  /** Title from the heading, cleaned (sentence case when printed in capitals). */
  title: z.string().min(1),
  /** Title as printed (after markup removal, two-line headings joined). */
  titlePrinted: z.string(),
  /** Labels printed beside the title outside the quotes ("REPowerEU"). */
  tags: z.array(z.string()),
  /** Parent investment of a sub-investment (code, title printed above it or null), else null. */
  parent: z.object({ /** Parent code ("M5C2 I1.1"). */ code: z.string(), /** Parent title, or null when not printed. */ title: z.string().nullable() }).nullable(),
  /** Targets and milestones stated for the measure. */
  targets: z.array(measureTarget),
  /** Ids of its acts (collection acts). */
  acts: z.array(slug),
  /** Ids of the tables (TableInfo ids in report.json) belonging to it. */
  tables: z.array(z.string()),
  /** Running text of the measure, in order. */
  paragraphs: z.array(paragraph),
  /** Figures stated in its running text. */
  figures: z.array(figure),
  /** Defects of the document that concern the measure. */
  dataQualityNotes: z.array(dataQualityNote),
  /** Heading lines of the measure (table "testo"). */
  provenance,
});

/** The document as a whole: one record. */
export const document = z.object({
  /** Always "scheda". */
  id: z.literal('scheda'),
  /** Title block as printed, joined with " – ", or null. */
  title: z.string().nullable(),
  /** Region named in the title (gazetteer spelling), or null. */
  region: z.string().nullable(),
  /** Structural headings in order: missions, components, measures, parent investments. */
  headings: z.array(
    z.object({
      /** Seed line. */
      line: z.number().int().positive(),
      /** Heading text (corrections applied). */
      text: z.string(),
      /** Role in the structure. */
      role: z.enum(['titolo', 'missione', 'componente', 'misura', 'misura-padre']),
      /** Measure id for measure headings, else null. */
      measure: slug.nullable(),
    }),
  ),
  /** Mission components with their titles and measures. */
  components: z.array(
    z.object({
      /** "M5C1". */
      code: z.string(),
      /** Mission number. */
      mission: z.number().int().positive(),
      /** Component number. */
      component: z.number().int().positive(),
      /** Mission title, or null. */
      missionTitle: z.string().nullable(),
      /** Component title, or null. */
      componentTitle: z.string().nullable(),
      /** Measure ids in document order. */
      measures: z.array(slug),
    }),
  ),
  /** All measure ids in document order. */
  measures: z.array(slug),
  /** Text outside any measure (title block, component introductions, general footnotes). */
  paragraphs: z.array(paragraph),
  /** Figures stated in that text. */
  figures: z.array(figure),
  /** Defects of the document outside any single measure. */
  dataQualityNotes: z.array(dataQualityNote),
  /** Title lines. */
  provenance,
});

export const measureSchemas: Record<string, ZodTypeAny> = { measures: measure, document };

export type Measure = z.infer<typeof measure>;
export type MeasureTargetRecord = z.infer<typeof measureTarget>;
export type DocumentRecord = z.infer<typeof document>;
export type Paragraph = z.infer<typeof paragraph>;
export type Figure = z.infer<typeof figure>;
