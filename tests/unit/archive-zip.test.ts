import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { archiveName, archiveTimestamp, itDate, leggimi, manifest, sha256Hex, type EditionInfo } from '../../scripts/postbuild/archive-meta.ts';
import { byteOrder, crc32, dosDateTime, zipDeterministic } from '../../scripts/postbuild/zip.ts';

const enc = new TextEncoder();
const edition: EditionInfo = {
  file: 'seeds/000_e71b61cb0ceb10fc.txt',
  sha256: 'eee61c08957ececa4ef8dd7c4548817a8eda1952380eef4b865ad79e84558fde',
  bytes: 87184,
  datiAl: ['2025-06-10', '2025-06-30', '2025-07-31', '2025-08-10'],
  aggiornamento: '2025-08-10',
  issuer: 'Ministero del Lavoro e delle Politiche Sociali',
  title: 'Scheda riepilogativa',
  region: 'Lombardia',
};

describe('zipDeterministic', () => {
  const entries = [
    { path: 'a/index.html', data: enc.encode('<!doctype html><p>' + 'ciao '.repeat(200)) },
    { path: 'a/random.bin', data: Uint8Array.from({ length: 300 }, (_, i) => (i * 7919) % 251) },
    { path: 'vuoto.txt', data: new Uint8Array(0) },
    { path: 'città/è.csv', data: enc.encode('a,b\n1,2\n') },
  ];
  const when = { year: 2025, month: 8, day: 10 };

  it('round-trips every entry, in the given order', () => {
    const zip = zipDeterministic(entries, when);
    const back = unzipSync(zip);
    expect(Object.keys(back)).toEqual(entries.map((e) => e.path));
    for (const e of entries) expect(back[e.path]).toEqual(e.data);
  });

  it('gives the same bytes in any time zone and at any moment', () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'UTC';
      const a = zipDeterministic(entries, when);
      process.env.TZ = 'Pacific/Kiritimati';
      const b = zipDeterministic(entries, when);
      expect(sha256Hex(b)).toBe(sha256Hex(a));
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('stamps every entry with the given DOS date at 00:00, Unix mode 0644, UTF-8 names', () => {
    const zip = zipDeterministic(entries, when);
    const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    // First local header.
    expect(v.getUint32(0, true)).toBe(0x04034b50);
    expect(v.getUint16(6, true) & 0x0800).toBe(0x0800);
    expect(v.getUint16(10, true)).toBe(0); // 00:00:00
    expect(v.getUint16(12, true)).toBe(((2025 - 1980) << 9) | (8 << 5) | 10);
    // Central directory: find it through the end record.
    const endAt = zip.length - 22;
    expect(v.getUint32(endAt, true)).toBe(0x06054b50);
    expect(v.getUint16(endAt + 10, true)).toBe(entries.length);
    let p = v.getUint32(endAt + 16, true);
    for (let i = 0; i < entries.length; i++) {
      expect(v.getUint32(p, true)).toBe(0x02014b50);
      expect(v.getUint16(p + 4, true) >> 8).toBe(3); // made by Unix
      expect(v.getUint32(p + 38, true) >>> 16).toBe(0o100644);
      expect(v.getUint16(p + 12, true)).toBe(0);
      p += 46 + v.getUint16(p + 28, true) + v.getUint16(p + 30, true) + v.getUint16(p + 32, true);
    }
  });

  it('stores what deflate cannot shrink and deflates the rest', () => {
    const zip = zipDeterministic(entries, when);
    const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    const methods: Record<string, number> = {};
    let p = 0;
    for (const e of entries) {
      const nameLen = v.getUint16(p + 26, true);
      methods[e.path] = v.getUint16(p + 8, true);
      p += 30 + nameLen + v.getUint32(p + 18, true);
    }
    expect(methods['a/index.html']).toBe(8);
    expect(methods['vuoto.txt']).toBe(0);
  });

  it('refuses duplicate and unsafe paths', () => {
    const d = new Uint8Array(1);
    expect(() => zipDeterministic([{ path: 'a', data: d }, { path: 'a', data: d }], when)).toThrow(/duplicate/);
    for (const bad of ['/etc/passwd', '../x', 'a//b', 'a\\b', '']) {
      expect(() => zipDeterministic([{ path: bad, data: d }], when)).toThrow(/unsafe/);
    }
  });

  it('computes the standard CRC-32 and DOS fields', () => {
    expect(crc32(enc.encode('123456789'))).toBe(0xcbf43926);
    expect(dosDateTime({ year: 1980, month: 1, day: 1 })).toEqual({ date: 33, time: 0 });
    expect(() => dosDateTime({ year: 1979, month: 12, day: 31 })).toThrow(/DOS range/);
  });

  it('orders paths by UTF-8 bytes, not by locale', () => {
    expect(['b', 'B', 'à', 'a', 'a/b', 'a-b'].sort(byteOrder)).toEqual(['B', 'a', 'a-b', 'a/b', 'b', 'à']);
  });
});

describe('archive metadata', () => {
  it('names the archive from the edition', () => {
    expect(archiveName(edition)).toBe('pnrr-lombardia-2025-08-10-eee61c08957e');
    expect(archiveName({ ...edition, aggiornamento: null })).toBe('pnrr-lombardia-senza-data-eee61c08957e');
    expect(() => archiveName({ ...edition, sha256: '' })).toThrow(/sha256/);
  });

  it('takes the timestamp from the edition date, never the clock', () => {
    expect(archiveTimestamp(edition)).toEqual({ year: 2025, month: 8, day: 10 });
    expect(archiveTimestamp({ ...edition, aggiornamento: null })).toEqual({ year: 1980, month: 1, day: 1 });
  });

  it('writes a manifest sha256sum -c can read', () => {
    const m = manifest([
      { path: 'LEGGIMI.txt', data: enc.encode('x') },
      { path: 'cpi/index.html', data: enc.encode('') },
    ]);
    expect(m).toBe(
      '2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881  LEGGIMI.txt\n' +
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  cpi/index.html\n',
    );
    expect(() => manifest([{ path: 'a\nb', data: new Uint8Array() }])).toThrow(/escaping/);
  });

  it('LEGGIMI.txt names the source, its sha256, the dates, the licence and how to verify', () => {
    const text = leggimi({
      name: 'pnrr-lombardia-2025-08-10-eee61c08957e',
      edition,
      source: { licence: 'CC BY 4.0', licenceUrl: 'https://creativecommons.org/licenses/by/4.0/deed.it' },
      files: 10,
      pages: 8,
      seedCopy: 'fonte/000_e71b61cb0ceb10fc.txt',
    });
    for (const s of [
      edition.sha256,
      'Ministero del Lavoro e delle Politiche Sociali',
      '10/06/2025, 30/06/2025, 31/07/2025, 10/08/2025',
      'CC BY 4.0',
      'sha256sum -c MANIFEST.sha256',
      'pnrr-lombardia-2025-08-10-eee61c08957e/index.html',
      'fonte/000_e71b61cb0ceb10fc.txt',
    ]) {
      expect(text).toContain(s);
    }
    expect(itDate('2025-08-10')).toBe('10/08/2025');
  });
});
