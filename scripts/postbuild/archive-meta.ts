/**
 * What identifies and describes an offline archive: its name, its timestamp, LEGGIMI.txt and
 * MANIFEST.sha256. Pure functions of the edition (content/data/edition.json), the licence
 * metadata (seeds/source.json) and the files: nothing from the clock or the machine.
 */
import { createHash } from 'node:crypto';
import type { DosDateTime } from './zip.ts';
import { slugify as slug } from '../lib/slug.ts';
import type { Edition, SourceInfo } from '../lib/pipeline.ts';

export type { SourceInfo };

/** The fields of content/data/edition.json the archive uses. */
export type EditionInfo = Omit<Edition, 'bytes' | 'lines'> & { bytes?: number; lines?: number };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Archive name without extension: `pnrr-<region>-<aggiornamento>-<sha256 first 12>`, e.g.
 * `pnrr-lombardia-2025-08-10-eee61c08957e`. An edition that states no date says `senza-data`.
 */
export function archiveName(edition: EditionInfo): string {
  if (!/^[0-9a-f]{64}$/.test(edition.sha256)) throw new Error(`archive: edition.json has no valid sha256 ("${edition.sha256}")`);
  const region = slug(edition.region ?? '') || 'italia';
  const date = edition.aggiornamento && ISO_DATE.test(edition.aggiornamento) ? edition.aggiornamento : 'senza-data';
  return `pnrr-${region}-${date}-${edition.sha256.slice(0, 12)}`;
}

/**
 * Timestamp of every entry: the edition's latest "dati al" date at 00:00 (the DOS fields carry
 * no zone; read them as UTC). Without a date, 1980-01-01 00:00, the earliest DOS date.
 */
export function archiveTimestamp(edition: EditionInfo): DosDateTime {
  const m = edition.aggiornamento ? ISO_DATE.exec(edition.aggiornamento) : null;
  if (!m) return { year: 1980, month: 1, day: 1 };
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

/** sha256 in hex. */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * MANIFEST.sha256 in the format `sha256sum` writes and `sha256sum -c` reads: one
 * `<hex>  <path>` line per file, in the order given (sort first). Paths with a newline or a
 * backslash would need sha256sum's escaping: they are refused instead.
 */
export function manifest(files: { path: string; data: Uint8Array }[]): string {
  return files
    .map((f) => {
      if (/[\n\r\\]/.test(f.path)) throw new Error(`manifest: path needs escaping: ${JSON.stringify(f.path)}`);
      return `${sha256Hex(f.data)}  ${f.path}\n`;
    })
    .join('');
}

/** "2025-08-10" → "10/08/2025" (Italian reading order); anything else unchanged. */
export function itDate(iso: string): string {
  const m = ISO_DATE.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

export interface LeggimiInput {
  name: string;
  edition: EditionInfo;
  source: SourceInfo;
  /** Number of files listed in MANIFEST.sha256 and number of HTML pages. */
  files: number;
  pages: number;
  /** Path of the copy of the seed inside the archive (e.g. 'fonte/000_x.txt'), if included. */
  seedCopy: string | null;
}

/** LEGGIMI.txt: what the archive is, its source, edition dates, licence, how to open and verify it. */
export function leggimi(i: LeggimiInput): string {
  const e = i.edition;
  const s = i.source;
  const title = s.title ?? e.title ?? '(titolo non indicato)';
  const issuer = s.issuer ?? e.issuer ?? '(ente non indicato)';
  const region = s.region ?? e.region ?? '';
  const dates = e.datiAl.length ? e.datiAl.map(itDate).join(', ') : 'nessuna data indicata nel documento';
  const seedName = e.file.split('/').at(-1) ?? e.file;
  const licence = s.licence ?? 'non indicata';
  const lines = [
    `PNRR ${region} — rapporto di trasparenza (copia offline)`,
    '='.repeat(`PNRR ${region} — rapporto di trasparenza (copia offline)`.length),
    '',
    'COS’È',
    `Copia completa e statica del sito che ricostruisce dove vanno i fondi del Piano Nazionale di`,
    `Ripresa e Resilienza (PNRR) per lavoro e sociale in ${region || 'regione'}: misure, province, centri per l’impiego,`,
    'enti, comuni e progetti (CUP), con i dati scaricabili (CSV e altri formati).',
    `Archivio: ${i.name}.zip — ${i.pages} pagine, ${i.files} file elencati in MANIFEST.sha256.`,
    '',
    'COME SI APRE',
    `Estrarre l’archivio e aprire ${i.name}/index.html con un browser: tutti i collegamenti sono`,
    'relativi, quindi pagine, stili, grafici, tabelle e download funzionano dal disco, senza rete.',
    'La ricerca testuale (pagina "Cerca") richiede un server web: aperta dal disco, la pagina lo',
    'spiega e rimanda agli indici dalla A alla Z (comuni, enti). Per usarla, servire la cartella',
    'estratta dalla radice di un server, per esempio:',
    `    cd ${i.name} && python3 -m http.server 8000    poi aprire http://localhost:8000/`,
    '',
    'DOCUMENTO DI ORIGINE',
    `Ente:    ${issuer}`,
    `Titolo:  ${title}`,
    `File:    ${seedName}${e.bytes ? ` (${e.bytes} byte)` : ''}`,
    `SHA-256: ${e.sha256}`,
    i.seedCopy ? `Una copia identica del documento è in ${i.seedCopy}.` : 'Il documento non è incluso in questo archivio.',
    '',
    'EDIZIONE',
    `Date "dati al" indicate nel documento: ${dates}.`,
    `Aggiornamento (data più recente): ${e.aggiornamento ? itDate(e.aggiornamento) : 'non indicato'}.`,
    'L’edizione è identificata da queste date e dallo SHA-256 del documento. Le date dei file',
    `nell’archivio sono fissate ${e.aggiornamento ? `al ${itDate(e.aggiornamento)} 00:00` : 'al 01/01/1980 00:00'} (non sono la data di creazione):`,
    'due costruzioni dallo stesso documento producono un archivio identico byte per byte.',
    '',
    'LICENZA',
    `Dati: ${licence}${s.licenceUrl ? ` (${s.licenceUrl})` : ''}. Fonte da citare: ${issuer},`,
    `"${title}". Le elaborazioni (normalizzazione, controlli, riparazioni elencate nella pagina`,
    '"Qualità dei dati") sono del progetto e non dell’ente.',
    '',
    'COME SI VERIFICA',
    'MANIFEST.sha256 elenca lo SHA-256 di ogni file dell’archivio (tranne sé stesso). Dalla cartella',
    `${i.name}/:`,
    '    sha256sum -c MANIFEST.sha256            (Linux)',
    '    shasum -a 256 -c MANIFEST.sha256        (macOS)',
    'Ogni riga deve terminare con "OK". Per il documento di origine confrontare lo SHA-256 qui sopra',
    i.seedCopy ? `con quello di ${i.seedCopy} (sha256sum ${i.seedCopy}).` : 'con quello del file pubblicato dall’ente.',
    '',
  ];
  return lines.join('\n');
}
