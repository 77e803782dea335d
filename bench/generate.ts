/**
 * Synthetic editions for the scale benchmark: the real normalised collections × N.
 *
 *   tsx bench/generate.ts --factor 100 --out /tmp/x100/content/data [--seed 1] [--from content/data]
 *
 * The real edition is the template (by default normalised in-process from seeds/, or read from
 * --from). For every replica r = 1…N−1 each real entity gets a sibling with a new, plausible
 * name over a real Lombard comune from the gazetteer ("COMUNE DI <comune>", "AZIENDA SPECIALE
 * CONSORTILE <area>"…), and each real project a sibling with a new CUP of the right format,
 * amounts and indicators varied around the original, implemented by the sibling of its entity.
 * So per-entity and per-measure shapes (projects per entity, indicators per table, missing-value
 * statuses) stay those of the real document while counts grow N-fold.
 *
 * Derived collections are rebuilt with the normaliser's own code where it is exported
 * (`buildComuni`, `spendingShare`), the project-table sums as the parser computes them; every
 * record is validated with `collectionSchemas` and every cross-reference is checked before
 * anything is written. Deterministic: seeded PRNG, no clock — same template, factor and seed,
 * same bytes. Files are written record by record, in the normaliser's format (stableStringify).
 */
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildComuni } from '../scripts/parse/index.ts';
import { spendingShare } from '../scripts/parse/projects.ts';
import { normalizeSeed } from '../scripts/lib/pipeline.ts';
import { stableStringify } from '../scripts/lib/json.ts';
import { slugify } from '../scripts/lib/slug.ts';
import { comuniOf, type ComuneRef } from '../scripts/lib/territory.ts';
import { cents } from '../scripts/lib/values.ts';
import { collectionSchemas } from '../src/schemas/index.ts';
import type { Comune, Entity, Project, ProjectTable } from '../src/schemas/projects.ts';
import type { Value } from '../src/schemas/common.ts';
import { readSeedInput } from './lib/seed-input.ts';

/** An edition as the normaliser writes it: the collections plus report.json and edition.json. */
export interface EditionData {
  collections: Record<string, object[]>;
  report: unknown;
  edition: unknown;
}

export interface GenerateOptions {
  /** Total size as a multiple of the template (1 = the template itself). */
  factor: number;
  /** PRNG seed. */
  seed?: number;
}

/** mulberry32: small, fast, good enough to vary synthetic data; deterministic for a seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)];

/** Fisher–Yates with the PRNG. */
function shuffle<T>(rand: () => number, list: T[]): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list;
}

/** "1.234.567,89" with `digits` decimals. */
function italian(n: number, digits: number): string {
  const [int, dec] = n.toFixed(digits).split('.');
  return int.replace(/\B(?=(\d{3})+$)/g, '.') + (dec ? `,${dec}` : '');
}

/**
 * A valid value scaled by `k`, printed like the document prints that kind of cell: euro with two
 * decimals and " €", counts as plain integers, other decimals with one decimal. Markers
 * (non validato, #N/D, blank…) are kept as they are: the mix of statuses is part of the shape.
 */
export function scaleValue(v: Value, k: number): Value {
  if (v.status !== 'valido' || v.value === null) return v;
  if (v.raw.includes('€')) {
    const value = cents(v.value * k);
    return { value, status: 'valido', raw: `${italian(value, 2)} €` };
  }
  if (Number.isInteger(v.value)) {
    const value = Math.max(0, Math.round(v.value * k));
    return { value, status: 'valido', raw: String(value) };
  }
  const value = Math.round(v.value * k * 10) / 10;
  return { value, status: 'valido', raw: italian(value, 1) };
}

const upper = (s: string) => s.toLocaleUpperCase('it-IT');

/** Name patterns by legal form; `{c}` is a comune in capitals. Each must keep its `tipo` under the parser's naming rule. */
const PATTERNS: Record<Exclude<Entity['tipo'], 'comune'>, string[]> = {
  'azienda-consortile': [
    'AZIENDA SPECIALE CONSORTILE DEL DISTRETTO DI {c}',
    "AZIENDA SPECIALE CONSORTILE DELL'AMBITO DI {c}",
    'AZIENDA SPECIALE CONSORTILE SERVIZI ALLA PERSONA {c}',
    'AZIENDA SOCIALE ALTO {c}',
    'AZIENDA SOCIALE BASSO {c}',
  ],
  'comunita-montana': ["COMUNITA' MONTANA VALLE DI {c}", "COMUNITA' MONTANA DEL {c}", "COMUNITA' MONTANA ALTO {c}"],
  consorzio: ['CONSORZIO SERVIZI SOCIALI DI {c}', "CONSORZIO SERVIZI SOCIALI DELL'AREA DI {c}", 'CONSORZIO SOCIALE DEL DISTRETTO DI {c}'],
  'ente-formazione': ['CENTRO DI FORMAZIONE PROFESSIONALE DI {c}', 'AGENZIA FORMATIVA DI {c} S.C.A.R.L.', 'SCUOLA DI FORMAZIONE E LAVORO {c}'],
  altro: ['ASSOCIAZIONE SERVIZI SOCIALI DI {c}', 'FONDAZIONE WELFARE {c}'],
};

const SEDE_NOTA = 'sede generata per il benchmark (edizione sintetica)';

interface Names {
  used: Set<string>;
  /** Comuni with no "COMUNE DI" entity yet, in PRNG order. */
  freeForComune: ComuneRef[];
  all: ComuneRef[];
}

/** A new entity modelled on `e`: same legal form (while comuni last), role, measures and provenance; a new name and seat. */
function siblingEntity(e: Entity, projects: string[], names: Names, rand: () => number): Entity {
  const ref = (c: ComuneRef) => ({ istat: c.istat, nome: c.nome, slug: c.slug });
  let name = '';
  let tipo: Entity['tipo'] = e.tipo;
  let seat: ComuneRef | null = null;
  let sedeFonte: Entity['sedeFonte'] = 'curata';
  if (e.tipo === 'comune' && names.freeForComune.length) {
    seat = names.freeForComune.pop()!;
    name = `COMUNE DI ${upper(seat.nome)}`;
    sedeFonte = 'nome';
  } else {
    // Lombardia has ~1,500 comuni: once each has its "COMUNE DI" entity, further comune-led
    // districts become unions of comuni (tipo "altro", as the naming rule classifies them).
    for (let attempt = 0; attempt < 50 && (!name || names.used.has(slugify(name))); attempt++) {
      seat = pick(rand, names.all);
      if (e.tipo === 'comune') {
        const other = pick(rand, names.all);
        tipo = 'altro';
        name = `UNIONE DEI COMUNI ${upper(seat.nome)} E ${upper(other.nome)}`;
      } else {
        name = pick(rand, PATTERNS[e.tipo]).replace('{c}', upper(seat.nome));
      }
    }
    for (let n = 2; names.used.has(slugify(name)); n++) name = `${name.replace(/ \d+$/, '')} ${n}`;
  }
  const id = slugify(name);
  names.used.add(id);
  // Entities the document gives no seat keep none (the pages' "sede non indicata" path stays exercised).
  const hasSeat = e.comune !== null || e.tipo === 'comune';
  return {
    id,
    slug: id,
    name,
    variants: [{ text: name, lines: [e.provenance.lines[0]] }],
    tipo,
    ruoli: [...e.ruoli],
    comune: hasSeat && seat ? ref(seat) : null,
    // Seated in the comune its name mentions; a template known only by its province keeps that level of detail.
    province: seat && (hasSeat || e.province) ? seat.provinciaSlug : null,
    sedeFonte: hasSeat ? sedeFonte : e.sedeFonte,
    sedeNota: hasSeat ? (sedeFonte === 'nome' ? `Comune indicato dal nome: ${seat!.nome} (${seat!.sigla}).` : SEDE_NOTA) : e.sedeNota,
    ambiguo: false,
    nota: null,
    measures: [...e.measures],
    projects,
    provenance: e.provenance,
  };
}

/** A new CUP like `template`: same first six characters (letter, digits, letter, year), new serial. */
function newCup(template: string, used: Set<string>, rand: () => number): string {
  for (;;) {
    const serial = String(Math.floor(rand() * 1e9)).padStart(9, '0');
    const cup = template.slice(0, 6) + serial;
    if (!used.has(cup)) {
      used.add(cup);
      return cup;
    }
  }
}

function siblingProject(p: Project, entity: Entity, cup: string, rand: () => number): Project {
  const k = 0.5 + rand(); // project size
  const importo = scaleValue(p.importo, k);
  const spese = scaleValue(p.spese, k * (0.85 + 0.3 * rand()));
  const reach = 0.5 + rand();
  return {
    ...p,
    id: cup.toLowerCase(),
    cup,
    entity: entity.id,
    nomeStampato: entity.name,
    importo,
    spese,
    percentualeSpesa: spendingShare(importo, spese),
    indicators: p.indicators.map((i) => {
      const prog = scaleValue(i.programmato, reach);
      return { ...i, programmato: prog, realizzato: scaleValue(i.realizzato, reach * (0.8 + 0.4 * rand())) };
    }),
  };
}

/** Column sum as the parser computes it (scripts/parse/projects.ts). */
function columnSum(values: Value[]) {
  const ok = values.filter((v) => v.status === 'valido' && v.value !== null);
  return { somma: cents(ok.reduce((n, v) => n + v.value!, 0)), righeConValore: ok.length, righeSenzaValore: values.length - ok.length };
}

/** Row counts, sums and missing-value counts of each project table, recomputed over `projects` (same rules as the parser). */
export function recomputeProjectTables(tables: ProjectTable[], projects: Project[]): ProjectTable[] {
  const byTable = new Map<string, Project[]>();
  for (const p of projects) {
    const list = byTable.get(p.table);
    if (list) list.push(p);
    else byTable.set(p.table, [p]);
  }
  return tables.map((t) => {
    const rows = byTable.get(t.table) ?? [];
    const stati = { non_validato: 0, non_valido: 0, nd: 0, assente: 0 };
    for (const p of rows) {
      const vals = [p.importo, ...(p.regione === null ? [p.spese] : []), ...p.indicators.flatMap((i) => [i.programmato, i.realizzato])];
      for (const v of vals) if (v.status !== 'valido') stati[v.status]++;
    }
    return {
      ...t,
      rows: rows.length,
      importo: columnSum(rows.map((r) => r.importo)),
      spese: rows.some((r) => r.regione === null) ? columnSum(rows.map((r) => r.spese)) : null,
      stati,
    };
  });
}

/** The template × `factor`. The template is not modified. */
export function generateEdition(template: EditionData, opts: GenerateOptions): EditionData {
  const factor = Math.floor(opts.factor);
  if (!(factor >= 1)) throw new Error(`generate: factor must be an integer ≥ 1, got ${opts.factor}`);
  const rand = prng(opts.seed ?? 1);
  const c = template.collections;
  const projects = c.projects as Project[];
  const entities = c.entities as Entity[];

  const all = comuniOf();
  const comuneSeats = new Set(entities.filter((e) => e.tipo === 'comune' && e.comune).map((e) => e.comune!.istat));
  const names: Names = {
    used: new Set(entities.map((e) => e.id)),
    freeForComune: shuffle(
      rand,
      all.filter((x) => !comuneSeats.has(x.istat)),
    ),
    all,
  };
  const cups = new Set(projects.map((p) => p.cup));

  const outEntities: Entity[] = [...entities];
  const outProjects: Project[] = [...projects];
  for (let r = 1; r < factor; r++) {
    const cupOf = new Map(projects.map((p) => [p.id, newCup(p.cup, cups, rand)]));
    const sibling = new Map<string, Entity>();
    for (const e of entities) {
      const s = siblingEntity(
        e,
        e.projects.map((id) => cupOf.get(id)!.toLowerCase()),
        names,
        rand,
      );
      sibling.set(e.id, s);
      outEntities.push(s);
    }
    for (const p of projects) outProjects.push(siblingProject(p, sibling.get(p.entity)!, cupOf.get(p.id)!, rand));
  }

  const collections: Record<string, object[]> = { ...c, projects: outProjects, entities: outEntities };
  collections.comuni = buildComuni({ cpi: c.cpi ?? [], entities: outEntities }).collections.comuni;
  if (c.projectTables) collections.projectTables = recomputeProjectTables(c.projectTables as ProjectTable[], outProjects);
  return { collections, report: template.report, edition: template.edition };
}

/** Every record against its collection's zod schema, and ids unique per collection. Returns problems (empty = valid). */
export function schemaProblems(collections: Record<string, object[]>, limit = 20): string[] {
  const out: string[] = [];
  for (const [name, records] of Object.entries(collections)) {
    const schema = collectionSchemas[name];
    if (!schema) {
      out.push(`${name}: no schema in src/schemas`);
      continue;
    }
    const ids = new Set<string>();
    for (const rec of records) {
      const id = (rec as { id?: string }).id ?? '?';
      const res = schema.safeParse(rec);
      if (!res.success) out.push(`${name}/${id}: ${res.error.issues[0].path.join('.')}: ${res.error.issues[0].message}`);
      if (ids.has(id)) out.push(`${name}/${id}: duplicate id`);
      ids.add(id);
      if (out.length >= limit) return out;
    }
  }
  return out;
}

/** Cross-references between projects, entities, comuni, measures and provinces. Returns problems (empty = consistent). */
export function referenceProblems(collections: Record<string, object[]>, limit = 20): string[] {
  const out: string[] = [];
  const add = (s: string) => out.length < limit && out.push(s);
  const projects = new Map((collections.projects as Project[]).map((p) => [p.id, p]));
  const entities = new Map((collections.entities as Entity[]).map((e) => [e.id, e]));
  const measures = new Set((collections.measures ?? []).map((m) => (m as { id: string }).id));
  const provinces = new Set((collections.provinces ?? []).map((p) => (p as { id: string }).id));
  for (const p of projects.values()) {
    const e = entities.get(p.entity);
    if (!e) add(`project ${p.id}: entity ${p.entity} missing`);
    else if (!e.projects.includes(p.id)) add(`project ${p.id}: not listed by its entity ${e.id}`);
    if (measures.size && !measures.has(p.measure)) add(`project ${p.id}: measure ${p.measure} missing`);
    if (p.id !== p.cup.toLowerCase()) add(`project ${p.id}: id is not its CUP in lower case`);
  }
  for (const e of entities.values()) {
    for (const id of e.projects) {
      const p = projects.get(id);
      if (!p) add(`entity ${e.id}: project ${id} missing`);
      else if (p.entity !== e.id) add(`entity ${e.id}: project ${id} belongs to ${p.entity}`);
    }
    const ms = [...new Set(e.projects.map((id) => projects.get(id)?.measure))].sort().join();
    if (ms !== [...e.measures].sort().join()) add(`entity ${e.id}: measures ${e.measures.join()} differ from its projects' ${ms}`);
    if (e.province && provinces.size && !provinces.has(e.province)) add(`entity ${e.id}: province ${e.province} missing`);
  }
  const seen = new Map<string, string>();
  for (const cm of (collections.comuni ?? []) as Comune[]) {
    if (provinces.size && !provinces.has(cm.provincia)) add(`comune ${cm.id}: province ${cm.provincia} missing`);
    const expected = new Set<string>();
    for (const id of cm.entities) {
      const e = entities.get(id);
      if (!e) add(`comune ${cm.id}: entity ${id} missing`);
      else {
        if (e.comune?.istat !== cm.istat) add(`comune ${cm.id}: entity ${id} is based elsewhere`);
        e.projects.forEach((p) => expected.add(p));
      }
    }
    if ([...expected].sort().join() !== [...cm.projects].sort().join()) add(`comune ${cm.id}: projects differ from its entities' projects`);
    seen.set(cm.istat, cm.id);
  }
  for (const e of entities.values()) if (e.comune && !seen.has(e.comune.istat)) add(`entity ${e.id}: comune ${e.comune.istat} has no record`);
  return out;
}

/** Write one JSON file exactly as stableStringify(records) + '\n' would, one record at a time. */
export function writeJsonArray(path: string, records: readonly unknown[]): void {
  const fd = openSync(path, 'w');
  try {
    if (records.length === 0) {
      writeSync(fd, '[]\n');
      return;
    }
    writeSync(fd, '[\n');
    records.forEach((r, i) => {
      const body = stableStringify(r).replace(/^/gm, '  ');
      writeSync(fd, i < records.length - 1 ? `${body},\n` : `${body}\n`);
    });
    writeSync(fd, ']\n');
  } finally {
    closeSync(fd);
  }
}

/** Write the edition into `dir` (emptied first) as content/data is written by the normaliser. */
export function writeEdition(dir: string, data: EditionData): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [name, records] of Object.entries(data.collections)) writeJsonArray(join(dir, `${name}.json`), records);
  for (const [name, v] of [
    ['report', data.report],
    ['edition', data.edition],
  ] as const) {
    const fd = openSync(join(dir, `${name}.json`), 'w');
    writeSync(fd, stableStringify(v) + '\n');
    closeSync(fd);
  }
}

/** The real edition: normalised in-process from `seedsDir`, or read from a directory of normalised JSON. */
export function loadTemplate(opts: { seedsDir?: string; fromDir?: string }): EditionData {
  if (opts.fromDir) {
    const dir = opts.fromDir;
    const read = (f: string) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown;
    const collections: Record<string, object[]> = {};
    for (const f of readdirSync(dir).sort()) {
      if (!f.endsWith('.json') || f === 'report.json' || f === 'edition.json') continue;
      collections[f.slice(0, -5)] = read(f) as object[];
    }
    return { collections, report: read('report.json'), edition: read('edition.json') };
  }
  const input = readSeedInput(opts.seedsDir ?? 'seeds');
  const out = normalizeSeed(input.bytes, input.file, input.corrections, input.source);
  return { collections: out.collections, report: out.report, edition: out.edition };
}

function main(argv: string[]): number {
  const args = { factor: 10, seed: 1, out: '', from: '', seeds: 'seeds' };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = argv[++i];
    if (k === '--factor') args.factor = Number(v);
    else if (k === '--seed') args.seed = Number(v);
    else if (k === '--out') args.out = v ?? '';
    else if (k === '--from') args.from = v ?? '';
    else if (k === '--seeds') args.seeds = v ?? '';
    else {
      console.error(`generate: unknown option ${k} (use --factor N --out DIR [--seed S] [--from DIR | --seeds DIR])`);
      return 2;
    }
  }
  if (!args.out || !Number.isInteger(args.factor) || args.factor < 1) {
    console.error('generate: --out DIR and an integer --factor ≥ 1 are required');
    return 2;
  }
  if (args.from && !existsSync(args.from)) {
    console.error(`generate: ${args.from} not found`);
    return 2;
  }
  const t0 = performance.now();
  const template = loadTemplate({ fromDir: args.from || undefined, seedsDir: args.seeds });
  const data = generateEdition(template, { factor: args.factor, seed: args.seed });
  const problems = [...schemaProblems(data.collections), ...referenceProblems(data.collections)];
  if (problems.length) {
    console.error(`generate: the synthetic edition ×${args.factor} is not valid:\n  ${problems.join('\n  ')}`);
    return 1;
  }
  writeEdition(resolve(args.out), data);
  const n = (k: string) => data.collections[k]?.length ?? 0;
  console.log(
    `generate: ×${args.factor} → ${n('projects')} progetti, ${n('entities')} enti, ${n('comuni')} comuni in ${args.out} ` +
      `(valid, references consistent) — ${Math.round(performance.now() - t0)} ms`,
  );
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('bench/generate.ts')) process.exitCode = main(process.argv.slice(2));
