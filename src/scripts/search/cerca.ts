/**
 * The /cerca/ page's only script: search the Pagefind index as the reader types, show each result
 * with its type, province, a detail line and the excerpt, and announce the count in a live region.
 *
 * - The query comes from ?q= (the header form of every page submits it) and runs on arrival;
 *   ?tipo=, ?provincia=, ?misura= preselect the filters. The URL follows the box, so a search can
 *   be shared.
 * - Pagefind's JS API, not its default UI: our markup, Italian strings, fewer bytes. The bundle is
 *   loaded from the page's data-bundle (built from the site's base path) as soon as the script
 *   runs, so the index is warm by the time the reader has typed: its module, entry file and
 *   WebAssembly all at once (src/lib/search/bundle.ts), not one after the other.
 * - Pagefind runs on the page's thread, not in its web worker (`noWorker`): a worker's requests
 *   cannot use the page's preloaded responses (each file would be downloaded twice), its script
 *   is one more download on the critical path, and a search of this index takes milliseconds.
 * - Query normalisation (src/lib/search/query.ts): split CUPs joined, apostrophes unified,
 *   "S.Angelo" spaced. Case and accents are Pagefind's own business.
 * - Ranking is Pagefind's, except that pages named exactly as the query come first
 *   (src/lib/search/rank.ts: filter-only searches on the exact-name filter the key falls in):
 *   "Milano" → the comune's page first, then CPI Milano, the Comune di Milano and the province,
 *   then the rest.
 * - On file:// (an unzipped copy) Pagefind cannot load: the page keeps its visible explanation
 *   and links to the A–Z indexes, and nothing is fetched.
 * - Each result is shown as soon as its fragment (and those of the results above it) has arrived:
 *   the first does not wait for the slowest of the ten.
 * - Every piece of result text is set with textContent; the excerpt's <mark>s become elements
 *   (src/lib/search/excerpt.ts). No innerHTML.
 */
import { normalizeQuery } from '../../lib/search/query.ts';
import { exactComuneValue, exactFilterName, nameKey, promoteExact } from '../../lib/search/rank.ts';
import { excerptParts } from '../../lib/search/excerpt.ts';
import { resultCountText, tipoLabel } from '../../lib/search/labels.ts';
import { PAGEFIND_MODULE, preloadPagefind } from '../../lib/search/bundle.ts';

interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
  filters: Record<string, string[] | undefined>;
}
interface PagefindResult {
  id: string;
  score: number;
  data(): Promise<PagefindResultData>;
}
interface PagefindResponse {
  results: PagefindResult[];
}
interface Pagefind {
  options(o: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(term: string | null, o?: { filters?: Record<string, string> }): Promise<PagefindResponse | null>;
}

/** Results shown at once (each one costs a small fragment download). */
const PAGE_SIZE = 10;
/** Pause after a keystroke before searching (ms): short, the index answers in a few ms. */
const DEBOUNCE = 80;
const FILTER_KEYS = ['tipo', 'provincia', 'misura'] as const;
/**
 * Pagefind ranking: termSimilarity up from 1 so that "salo" prefers "Salò" to "Salone" and
 * "milano" "Milano" to "Milanese"; a measure's code counts more than a title ("M5C2 I1.3.1" is
 * printed on every project of the measure); the detail line (entity of a project) a little less.
 */
const RANKING = { termSimilarity: 3, metaWeights: { title: 5, codice: 8, dettaglio: 0.5 } };

const root = document.querySelector<HTMLElement>('[data-cerca]');
if (root) start(root);

function start(root: HTMLElement) {
  const form = root.querySelector<HTMLFormElement>('form')!;
  const input = root.querySelector<HTMLInputElement>('input[name="q"]')!;
  const status = root.querySelector<HTMLElement>('[data-cerca-stato]')!;
  const heading = root.querySelector<HTMLElement>('[data-cerca-titolo]')!;
  const list = root.querySelector<HTMLOListElement>('[data-cerca-risultati]')!;
  const more = root.querySelector<HTMLButtonElement>('[data-cerca-altri]')!;
  const offline = root.querySelector<HTMLElement>('[data-cerca-offline]')!;
  const selects = Object.fromEntries(FILTER_KEYS.map((k) => [k, form.querySelector<HTMLSelectElement>(`select[name="${k}"]`)])) as Record<
    (typeof FILTER_KEYS)[number],
    HTMLSelectElement | null
  >;

  // An unzipped copy opened from disk: the browser refuses Pagefind's module and its fetches.
  if (location.protocol === 'file:') return;

  const bundle = root.dataset.bundle!;
  const base = root.dataset.base!;
  let pagefind: Promise<Pagefind> | null = null;
  const load = () => {
    if (pagefind) return pagefind;
    // Entry file and WebAssembly on their way while the module downloads; Pagefind then asks for
    // the same URLs (metaCacheTag: the entry file's ?ts=) and gets the preloaded responses.
    const metaCacheTag = preloadPagefind(document, bundle);
    return (pagefind = (import(/* @vite-ignore */ `${bundle}${PAGEFIND_MODULE}`) as Promise<Pagefind>).then(async (pf) => {
      // Options given before init() are the ones Pagefind starts with (noWorker is read only then).
      await pf.options({ baseUrl: base, excerptLength: 24, ranking: RANKING, noWorker: true, metaCacheTag });
      await pf.init();
      return pf;
    }));
  };
  // Start the downloads now, before anything else the page sets up.
  void load().catch(() => {});

  offline.hidden = true;

  const params = new URLSearchParams(location.search);
  input.value = params.get('q') ?? '';
  for (const k of FILTER_KEYS) {
    const v = params.get(k);
    const sel = selects[k];
    if (sel && v && [...sel.options].some((o) => o.value === v)) sel.value = v;
  }
  // Filters set by the URL are shown, not hidden in the closed <details>.
  const filterBox = root.querySelector<HTMLDetailsElement>('[data-cerca-filtri]');
  if (filterBox && FILTER_KEYS.some((k) => selects[k]?.value)) filterBox.open = true;

  let generation = 0;
  let shown: { results: PagefindResult[]; next: number; gen: number } | null = null;
  let timer: number | undefined;

  const filters = () => {
    const f: Record<string, string> = {};
    for (const k of FILTER_KEYS) if (selects[k]?.value) f[k] = selects[k]!.value;
    return f;
  };

  const syncUrl = (q: string) => {
    const p = new URLSearchParams();
    if (q) p.set('q', q);
    for (const [k, v] of Object.entries(filters())) p.set(k, v);
    const qs = p.toString();
    const url = `${location.pathname}${qs ? `?${qs}` : ''}`;
    // (Arriving with ?q= from the header form, the URL is already right: no history call.)
    if (url !== `${location.pathname}${location.search}`) history.replaceState(null, '', url);
  };

  async function run() {
    const gen = ++generation;
    const raw = input.value;
    const q = normalizeQuery(raw);
    const f = filters();
    syncUrl(raw.trim());
    if (!q && Object.keys(f).length === 0) {
      clear();
      status.textContent = '';
      return;
    }
    let pf: Pagefind;
    try {
      pf = await load();
    } catch {
      if (gen !== generation) return;
      clear();
      offline.hidden = false;
      status.textContent = 'La ricerca non è disponibile: non è stato possibile caricare l’indice.';
      return;
    }
    // The normal search and, next to it, the pages named exactly as the query (rank.ts), both
    // lookups in the one small filter file of the key's bucket.
    // (Not for one or two letters: no page is named so, and the first keystroke of a cold page
    // should not wait for the filter file.)
    const key = nameKey(q).length >= 3 ? nameKey(q) : '';
    const exactFilter = key ? exactFilterName(key) : '';
    let res: PagefindResponse | null;
    let exact: PagefindResponse | null = null;
    let exactComune: PagefindResponse | null = null;
    try {
      [res, exact, exactComune] = await Promise.all([
        pf.search(q || null, { filters: f }),
        key ? pf.search(null, { filters: { ...f, [exactFilter]: key } }) : Promise.resolve(null),
        // A town's own page leads: it gathers its CPI, entities and projects.
        key && (!f.tipo || f.tipo === 'comune') ? pf.search(null, { filters: { ...f, [exactFilter]: exactComuneValue(key) } }) : Promise.resolve(null),
      ]);
    } catch {
      res = null;
    }
    if (gen !== generation) return;
    if (!res) {
      clear();
      status.textContent = 'La ricerca non è riuscita: riprova o usa gli indici alfabetici qui sotto.';
      return;
    }
    const exactIds = new Set((exact?.results ?? []).map((r) => r.id));
    const comuneIds = new Set((exactComune?.results ?? []).map((r) => r.id));
    const found = new Set(res.results.map((r) => r.id));
    // Pagefind's order, exact names first (the comune's own page before them); an exactly named
    // page the words missed is added too.
    const all = [...res.results, ...(exact?.results ?? []).filter((r) => !found.has(r.id))];
    const results = promoteExact(
      promoteExact(all, (r) => exactIds.has(r.id)),
      (r) => comuneIds.has(r.id),
    );
    shown = { results, next: 0, gen };
    try {
      await showMore(true);
    } catch {
      if (gen !== generation) return;
      clear();
      status.textContent = 'La ricerca non è riuscita: riprova o usa gli indici alfabetici qui sotto.';
      return;
    }
    if (gen !== generation) return;
    heading.hidden = results.length === 0;
    status.textContent = resultCountText(results.length, q);
    // For the browser tests: when the results of which query were on screen (query timing).
    performance.mark('cerca:risultati', { detail: { q, input: raw, filtri: f, n: results.length } });
  }

  /**
   * Fetch and show the next PAGE_SIZE results (`replace`: instead of the current list). Every
   * fragment is requested at once; each result goes on screen as soon as it and the ones above
   * it have arrived, so the list grows in order and the first does not wait for the slowest.
   */
  async function showMore(replace = false) {
    if (!shown) return;
    const { results, gen } = shown;
    const firstNew = shown.next;
    const slice = results.slice(firstNew, firstNew + PAGE_SIZE);
    const pending = slice.map((r) => r.data());
    // A fragment that fails after an earlier one stopped the loop must not go unhandled.
    for (const p of pending) p.catch(() => {});
    // A new list: the previous query's "more" button would continue the wrong list.
    if (replace) more.hidden = true;
    if (replace && !slice.length) list.replaceChildren();
    for (const [i, p] of pending.entries()) {
      const d = await p;
      if (gen !== generation) return;
      const item = renderResult(d);
      if (replace && i === 0) list.replaceChildren(item);
      else list.append(item);
      // Counted as shown one by one: after a failed fragment, "more" resumes right there.
      shown.next = firstNew + i + 1;
    }
    more.hidden = shown.next >= results.length;
    return firstNew;
  }

  function clear() {
    shown = null;
    list.replaceChildren();
    heading.hidden = true;
    more.hidden = true;
  }

  function renderResult(d: PagefindResultData): HTMLLIElement {
    const li = document.createElement('li');
    li.className = 'cerca-risultato';
    const tipo = d.filters.tipo?.[0] ?? d.meta.tipo;
    const provincia = d.filters.provincia?.[0];
    const kind = document.createElement('p');
    kind.className = 'cerca-tipo';
    const badge = document.createElement('span');
    badge.className = 'cerca-badge';
    badge.textContent = tipoLabel(tipo);
    kind.append(badge);
    if (provincia && tipo !== 'provincia') kind.append(` · provincia di ${provincia}`);
    const h = document.createElement('h3');
    const a = document.createElement('a');
    a.href = d.url;
    a.textContent = d.meta.title ?? d.url;
    h.append(a);
    li.append(kind, h);
    if (d.meta.dettaglio) {
      const p = document.createElement('p');
      p.className = 'cerca-dettaglio';
      p.textContent = d.meta.dettaglio;
      li.append(p);
    }
    const parts = excerptParts(d.excerpt);
    if (parts.length) {
      const p = document.createElement('p');
      p.className = 'cerca-estratto';
      for (const part of parts) {
        if (part.mark) {
          const m = document.createElement('mark');
          m.textContent = part.text;
          p.append(m);
        } else p.append(part.text);
      }
      li.append(p);
    }
    return li;
  }

  const schedule = () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(run, DEBOUNCE);
  };

  input.addEventListener('input', schedule);
  for (const k of FILTER_KEYS) selects[k]?.addEventListener('change', () => void run());
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    window.clearTimeout(timer);
    void run();
  });
  let loadingMore = false;
  more.addEventListener('click', async () => {
    // A second click while the next ten arrive would fetch the same ten again.
    if (loadingMore) return;
    loadingMore = true;
    let first: number | undefined;
    try {
      first = await showMore();
    } catch {
      status.textContent = 'Non è stato possibile caricare altri risultati: riprova.';
      return;
    } finally {
      loadingMore = false;
    }
    // Move focus to the first new result so keyboard and screen-reader users continue from there.
    if (first !== undefined) list.children[first]?.querySelector('a')?.focus();
  });

  // Search at once when the page was opened with a query or filters (the index is on its way).
  if (input.value.trim() || Object.keys(filters()).length) void run();
}
