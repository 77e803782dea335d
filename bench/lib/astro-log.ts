/**
 * What `astro build` says about itself: the phases it times and, per route file, how many
 * files it wrote and the milliseconds it reports for each ("└─ /x/index.html (+5ms)"). This
 * shows where a large build spends its time without instrumenting the site.
 */

export interface AstroPhases {
  /** "[types] Generated 7.42s" */
  typesMs: number | null;
  /** "Collecting build info… ✓ Completed in" */
  collectMs: number | null;
  /** "Building static entrypoints… ✓ Completed in" */
  entrypointsMs: number | null;
  /** "generating static routes … ✓ Completed in" */
  routesMs: number | null;
  /** "[build] N page(s) built in" */
  pagesBuilt: number | null;
  totalMs: number | null;
  /** "[pnrr:page-downloads] N download files (B bytes) for P pages in X ms" (src/integrations/page-downloads.ts). */
  downloads: { files: number; bytes: number; pages: number; ms: number } | null;
  /** Log timestamps (seconds since midnight, local time) of the first line and of the end of bundling. */
  firstAt: number | null;
  entrypointsDoneAt: number | null;
}

export interface RouteCost {
  /** Route file, e.g. src/pages/progetti/[cup].astro */
  route: string;
  files: number;
  /** Sum of the per-file times Astro prints (rendering only; endpoints print +0ms). */
  ms: number;
  /** From this route's first line to the next route's (log timestamps: 1 s resolution), including getStaticPaths. */
  wallMs: number | null;
}

const ANSI = /\x1b\[[0-9;]*m/g;
const secs = (s: string) => Math.round(Number(s) * 1000);

/** Parse an `astro build` log. */
export function parseAstroLog(log: string): { phases: AstroPhases; routes: RouteCost[] } {
  const lines = log.replace(ANSI, '').split('\n');
  const phases: AstroPhases = { typesMs: null, collectMs: null, entrypointsMs: null, routesMs: null, pagesBuilt: null, totalMs: null, downloads: null, firstAt: null, entrypointsDoneAt: null };
  const routes: RouteCost[] = [];
  let current: RouteCost | null = null;
  let started: number | null = null;
  let section: 'collect' | 'entrypoints' | 'routes' | null = null;
  const close = (at: number | null) => {
    if (current && started !== null && at !== null) current.wallMs = ((at - started + 86_400) % 86_400) * 1000;
  };
  for (const line of lines) {
    let m: RegExpExecArray | null;
    const ts = /^(\d\d):(\d\d):(\d\d) /.exec(line);
    const at = ts ? Number(ts[1]) * 3600 + Number(ts[2]) * 60 + Number(ts[3]) : null;
    if (phases.firstAt === null && at !== null) phases.firstAt = at;
    if ((m = /\[types\] Generated (?:in )?([\d.]+)(m?s)/.exec(line))) phases.typesMs = m[2] === 'ms' ? Number(m[1]) : secs(m[1]);
    else if (/Collecting build info/.test(line)) section = 'collect';
    else if (/Building static entrypoints/.test(line)) section = 'entrypoints';
    else if (/generating static routes/.test(line)) section = 'routes';
    else if ((m = /✓ Completed in ([\d.]+)(m?s)/.exec(line)) && section) {
      const ms = m[2] === 'ms' ? Number(m[1]) : secs(m[1]);
      if (section === 'collect') phases.collectMs = ms;
      else if (section === 'entrypoints') {
        phases.entrypointsMs = ms;
        phases.entrypointsDoneAt = at;
      }
      else phases.routesMs = ms;
      if (section === 'routes') close(at);
      section = null;
      current = null;
    } else if ((m = /\[pnrr:page-downloads\] (\d+) download files \((\d+) bytes\) for (\d+) pages in (\d+) ms/.exec(line))) {
      phases.downloads = { files: Number(m[1]), bytes: Number(m[2]), pages: Number(m[3]), ms: Number(m[4]) };
    } else if ((m = /\[build\] (\d+) page\(s\) built in ([\d.]+)(m?s)/.exec(line))) {
      phases.pagesBuilt = Number(m[1]);
      phases.totalMs = m[3] === 'ms' ? Number(m[2]) : secs(m[2]);
    } else if ((m = /[▶λ] (src\/pages\/\S+)/.exec(line))) {
      close(at);
      current = { route: m[1], files: 0, ms: 0, wallMs: null };
      started = at;
      routes.push(current);
    } else if (current && (m = /[├└]─ \S+ \(\+(\d+(?:\.\d+)?)(m?s)\)/.exec(line))) {
      current.files++;
      current.ms += m[2] === 'ms' ? Number(m[1]) : secs(m[1]);
    }
  }
  for (const r of routes) r.ms = Math.round(r.ms);
  return { phases, routes };
}
