/**
 * Small pure helpers for the benchmark: summaries of repeated timings, byte and time formatting,
 * gzip sizes. No I/O.
 */
import { gzipSync } from 'node:zlib';

export interface Summary {
  n: number;
  median: number;
  min: number;
  max: number;
  mean: number;
}

/** Median, min, max and mean of a non-empty list (the median of an even list is the mean of the middle two). */
export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) throw new Error('summarize: no values');
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { n: s.length, median, min: s[0], max: s[s.length - 1], mean: s.reduce((a, b) => a + b, 0) / s.length };
}

/** Median of a list, or null when it is empty. */
export const medianOrNull = (values: readonly number[]): number | null => (values.length ? summarize(values).median : null);

/** Bytes of `data` gzipped at level 6 (zlib's default, what static hosts and tests/support/server.mjs send). */
export function gzipSize(data: string | Uint8Array): number {
  return gzipSync(typeof data === 'string' ? Buffer.from(data) : data, { level: 6 }).length;
}

/** "12,3 KB", "4,56 MB": binary units (1 KB = 1024 B), Italian decimal comma, as RESULTS.md prints them. */
export function formatBytes(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = n;
  let u = 0;
  while (Math.abs(v) >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  const digits = u === 0 ? 0 : v < 10 ? 2 : v < 100 ? 1 : 0;
  return `${v.toFixed(digits).replace('.', ',')} ${units[u]}`;
}

/** "850 ms", "12,4 s", "3 min 05 s". */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${ms < 10 ? ms.toFixed(1).replace('.', ',') : Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 120) return `${s.toFixed(1).replace('.', ',')} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${String(Math.round(s - m * 60)).padStart(2, '0')} s`;
}

/** A number with `digits` decimals, Italian style: "31.300", "1,25". */
export function formatNumber(n: number | null | undefined, digits = 0): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  const [int, dec] = Math.abs(n).toFixed(digits).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+$)/g, '.');
  return `${n < 0 ? '-' : ''}${grouped}${dec ? `,${dec}` : ''}`;
}

/** Round to `digits` decimals (for stable, readable numbers in results.json). */
export const round = (n: number, digits = 1): number => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};
