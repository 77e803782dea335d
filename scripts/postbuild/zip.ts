/**
 * A byte-reproducible ZIP writer: same entries, same bytes, on any machine, in any time zone.
 *
 * Why not fflate's zipSync: it stamps each entry with the machine's local time (it reads the
 * date with getHours() & co.), so the same input zips differently in Rome and in UTC. Here the
 * container is written by hand (PKWARE APPNOTE 6.3: local headers, central directory, end
 * record; no extra fields, no data descriptors) and only the DEFLATE streams come from fflate,
 * whose pure-JS compressor gives the same output everywhere (unlike the platform zlib).
 *
 * Every entry gets the same DOS timestamp (a calendar date and time, no zone: what unzip shows
 * and sets), Unix "made by" with mode 0644, the UTF-8 name flag, and is DEFLATEd at level 9
 * unless that does not make it smaller (already-compressed files are STOREd). Entries are
 * written in the order given: sort them before calling.
 */
import { deflateSync } from 'fflate';

export interface ZipEntry {
  /** Path inside the archive, '/'-separated, no leading slash. */
  path: string;
  data: Uint8Array;
}

/** A timestamp as the DOS fields store it: local calendar values, 2-second resolution. */
export interface DosDateTime {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (ISO 3309, as ZIP uses it). */
export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** DOS date and time words; the year must be within 1980–2107. */
export function dosDateTime(t: DosDateTime): { date: number; time: number } {
  const { year, month, day, hour = 0, minute = 0, second = 0 } = t;
  if (year < 1980 || year > 2107) throw new Error(`zip: year ${year} is outside the DOS range 1980–2107`);
  if (month < 1 || month > 12 || day < 1 || day > 31) throw new Error(`zip: bad date ${year}-${month}-${day}`);
  return {
    date: ((year - 1980) << 9) | (month << 5) | day,
    time: (hour << 11) | (minute << 5) | (second >> 1),
  };
}

/** Build the archive. Throws on duplicate or unsafe paths and on sizes that would need ZIP64. */
export function zipDeterministic(entries: ZipEntry[], when: DosDateTime): Uint8Array {
  const { date, time } = dosDateTime(when);
  const enc = new TextEncoder();
  const seen = new Set<string>();
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;

  for (const e of entries) {
    if (!e.path || e.path.startsWith('/') || e.path.includes('\\') || e.path.split('/').some((s) => s === '..' || s === '.' || s === '')) {
      throw new Error(`zip: unsafe entry path "${e.path}"`);
    }
    if (seen.has(e.path)) throw new Error(`zip: duplicate entry "${e.path}"`);
    seen.add(e.path);
    const name = enc.encode(e.path);
    const crc = crc32(e.data);
    const deflated = e.data.length > 0 ? deflateSync(e.data, { level: 9, mem: 8 }) : e.data;
    const stored = deflated.length >= e.data.length;
    const body = stored ? e.data : deflated;
    const method = stored ? 0 : 8;
    if (e.data.length > 0xfffffffe || offset > 0xfffffffe) throw new Error('zip: archive too large for a plain (non-ZIP64) zip');

    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true); // version needed: 2.0 (deflate)
    lv.setUint16(6, 0x0800, true); // flags: names are UTF-8
    lv.setUint16(8, method, true);
    lv.setUint16(10, time, true);
    lv.setUint16(12, date, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, body.length, true);
    lv.setUint32(22, e.data.length, true);
    lv.setUint16(26, name.length, true);
    lv.setUint16(28, 0, true);
    local.set(name, 30);

    const cen = new Uint8Array(46 + name.length);
    const cv = new DataView(cen.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, (3 << 8) | 20, true); // made by: Unix, spec 2.0
    cv.setUint16(6, 20, true);
    cv.setUint16(8, 0x0800, true);
    cv.setUint16(10, method, true);
    cv.setUint16(12, time, true);
    cv.setUint16(14, date, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, body.length, true);
    cv.setUint32(24, e.data.length, true);
    cv.setUint16(28, name.length, true);
    // extra length, comment length, disk number start, internal attributes: 0
    cv.setUint32(38, (0o100644 << 16) >>> 0, true); // external attributes: regular file, rw-r--r--
    cv.setUint32(42, offset, true);
    cen.set(name, 46);

    parts.push(local, body);
    central.push(cen);
    offset += local.length + body.length;
  }
  if (entries.length > 0xfffe) throw new Error('zip: too many entries for a plain (non-ZIP64) zip');

  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);

  const out = new Uint8Array(offset + cdSize + 22);
  let p = 0;
  for (const part of [...parts, ...central, end]) {
    out.set(part, p);
    p += part.length;
  }
  return out;
}

/** Sort entry paths by their UTF-8 bytes: one order on every machine and locale. */
export function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
