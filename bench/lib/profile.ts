/**
 * A CPU profile of a function run in this process (the V8 inspector, as `node --cpu-prof` takes
 * it), reduced to the functions with the most self time. Positions are mapped back to the
 * TypeScript sources through the source maps tsx registers, so each hot spot reads
 * `scripts/parse/x.ts:123` (the line where the function starts).
 */
import { Session } from 'node:inspector/promises';
import { findSourceMap } from 'node:module';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface HotSpot {
  fn: string;
  /** file:line of the function, relative to `root` (or a node:/internal location). */
  where: string;
  selfMs: number;
  /** Share of the profiled time, percent. */
  pct: number;
}

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function location(cf: CallFrame, root: string): string {
  if (!cf.url) return '(native)';
  let url = cf.url;
  let line = cf.lineNumber;
  try {
    const entry = findSourceMap(url)?.findEntry(cf.lineNumber, cf.columnNumber) as { originalSource?: string; originalLine?: number } | undefined;
    if (entry?.originalSource) {
      url = entry.originalSource;
      line = entry.originalLine ?? line;
    }
  } catch {
    /* no source map: generated position */
  }
  const file = url.startsWith('file:') ? relative(root, fileURLToPath(url)) : url;
  return `${file}:${line + 1}`;
}

/** Profile `iterations` calls of `fn` and return the `top` functions by self time. */
export async function profileHotSpots(fn: () => void, opts: { iterations: number; root: string; top?: number }): Promise<{ totalMs: number; spots: HotSpot[] }> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
    for (let i = 0; i < opts.iterations; i++) fn();
    const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map<string, { fn: string; where: string; us: number }>();
    let total = 0;
    profile.samples.forEach((id, i) => {
      const cf = byId.get(id)!.callFrame;
      const dt = profile.timeDeltas[i] ?? 0;
      if (cf.functionName === '(idle)' || cf.functionName === '(program)') return;
      total += dt;
      const where = location(cf, opts.root);
      const key = `${cf.functionName}|${where}`;
      const s = self.get(key) ?? { fn: cf.functionName || '(anonymous)', where, us: 0 };
      s.us += dt;
      self.set(key, s);
    });
    const spots = [...self.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, opts.top ?? 15)
      .map((s) => ({ fn: s.fn, where: s.where, selfMs: Math.round(s.us / 100 / opts.iterations) / 10, pct: Math.round((s.us / total) * 1000) / 10 }));
    return { totalMs: Math.round(total / 100 / opts.iterations) / 10, spots };
  } finally {
    await session.post('Profiler.disable').catch(() => {});
    session.disconnect();
  }
}
