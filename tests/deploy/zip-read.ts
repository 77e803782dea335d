// Read a zip's central directory (names, timestamps, modes) to check what the archive promises.
export interface CentralEntry {
  name: string;
  method: number;
  dosDate: number;
  dosTime: number;
  /** Unix mode from the external attributes (0 when not made on Unix). */
  mode: number;
  madeBy: number;
  extraLength: number;
}

export function readCentralDirectory(zip: Uint8Array): CentralEntry[] {
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65535); i--) {
    if (v.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('no end-of-central-directory record');
  const count = v.getUint16(end + 10, true);
  let p = v.getUint32(end + 16, true);
  const dec = new TextDecoder();
  const out: CentralEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (v.getUint32(p, true) !== 0x02014b50) throw new Error(`bad central header #${i}`);
    const nameLen = v.getUint16(p + 28, true);
    const extraLength = v.getUint16(p + 30, true);
    const commentLen = v.getUint16(p + 32, true);
    const madeBy = v.getUint16(p + 4, true) >> 8;
    out.push({
      name: dec.decode(zip.subarray(p + 46, p + 46 + nameLen)),
      method: v.getUint16(p + 10, true),
      dosTime: v.getUint16(p + 12, true),
      dosDate: v.getUint16(p + 14, true),
      mode: madeBy === 3 ? v.getUint32(p + 38, true) >>> 16 : 0,
      madeBy,
      extraLength,
    });
    p += 46 + nameLen + extraLength + commentLen;
  }
  return out;
}
