/**
 * Run a command and measure it: wall time, peak resident memory of its whole process tree, the
 * load average before and after. Memory is read from /proc (Linux), so nothing has to be
 * installed: every `interval` ms the tree below the child is walked and
 *   - `peakRssBytes` is the largest sum of VmRSS over the tree seen at one sample (what the
 *     machine had to hold at once: npm + node + pagefind workers…),
 *   - `peakProcessHwmBytes` is the largest VmHWM (kernel-kept high-water mark) of any single
 *     process, exact even between samples, as last read before that process ended.
 * On systems without /proc both are null.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Append stdout and stderr here (the build logs are long; they are parsed afterwards). */
  logFile?: string;
  /** Kill the whole tree after this many ms (the run is then reported as timed out). */
  timeoutMs?: number;
  /** Sampling interval for /proc, ms. */
  interval?: number;
  /** Echo a line of progress to this function every 30 s. */
  progress?: (line: string) => void;
  /** Step of the memory timeline, ms (default 5000). */
  timelineStep?: number;
}

export interface RunResult {
  command: string;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  wallMs: number;
  peakRssBytes: number | null;
  peakProcessHwmBytes: number | null;
  /** Name of the process with the largest VmHWM (e.g. "node", "pagefind"). */
  peakProcessName: string | null;
  /** 1-, 5- and 15-minute load averages just before and just after. */
  loadBefore: number[];
  loadAfter: number[];
  /** Wall-clock time the command started (epoch ms): lines of its log can be placed on the timeline. */
  startedAt: number;
  /** [ms since start, largest tree RSS in bytes] every `timelineStep` ms: where in the run memory grew. */
  timeline: [number, number][];
}

const HAS_PROC = existsSync('/proc/self/status');

/** ppid of every process, from /proc/<pid>/stat (field 4, after the parenthesised name). */
function parentMap(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // ended meanwhile
    }
    const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ppid = Number(after[1]);
    const list = children.get(ppid);
    if (list) list.push(Number(name));
    else children.set(ppid, [Number(name)]);
  }
  return children;
}

/** The pid and all its descendants. */
export function processTree(root: number): number[] {
  const children = parentMap();
  const out: number[] = [];
  const stack = [root];
  while (stack.length) {
    const p = stack.pop()!;
    out.push(p);
    for (const c of children.get(p) ?? []) stack.push(c);
  }
  return out;
}

interface ProcMem {
  name: string;
  rss: number;
  hwm: number;
}

/** VmRSS and VmHWM of one process in bytes (null when it is gone or a kernel thread). */
export function procMem(pid: number): ProcMem | null {
  let s: string;
  try {
    s = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const kb = (key: string) => {
    const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(s);
    return m ? Number(m[1]) * 1024 : null;
  };
  const rss = kb('VmRSS');
  const hwm = kb('VmHWM');
  if (rss === null || hwm === null) return null;
  return { name: /^Name:\s+(.*)$/m.exec(s)?.[1] ?? '?', rss, hwm };
}

const load = () => loadavg().map((x) => Math.round(x * 100) / 100);

/** Run `command` through `sh -c` (as npm runs scripts) and measure it. Never throws for a failing command. */
export function runMeasured(command: string, opts: RunOptions): Promise<RunResult> {
  const interval = opts.interval ?? 100;
  const loadBefore = load();
  const log = opts.logFile ? createWriteStream(opts.logFile, { flags: 'a' }) : null;
  log?.write(`\n$ ${command}\n`);
  const t0 = performance.now();
  const startedAt = Date.now();
  const step = opts.timelineStep ?? 5000;
  const timeline: [number, number][] = [];
  const child = spawn('sh', ['-c', command], { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout.on('data', (d) => log?.write(d));
  child.stderr.on('data', (d) => log?.write(d));

  let peakRss: number | null = HAS_PROC ? 0 : null;
  const hwm = new Map<number, ProcMem>();
  const sample = () => {
    if (!HAS_PROC || child.pid === undefined) return;
    let sum = 0;
    for (const pid of processTree(child.pid)) {
      const m = procMem(pid);
      if (!m) continue;
      sum += m.rss;
      const prev = hwm.get(pid);
      if (!prev || m.hwm >= prev.hwm) hwm.set(pid, m);
    }
    if (sum > (peakRss ?? 0)) peakRss = sum;
    const slot = Math.floor((performance.now() - t0) / step) * step;
    const last = timeline[timeline.length - 1];
    if (last && last[0] === slot) last[1] = Math.max(last[1], sum);
    else timeline.push([slot, sum]);
  };
  const timer = setInterval(sample, interval);
  sample();
  let timedOut = false;
  const killer = opts.timeoutMs
    ? setTimeout(() => {
        timedOut = true;
        try {
          process.kill(-child.pid!, 'SIGKILL'); // the whole group: sh, npm, node, workers
        } catch {
          /* already gone */
        }
      }, opts.timeoutMs)
    : null;
  let lastProgress = t0;

  return new Promise((resolve) => {
    const tick = setInterval(() => {
      if (opts.progress && performance.now() - lastProgress > 30_000) {
        lastProgress = performance.now();
        opts.progress(`  … ${Math.round((lastProgress - t0) / 1000)} s, peak ${Math.round((peakRss ?? 0) / 2 ** 20)} MB, load ${load()[0]}`);
      }
    }, 1000);
    child.on('close', (code, signal) => {
      const wallMs = performance.now() - t0;
      clearInterval(timer);
      clearInterval(tick);
      if (killer) clearTimeout(killer);
      let top: ProcMem | null = null;
      for (const m of hwm.values()) if (!top || m.hwm > top.hwm) top = m;
      const done = () =>
        resolve({
          command,
          exitCode: code,
          signal: signal ?? null,
          timedOut,
          wallMs,
          peakRssBytes: peakRss,
          peakProcessHwmBytes: top ? top.hwm : HAS_PROC ? 0 : null,
          peakProcessName: top?.name ?? null,
          loadBefore,
          loadAfter: load(),
          startedAt,
          timeline: HAS_PROC ? timeline : [],
        });
      if (log) log.end(done);
      else done();
    });
  });
}

/** `PATH` with the project's node_modules/.bin first, as `npm run` sets it. */
export function npmPath(projectDir: string, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...env, PATH: `${projectDir}/node_modules/.bin:${env.PATH ?? ''}` };
}
