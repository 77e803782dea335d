// Compare built trees byte for byte and explain the first difference of each differing file.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles } from '../../scripts/postbuild/tree.ts';

export function hashTree(dir: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const f of listFiles(dir)) m.set(f, createHash('sha256').update(readFileSync(join(dir, ...f.split('/')))).digest('hex'));
  return m;
}

/** sha256 over the sorted (path, sha256) list: one number for a whole tree. */
export function treeDigest(tree: Map<string, string>): string {
  const h = createHash('sha256');
  for (const [p, s] of tree) h.update(`${s}  ${p}\n`);
  return h.digest('hex');
}

/** Where two versions of a file first differ, with a little context, for a readable failure. */
export function firstDifference(a: Buffer, b: Buffer): string {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  if (i === n && a.length === b.length) return 'identical';
  const show = (buf: Buffer) => JSON.stringify(buf.subarray(Math.max(0, i - 40), i + 60).toString('utf8'));
  return `at byte ${i}: ${show(a)} vs ${show(b)}`;
}

/** Problems (one line each) when the trees under `a` and `b` are not identical. */
export function compareTrees(a: string, b: string, labelA = 'A', labelB = 'B'): { files: number; problems: string[] } {
  const ta = hashTree(a);
  const tb = hashTree(b);
  const problems: string[] = [];
  for (const p of ta.keys()) if (!tb.has(p)) problems.push(`${p}: only in ${labelA}`);
  for (const p of tb.keys()) if (!ta.has(p)) problems.push(`${p}: only in ${labelB}`);
  for (const [p, s] of ta) {
    const s2 = tb.get(p);
    if (s2 && s2 !== s) {
      problems.push(`${p}: differs ${firstDifference(readFileSync(join(a, ...p.split('/'))), readFileSync(join(b, ...p.split('/'))))}`);
    }
  }
  return { files: ta.size, problems };
}
