/** Builds the parse context: the recording side of the parser contract (no I/O). */
import type { AppliedRepair, Correction, ParseCtx } from './types.ts';
import type { SeedLine } from './seed.ts';

export interface LineClaim {
  kind: 'consumed' | 'structural' | 'prose';
  by: string;
}

export interface CtxState {
  ctx: ParseCtx;
  claims: Map<number, LineClaim>;
  repairs: AppliedRepair[];
}

export function createContext(file: string, lines: SeedLine[], corrections: Correction[]): CtxState {
  const claims = new Map<number, LineClaim>();
  const repairs: AppliedRepair[] = [];
  const byRaw = new Map(corrections.map((c) => [c.raw, c]));
  const seen = new Set<string>();
  const claim = (ls: number | number[], kind: LineClaim['kind'], by: string) => {
    for (const n of Array.isArray(ls) ? ls : [ls]) {
      const prev = claims.get(n);
      // A consumed claim wins over a structural or prose one; the first consumer keeps the line.
      if (!prev || (prev.kind !== 'consumed' && kind === 'consumed')) claims.set(n, { kind, by });
    }
  };
  const ctx: ParseCtx = {
    file,
    lines,
    corrections,
    correct(raw, line, table) {
      const c = byRaw.get(raw);
      if (!c) return raw;
      const key = `${line}\u0000${raw}`;
      if (!seen.has(key)) {
        seen.add(key);
        repairs.push({ kind: 'correzione', rule: 'corrections.json', raw, fixed: c.fixed, reason: c.reason, line, table });
      }
      return c.fixed;
    },
    repaired(r) {
      repairs.push({ kind: 'regola', ...r });
    },
    consume: (ls, by) => claim(ls, 'consumed', by),
    structural: (ls, by) => claim(ls, 'structural', by),
    prose: (ls, measure) => claim(ls, 'prose', measure),
    claimed: (n) => claims.has(n),
  };
  return { ctx, claims, repairs };
}
