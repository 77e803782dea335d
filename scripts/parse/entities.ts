/**
 * Implementing entities (soggetti attuatori / distretti sociali of M5C2, proponenti of Crescere Green):
 * one canonical name per entity, built only from what the document itself prints.
 *
 * Rules, in order (each use recorded as a repair):
 * 1. human corrections (corrections.json) and rows rejoined — already done by the table parsers;
 * 2. spaces inserted inside words: spellings with the same space-free text are one name, and a space
 *    is kept only where every spelling has it ("DELL'OLGIATES E" + "DELL'OLGIA TESE" → "DELL'OLGIATESE");
 * 3. names cut at 40 characters by the Ministry's export are restored when the document prints
 *    exactly one longer name that starts with them.
 * Seats: "COMUNE DI X" is located through the gazetteer; any other entity through
 * seeds/curated/entities.json, where every entry states its reason.
 */
import { createRequire } from 'node:module';
import { z } from 'zod';
import { SeedError } from '../lib/errors.ts';
import { slugify } from '../lib/slug.ts';
import { findComune, findProvince } from '../lib/territory.ts';
import type { ParseCtx, Provenance } from '../lib/types.ts';
import type { ProjectDraft } from './m5c2.ts';

/** Width at which the Ministry's export cuts entity names. */
export const TRUNCATION_WIDTH = 40;

/** Legal form of an entity (the `tipo` field). */
export type EntityTipo = 'comune' | 'comunita-montana' | 'azienda-consortile' | 'consorzio' | 'ente-formazione' | 'altro';

/** An entity as published (validated by `entity` in src/schemas/projects.ts). */
export interface EntityRecord {
  id: string;
  slug: string;
  name: string;
  variants: { text: string; lines: number[] }[];
  tipo: EntityTipo;
  ruoli: ('soggetto-attuatore' | 'proponente')[];
  comune: { istat: string; nome: string; slug: string } | null;
  province: string | null;
  sedeFonte: 'nome' | 'curata' | 'nessuna';
  sedeNota: string;
  ambiguo: boolean;
  nota: string | null;
  measures: string[];
  projects: string[];
  provenance: Provenance;
}

const curatedEntry = z.object({
  name: z.string().min(1),
  comune: z.string().nullable().optional(),
  provincia: z.string().nullable().optional(),
  tipo: z.enum(['comune', 'comunita-montana', 'azienda-consortile', 'consorzio', 'ente-formazione', 'altro']).optional(),
  ambiguo: z.boolean().optional(),
  nota: z.string().optional(),
  reason: z.string().min(1),
});
const curatedFile = z.object({ _doc: z.string().optional(), entities: z.array(curatedEntry) });
/** One entry of seeds/curated/entities.json. */
export type CuratedEntity = z.infer<typeof curatedEntry>;

/** Path of the curated seats, as written in error messages. */
export const CURATED_PATH = 'seeds/curated/entities.json';

/** Validate the curated file's content (already parsed JSON); a bad entry is a located error. */
export function readCuratedEntities(data: unknown): CuratedEntity[] {
  const res = curatedFile.safeParse(data);
  if (!res.success) {
    const issue = res.error.issues[0];
    throw new SeedError(CURATED_PATH, 1, `{name, comune|provincia, reason} entries (${issue.path.join('.')}: ${issue.message})`, 'an invalid entry');
  }
  const seen = new Set<string>();
  for (const e of res.data.entities) {
    if (seen.has(e.name)) throw new SeedError(CURATED_PATH, 1, 'one entry per entity name', `"${e.name}" twice`);
    seen.add(e.name);
  }
  return res.data.entities;
}

let defaultCurated: CuratedEntity[] | null = null;
/** The project's curated seats (seeds/curated/entities.json), loaded once like the gazetteer. */
export function curatedEntities(): CuratedEntity[] {
  if (!defaultCurated) defaultCurated = readCuratedEntities(createRequire(import.meta.url)('../../seeds/curated/entities.json'));
  return defaultCurated;
}

/** Entity type from the name's legal form ("COMUNE DI", "COMUNITA' MONTANA", "CONSORZIO", "AZIENDA …"). */
export function tipoFromName(name: string): EntityTipo {
  const k = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase();
  if (/^COMUNE DI\b/.test(k)) return 'comune';
  if (/^COMUNITA'?\s*MONTANA\b/.test(k)) return 'comunita-montana';
  if (/\bCONSORZIO\b/.test(k)) return 'consorzio';
  if (/\bAZIENDA\b/.test(k)) return 'azienda-consortile';
  return 'altro';
}

/** The place in "COMUNE DI X" (null for any other name). */
export const comuneNameOf = (name: string): string | null => /^COMUNE DI\s+(.+)$/i.exec(name.trim())?.[1] ?? null;

const spaceFree = (s: string) => s.replace(/\s+/g, '').toUpperCase();

/**
 * Rule 2: one spelling per space-free name, keeping only the spaces all spellings share.
 * Returns spelling → repaired spelling for the spellings that change.
 */
export function repairInsertedSpaces(names: string[]): Map<string, string> {
  const groups = new Map<string, Map<string, number>>();
  for (const n of names) {
    const g = groups.get(spaceFree(n)) ?? new Map<string, number>();
    g.set(n, (g.get(n) ?? 0) + 1);
    groups.set(spaceFree(n), g);
  }
  const out = new Map<string, string>();
  for (const g of groups.values()) {
    if (g.size < 2) continue;
    const spellings = [...g.keys()];
    // Space positions counted in characters of the space-free text.
    const positions = spellings.map((s) => {
      const set = new Set<number>();
      let k = 0;
      for (const ch of s) {
        if (/\s/.test(ch)) set.add(k);
        else k++;
      }
      return set;
    });
    const common = [...positions[0]].filter((p) => positions.every((set) => set.has(p)));
    // Letters from the most frequent spelling (ties: the first in document order).
    const model = spellings.reduce((a, b) => (g.get(b)! > g.get(a)! ? b : a)).replace(/\s+/g, '');
    let fixed = '';
    [...model].forEach((ch, k) => {
      if (common.includes(k)) fixed += ' ';
      fixed += ch;
    });
    for (const s of spellings) if (s !== fixed) out.set(s, fixed);
  }
  return out;
}

/** Rule 3: a name exactly TRUNCATION_WIDTH long that starts exactly one longer printed name → that name. */
export function restoreTruncated(names: string[]): Map<string, string> {
  const distinct = [...new Set(names)];
  const out = new Map<string, string>();
  for (const n of distinct) {
    if (n.length !== TRUNCATION_WIDTH) continue;
    const longer = distinct.filter((m) => m.length > n.length && m.startsWith(n));
    if (longer.length === 1) out.set(n, longer[0]);
  }
  return out;
}

/**
 * Canonical entity name of every project row (same order as `drafts`), recording each repair
 * against the row it was applied to.
 */
export function canonicalNames(ctx: ParseCtx, drafts: ProjectDraft[]): string[] {
  const spaces = repairInsertedSpaces(drafts.map((d) => d.nome));
  const afterSpaces = drafts.map((d) => spaces.get(d.nome) ?? d.nome);
  const truncated = restoreTruncated(afterSpaces);
  return drafts.map((d, k) => {
    const line = d.provenance.lines[0];
    let name = afterSpaces[k];
    if (name !== d.nome) {
      ctx.repaired({
        rule: 'spazi-nel-nome',
        raw: d.nome,
        fixed: name,
        reason: "Spazi inseriti dall'estrazione del PDF dentro le parole: le grafie dello stesso nome nel documento non concordano su questi spazi, si tengono solo quelli comuni a tutte.",
        line,
        table: d.table,
      });
    }
    const full = truncated.get(name);
    if (full) {
      ctx.repaired({
        rule: 'nome-troncato',
        raw: name,
        fixed: full,
        reason: `Nome troncato a ${TRUNCATION_WIDTH} caratteri: il documento stampa altrove la forma completa, unica che inizia così.`,
        line,
        table: d.table,
      });
      name = full;
    }
    return name;
  });
}

/**
 * Build the entity records from the project rows and their canonical names. `curated` gives seats
 * (and type overrides, ambiguity notes) for entities whose name does not say where they are.
 */
export function buildEntities(drafts: ProjectDraft[], names: string[], curated: CuratedEntity[]): EntityRecord[] {
  const byName = new Map<string, { rows: ProjectDraft[] }>();
  drafts.forEach((d, k) => {
    const e = byName.get(names[k]) ?? { rows: [] };
    e.rows.push(d);
    byName.set(names[k], e);
  });
  const curatedByName = new Map(curated.map((c) => [c.name, c]));
  const entities: EntityRecord[] = [];
  const slugs = new Map<string, string>();
  for (const [name, { rows }] of byName) {
    const slug = slugify(name);
    const clash = slugs.get(slug);
    if (clash) {
      const first = rows[0].provenance;
      throw new SeedError(first.file, first.lines[0], `distinct URL slugs for distinct entities`, `"${name}" and "${clash}" both give "${slug}"`);
    }
    slugs.set(slug, name);
    const variants = new Map<string, number[]>();
    for (const r of rows) variants.set(r.nomeStampato, [...(variants.get(r.nomeStampato) ?? []), r.provenance.lines[0]]);
    // Only Crescere Green rows carry a regione: their entity is the proponente of the project.
    const proponente = rows.every((r) => r.regione !== null);
    const ruoli: EntityRecord['ruoli'] = [];
    if (rows.some((r) => r.regione === null)) ruoli.push('soggetto-attuatore');
    if (rows.some((r) => r.regione !== null)) ruoli.push('proponente');
    const cur = curatedByName.get(name);
    const seat = seatOf(name, cur);
    // Crescere Green proponents are, by the Avviso, accredited training bodies: the role says what the name does not.
    const fromName = tipoFromName(name);
    const tipo: EntityTipo = cur?.tipo ?? (fromName === 'altro' && proponente ? 'ente-formazione' : fromName);
    entities.push({
      id: slug,
      slug,
      name,
      variants: [...variants].map(([text, lines]) => ({ text, lines })),
      tipo,
      ruoli,
      ...seat,
      ambiguo: cur?.ambiguo ?? false,
      nota: cur?.nota ?? null,
      measures: [...new Set(rows.map((r) => r.measure))].sort(),
      projects: rows.map((r) => r.cup.toLowerCase()).sort(),
      provenance: rows[0].provenance,
    });
  }
  return entities.sort((a, b) => a.id.localeCompare(b.id));
}

/** Where an entity is based: its own name for a comune, otherwise the curated entry, otherwise unknown. */
function seatOf(name: string, cur: CuratedEntity | undefined): Pick<EntityRecord, 'comune' | 'province' | 'sedeFonte' | 'sedeNota'> {
  const place = comuneNameOf(name);
  if (place && !cur?.comune) {
    const c = findComune(place);
    if (c) return { comune: { istat: c.istat, nome: c.nome, slug: c.slug }, province: c.provinciaSlug, sedeFonte: 'nome', sedeNota: `Comune indicato dal nome: ${c.nome} (${c.sigla}).` };
    if (!cur) return { comune: null, province: null, sedeFonte: 'nessuna', sedeNota: `"${place}" non corrisponde a nessun comune lombardo dell'elenco ISTAT.` };
  }
  if (cur) {
    if (cur.comune) {
      const c = findComune(cur.comune);
      if (!c) throw new SeedError(CURATED_PATH, 1, `a comune of Lombardia for "${name}"`, `"${cur.comune}"`);
      return { comune: { istat: c.istat, nome: c.nome, slug: c.slug }, province: c.provinciaSlug, sedeFonte: 'curata', sedeNota: cur.reason };
    }
    if (cur.provincia) {
      const p = findProvince(cur.provincia);
      if (!p) throw new SeedError(CURATED_PATH, 1, `a province of Lombardia for "${name}"`, `"${cur.provincia}"`);
      return { comune: null, province: p.slug, sedeFonte: 'curata', sedeNota: cur.reason };
    }
    return { comune: null, province: null, sedeFonte: 'nessuna', sedeNota: cur.reason };
  }
  return { comune: null, province: null, sedeFonte: 'nessuna', sedeNota: 'sede non indicata nel documento' };
}
