/**
 * The shared columns and rows of the paginated lists, and the titles of list pages: every page
 * of a list has the same columns; a list page's title keeps its page number and fits
 * html-validate's long-title limit as written in HTML.
 */
import { describe, expect, it } from 'vitest';
import { letterAnchor, listPageTitle, projectColumns, projectRow } from '../../src/lib/lists.ts';
import { escapedLength, MAX_TITLE, pageTitle } from '../../src/lib/text.ts';
import type { Project } from '../../src/schemas/projects.ts';

const SITE = 'PNRR Lombardia';
/** The <title> as Base.astro writes it, counted as html-validate counts it. */
const written = (title: string) => escapedLength(pageTitle(title, SITE));

describe('pageTitle', () => {
  it('fits the limit as written in HTML, apostrophes and ampersands included', () => {
    const names = ["VALLE IMAGNA - VILLA D'ALME' AZIENDA TERRITORIALE PER I SERVIZI ALLA PERSONA", "L'ALTRA'S 'QUOTED' & <ODD> \"NAME\" ' ' ' ' ' ' ' ' ' ' ' ' ' '", 'A'.repeat(200)];
    for (const name of names) {
      const t = pageTitle(name, SITE);
      expect(escapedLength(t), t).toBeLessThanOrEqual(MAX_TITLE);
      expect(t.endsWith(`… · ${SITE}`)).toBe(true);
    }
    expect(pageTitle('Milano', SITE)).toBe(`Milano · ${SITE}`);
  });
});

describe('listPageTitle', () => {
  it('is "<name>: <what>" when it fits', () => {
    expect(listPageTitle('COMUNE DI MILANO', 'progetti, pagina 2')).toBe('COMUNE DI MILANO: progetti, pagina 2');
  });

  it('shortens a long name at a word, never the page number, within the limit as written in HTML', () => {
    const names = [
      "VALLE IMAGNA - VILLA D'ALME' AZIENDA TERRITORIALE PER I SERVIZI ALLA PERSONA",
      'AZIENDA SPECIALE CONSORTILE DEL DISTRETTO DI MONTÙ BECCARIA E DEI COMUNI LIMITROFI',
      "L'ALTRA'S 'QUOTED' & <ODD> \"NAME\" WITH MANY ESCAPES ' ' ' ' ' ' ' ' ' ' ' '",
      'A'.repeat(200),
    ];
    for (const name of names) {
      for (const what of ['progetti, pagina 2', 'enti, pagina 123']) {
        const t = listPageTitle(name, what);
        expect(t.endsWith(`…: ${what}`)).toBe(true);
        expect(written(t)).toBeLessThanOrEqual(MAX_TITLE);
        // Base.astro's pageTitle leaves it whole.
        expect(pageTitle(t, SITE)).toBe(`${t} · ${SITE}`);
      }
    }
    expect(listPageTitle(names[0], 'progetti, pagina 2')).toBe('VALLE IMAGNA - VILLA…: progetti, pagina 2');
  });

  it('counts the characters Astro escapes', () => {
    expect(escapedLength("d'a")).toBe(7);
    expect(escapedLength('a & b')).toBe(9);
    expect(escapedLength('<"x">')).toBe(21);
  });
});

describe('projects table', () => {
  const p = {
    id: 'd74h22000340001',
    cup: 'D74H22000340001',
    entity: 'comune-di-milano',
    measure: 'm5c2-i1-2',
    importo: { value: 1000, status: 'valido', raw: '1.000,00 €' },
    spese: { value: null, status: 'nd', raw: '#N/D' },
    percentualeSpesa: null,
    provenance: { lines: [828, 828] },
  } as unknown as Project;

  it('puts the CUP first, naming the row, then the fields asked for', () => {
    expect(projectColumns(['misura', 'importo']).map((c) => [c.key, c.rowHeader ?? false])).toEqual([['cup', true], ['misura', false], ['importo', false]]);
    expect(projectColumns(['ente', 'importo', 'spese', 'quota']).map((c) => c.kind ?? 'testo')).toEqual(['testo', 'testo', 'euro', 'euro', 'percentuale']);
  });

  it('links the project, its measure and its entity, and keeps figures with their status', () => {
    const row = projectRow(p, { entity: () => 'COMUNE DI <MILANO>', measure: () => 'M5C2 I1.2' });
    expect(row.lines).toEqual([828, 828]);
    expect(row.cells.cup).toEqual({ text: 'D74H22000340001', href: '/progetti/d74h22000340001/' });
    expect(row.cells.misura).toEqual({ text: 'M5C2 I1.2', href: '/misure/m5c2-i1-2/' });
    // Seed text stays text: the DataTable renders it escaped.
    expect(row.cells.ente).toEqual({ text: 'COMUNE DI <MILANO>', href: '/enti/comune-di-milano/' });
    expect(row.cells.spese).toEqual(p.spese);
  });
});

describe('A–Z anchors', () => {
  it('name a letter, and names that start with no letter', () => {
    expect(letterAnchor('C')).toBe('lettera-c');
    expect(letterAnchor('#')).toBe('lettera-altro');
  });
});
