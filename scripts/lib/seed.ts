/**
 * Reading the Ministry's scheda: decoding, validation and cell cleaning.
 * Pure functions: the bytes come from the caller (scripts/normalize.ts owns the I/O).
 */
import { SeedError } from './errors.ts';
import { memoize } from './memo.ts';

/** One physical line of the seed, with its cells cleaned of extraction residue. */
export interface SeedLine {
  /** 1-based line number in the seed file. */
  n: number;
  /** The line exactly as in the file (without the line terminator). */
  raw: string;
  /** Cleaned cells (tab-separated), markup removed, whitespace collapsed; trailing empty cells kept. */
  cells: string[];
  /** The cleaned line as one string (cells joined by a single space, trimmed). */
  text: string;
}

/**
 * Decode the seed bytes as strict UTF-8 and split into lines.
 * Rejects empty, binary (NUL bytes) and non-UTF-8 input with a located error.
 */
export function decodeSeed(bytes: Uint8Array, file: string): string {
  if (bytes.length === 0 || bytes.every((b) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09)) {
    throw new SeedError(file, 1, 'the text of the scheda (tab-separated tables)', 'an empty file');
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw new SeedError(file, lineOfOffset(bytes, nul), 'UTF-8 text', 'binary data (a NUL byte)');
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const shown = Array.from(bytes.slice(bad, bad + 2), (b) => '0x' + b.toString(16).padStart(2, '0')).join(' ');
    throw new SeedError(
      file,
      lineOfOffset(bytes, bad),
      'UTF-8 text',
      `bytes ${shown}, which are not UTF-8 (is the file Latin-1/Windows-1252? convert it with iconv -f latin1 -t utf-8)`,
    );
  }
}

function lineOfOffset(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    let need = 0;
    if (b < 0x80) need = 0;
    else if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) need = 2;
    else if (b >= 0xf0 && b <= 0xf4) need = 3;
    else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return bytes.length;
}

// The tests of the plain-cell path, compiled once: a regex literal is a new object at every call, and
// this runs on every cell of the seed.
const MARKUP = /[<*#\\]/;
const LOOSE_SPACE = /[^\S ]|  |^ | $/;
const SPACES = /[\u00a0\s]+/g;

/** Remove markdown/HTML residue and collapse whitespace in one cell. */
export function cleanCell(cell: string): string {
  if (cell === '') return cell;
  // Most cells carry no markup: skip the markup passes for them (this runs on every cell).
  if (!MARKUP.test(cell)) return LOOSE_SPACE.test(cell) ? cell.replace(SPACES, ' ').trim() : cell;
  return cell
    .replace(/<\/?(b|u|i|strong|em)>/gi, '')
    .replace(/\*\*/g, '')
    .replace(/^#{1,6}\s+/, '')
    .replace(/\\([*_\\()[\]])/g, '$1')
    .replace(/\\([*_\\()[\]])/g, '$1')
    .replace(/[\u00a0\s]+/g, ' ')
    .trim();
}

/** Split decoded text into cleaned lines. */
export function toLines(text: string): SeedLine[] {
  const physical = text.split(/\r?\n/);
  if (physical.length > 1 && physical[physical.length - 1] === '') physical.pop();
  return physical.map((raw, i) => {
    const cells = raw.split('\t').map(cleanCell);
    return { n: i + 1, raw, cells, text: cells.filter((c) => c !== '').join(' ').trim() };
  });
}

/** True when a line has no content at all (blank or only spaces/tabs). */
export const isBlank = (l: SeedLine): boolean => l.text === '';

const DASHES = /^-{2,}$/;

/** True for markdown table separator rows ("--\t---\t-----"). */
export const isSeparator = (l: SeedLine): boolean => l.text !== '' && l.cells.every((c) => c === '' || DASHES.test(c));

/** Indices of the non-empty cells of a line. */
export const filled = (l: SeedLine): string[] => l.cells.filter((c) => c !== '');

/** Number of non-empty cells of a line (counted without building the list: every finder asks it of every line). */
export function filledCount(l: SeedLine): number {
  let n = 0;
  for (const c of l.cells) if (c !== '') n++;
  return n;
}

/** Case- and accent-insensitive, space-free key: compares names damaged by inserted spaces. */
export function squash(s: string): string {
  return squashMemo(s);
}

// Markers, names and cells are squashed by several matchers each: normalise each text once.
const squashMemo = memoize((s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/[^a-z0-9']/g, ''),
);
