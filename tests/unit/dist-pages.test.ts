/**
 * The built site against the collections: one page per record of every entity collection (no
 * more, no fewer), the fixed pages, and the figures printed on entity pages equal to the data
 * (including the damaged rows: split amounts, "Dato non validato", #N/D).
 *
 * Runs after `npm run build` (CI does so). Nothing is skipped: without dist/ the test fails
 * and says how to make it.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatValue } from '../../src/lib/format.ts';
import { normalizeBase } from '../../src/lib/links.ts';
import type { Value } from '../../src/schemas/common.ts';

const ROOT = process.cwd();
const DIST = join(ROOT, process.env.DIST_DIR ?? 'dist');
const DATA = join(ROOT, 'content/data');
// Pages live under dist/ without the base path (Astro writes the base only into URLs).
const BASE = normalizeBase(process.env.SITE_BASE);

/** Entity page types: URL directory and the collection whose records each get a page. */
const ENTITY_PAGES = [
  { dir: 'misure', collection: 'measures', key: (r: Rec) => r.id },
  { dir: 'province', collection: 'provinces', key: (r: Rec) => r.id },
  { dir: 'cpi', collection: 'cpi', key: (r: Rec) => r.slug as string },
  { dir: 'enti', collection: 'entities', key: (r: Rec) => r.id },
  { dir: 'progetti', collection: 'projects', key: (r: Rec) => r.id },
  { dir: 'comuni', collection: 'comuni', key: (r: Rec) => r.id },
] as const;

/** Pages that exist once. */
const FIXED_PAGES = ['index.html', 'misure/index.html', 'province/index.html', 'cpi/index.html', 'enti/index.html', 'progetti/index.html', 'qualita-dei-dati/index.html', 'metodologia/index.html', 'cerca/index.html', '404.html'];

type Rec = { id: string; [k: string]: unknown };

function readCollection(name: string): Rec[] {
  const p = join(DATA, `${name}.json`);
  if (!existsSync(p)) throw new Error(`content/data/${name}.json is missing: run \`npm run build\` (it runs the normaliser first)`);
  return JSON.parse(readFileSync(p, 'utf8')) as Rec[];
}

/** Sub-directories of dist/<dir>/ that hold an index.html: one per entity page. */
function pageSlugs(dir: string): string[] {
  const d = join(DIST, dir);
  if (!existsSync(d)) return [];
  return readdirSync(d, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(d, e.name, 'index.html')))
    .map((e) => e.name)
    .sort();
}

const page = (rel: string) => parseHTML(readFileSync(join(DIST, rel), 'utf8')).document;
// Collapse layout whitespace only: the formatter's non-breaking spaces ("1.234,00\u00a0€") are content.
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/[ \t\n\r\f]+/g, ' ').trim();

beforeAll(() => {
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error(`${DIST} has no index.html: run \`npm run build\` before this test (CI runs it after the build)`);
  }
});

describe('dist/ has one page per record', () => {
  it.each(ENTITY_PAGES)('$dir/<slug>/ ↔ collection $collection', ({ dir, collection, key }) => {
    const expected = readCollection(collection).map(key).sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(pageSlugs(dir)).toEqual(expected);
  });

  it.each(FIXED_PAGES)('%s exists', (rel) => {
    expect(existsSync(join(DIST, rel)), `${rel} missing from dist/`).toBe(true);
  });
});

describe('every page', () => {
  const all: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(join(DIST, dir), { withFileTypes: true })) {
      const rel = dir ? `${dir}/${e.name}` : e.name;
      if (e.isDirectory() && e.name !== 'pagefind' && e.name !== '_astro') walk(rel);
      else if (e.name.endsWith('.html')) all.push(rel);
    }
  };

  it('is Italian, has one <h1>, and ships JavaScript only on /cerca/', () => {
    walk('');
    expect(all.length).toBeGreaterThan(400);
    const problems: string[] = [];
    for (const rel of all) {
      const doc = page(rel);
      if (doc.documentElement.getAttribute('lang') !== 'it') problems.push(`${rel}: lang is not "it"`);
      if (doc.querySelectorAll('h1').length !== 1) problems.push(`${rel}: ${doc.querySelectorAll('h1').length} <h1>`);
      // JSON data blocks (JSON-LD) are data, not JavaScript.
      const scripts = [...doc.querySelectorAll('script')].filter((s) => !/json/i.test(s.getAttribute('type') ?? '')).length;
      if (rel === 'cerca/index.html' ? scripts === 0 : scripts > 0) problems.push(`${rel}: ${scripts} <script>`);
      if (!doc.querySelector(`form[action="${BASE}cerca/"] input[name="q"]`)) problems.push(`${rel}: no header search form`);
    }
    expect(problems).toEqual([]);
  });
});

describe('charts', () => {
  it('every chart has an accessible name and description, a summary, and its data as a table on the page', () => {
    const dirs = ['', 'misure', 'province', 'cpi'];
    const files = dirs.flatMap((d) =>
      d === '' ? ['index.html'] : readdirSync(join(DIST, d), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => `${d}/${e.name}/index.html`).concat(`${d}/index.html`),
    );
    let charts = 0;
    const problems: string[] = [];
    for (const rel of files.filter((f) => existsSync(join(DIST, f)))) {
      const doc = page(rel);
      for (const fig of doc.querySelectorAll('figure.chart')) {
        charts++;
        const svg = fig.querySelector('svg[role="img"]');
        const where = `${rel} #${fig.getAttribute('id')}`;
        if (!svg?.getAttribute('aria-label') || !svg.getAttribute('aria-description')) problems.push(`${where}: svg without aria-label/aria-description`);
        if (fig.querySelector('script')) problems.push(`${where}: script inside a chart`);
        if (text(fig.querySelector('figcaption p:nth-of-type(2)')).length < 10) problems.push(`${where}: no one-sentence summary`);
        const own = fig.querySelector('table');
        const ref = fig.querySelector('a[href^="#"]')?.getAttribute('href')?.slice(1);
        if (!own && !(ref && doc.getElementById(ref)?.tagName === 'TABLE')) problems.push(`${where}: its data table is neither inside it nor linked`);
      }
    }
    expect(charts).toBeGreaterThan(100);
    expect(problems).toEqual([]);
  });
});

describe('figures on pages equal the data', () => {
  it('each project page prints its importo and spese as formatted, or their status', () => {
    const problems: string[] = [];
    const noSpese = new Set(readCollection('projectTables').filter((t) => t.spese === null).map((t) => t.table as string));
    for (const p of readCollection('projects')) {
      const doc = page(`progetti/${p.id}/index.html`);
      const facts = new Map([...doc.querySelectorAll('.facts dt')].map((dt) => [text(dt), text(dt.nextElementSibling)]));
      const importo = formatValue(p.importo as Value, 'euro');
      if (facts.get('Importo finanziato') !== importo) problems.push(`${p.id}: importo "${facts.get('Importo finanziato')}" ≠ "${importo}"`);
      const spese = p.spese as Value;
      if (!noSpese.has(p.table as string) && facts.get('Spese realizzate') !== formatValue(spese, 'euro')) {
        problems.push(`${p.id}: spese "${facts.get('Spese realizzate')}" ≠ "${formatValue(spese, 'euro')}"`);
      }
      // Every indicator: programmed and realised values in its row, formatted or as their status.
      const rows = [...doc.querySelectorAll('#tabella-indicatori tbody tr')];
      const indicators = p.indicators as { nome: string; unita: string; programmato: Value; realizzato: Value }[];
      if (rows.length !== indicators.length) problems.push(`${p.id}: ${rows.length} indicator rows for ${indicators.length} indicators`);
      indicators.forEach((ind, i) => {
        const cells = rows[i] ? [...rows[i].querySelectorAll('td')].map(text) : [];
        const kind = ind.unita === 'ore' ? 'ore' : 'numero';
        const want = [formatValue(ind.programmato, kind), formatValue(ind.realizzato, kind)];
        if (cells[1] !== want[0] || cells[2] !== want[1]) problems.push(`${p.id} «${ind.nome}»: [${cells[1]}, ${cells[2]}] ≠ [${want.join(', ')}]`);
      });
    }
    expect(problems).toEqual([]);
  });

  it('damaged rows show the repaired figure or the status, never 0 or blank', () => {
    const projects = readCollection('projects');
    const withStatus = projects.filter((p) => (p.importo as Value).status !== 'valido' || (p.spese as Value).status === 'nd');
    expect(withStatus.length).toBeGreaterThan(0);
    for (const p of withStatus) {
      const doc = page(`progetti/${p.id}/index.html`);
      const labels = [...doc.querySelectorAll('.facts .status')].map(text);
      expect(labels.length, `${p.id} shows no status badge`).toBeGreaterThan(0);
      expect(labels.every((l) => ['non validato', 'non valido', 'n/d', 'assente'].includes(l))).toBe(true);
    }
    // A split amount ("2.460.000,0 0 €" in the PDF text) appears repaired on its page.
    const split = projects.find((p) => /\d\s+\d/.test((p.importo as Value).raw) && (p.importo as Value).status === 'valido');
    expect(split, 'no project whose printed amount was split by a space').toBeDefined();
    const doc = page(`progetti/${split!.id}/index.html`);
    expect(text(doc.querySelector('main'))).toContain(formatValue(split!.importo as Value, 'euro'));
  });

  it('a failed reconciliation appears next to the record it concerns', () => {
    const report = JSON.parse(readFileSync(join(DATA, 'report.json'), 'utf8')) as { checks: { ok: boolean; table: string; lines: number[] }[] };
    const failed = report.checks.filter((c) => !c.ok);
    expect(failed.length).toBeGreaterThan(0);
    const targets = readCollection('cpiTargets') as (Rec & { cpi: string; provenance: { lines: [number, number] } })[];
    const rowChecks = failed.filter((c) => targets.some((t) => c.lines.some((l) => l >= t.provenance.lines[0] && l <= t.provenance.lines[1])));
    for (const c of rowChecks) {
      const t = targets.find((x) => c.lines.some((l) => l >= x.provenance.lines[0] && l <= x.provenance.lines[1]))!;
      const doc = page(`cpi/${t.cpi}/index.html`);
      expect(doc.querySelector('.dq-note'), `cpi/${t.cpi}/ lacks the note for check on table ${c.table}`).not.toBeNull();
    }
  });
});
