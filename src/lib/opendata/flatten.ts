/**
 * Records → flat tables, driven by the collection's zod schema (pure, no I/O).
 *
 * - nested objects become underscored snake_case columns (`indicatori.output` → `indicatori_output`);
 * - each Value `{value, status, raw}` becomes `<col>` (the number, empty when missing) and
 *   `stato_<col>` (its status), so a missing figure is never written as 0;
 * - arrays of scalars are joined with `|`; arrays of objects (or of Values) are exploded into a
 *   child table keyed by the parent id and the 1-based position;
 * - `provenance` becomes `fonte_file`, `fonte_righe`, `fonte_tabella`, `dati_al`, `fonte_sistema`
 *   (table titles are published once, in the `tabelle-documento` dataset, not on every row);
 *   child rows without their own provenance inherit the parent's.
 * Column order follows the schema (id first, provenance last); row order follows the input.
 */
import type { ZodTypeAny } from 'zod';
import { isProvenanceShape, isValueShape, unwrap, type Shape } from './zod-shape.ts';

/** One cell: a number, a string, a boolean or null (empty in CSV). */
export type Cell = string | number | boolean | null;
/** One flat row, keyed by column name, in column order. */
export type Row = Record<string, Cell>;
/** Table Schema-compatible column types. */
export type ColumnType = 'string' | 'integer' | 'number' | 'boolean' | 'date';
/**
 * What a column holds: `id` the record id; `chiave` the parent key of a child table;
 * `posizione` the 1-based position in the parent's list; `valore` a figure; `stato` the status of
 * a figure; `campo` any other field; `elenco` a `|`-joined list; `fonte` provenance.
 */
export type ColumnRole = 'id' | 'chiave' | 'posizione' | 'campo' | 'valore' | 'stato' | 'elenco' | 'fonte';

/** One published column: name, type, role and where it comes from in the record. */
export interface Column {
  /** Header in the CSV, key in the JSON. */
  name: string;
  /** Dotted path of the field in the record (`importo`, `indicatori.output`); for generated columns, a pseudo-path. */
  path: string;
  type: ColumnType;
  role: ColumnRole;
  /** Allowed values, for enums and statuses. */
  enum?: string[];
  /** The field may be empty (missing or null) in some record. */
  nullable: boolean;
  /** `.describe()` text on the schema node, if any. */
  schemaDescription?: string;
  /** For `stato_x`: the column `x` it qualifies. */
  of?: string;
}

/** A flattened table: columns in order and rows keyed by column name. */
export interface FlatTable {
  /** Dataset name (kebab-case slug): the collection's, or `<parent>-<field>` for a child table. */
  name: string;
  columns: Column[];
  rows: Row[];
  /** Columns that identify a row (`id`, or parent key + position). */
  key: string[];
  /** For a child table: the parent table and the path of the exploded list. */
  parent?: { table: string; path: string; key: string[] };
}

/** Prefix of the column that holds a figure's status (`stato_importo` for `importo`). */
export const VALUE_STATUS_COLUMN_PREFIX = 'stato_';

interface ColumnPlan extends Column {
  get(rec: unknown): Cell | undefined;
}

interface ChildPlan {
  /** Dotted path of the list from the record's root. */
  path: string;
  /** Column-name parts of the list field (its published name). */
  names: string[];
  get(rec: unknown): unknown[] | undefined;
  plan: Plan;
}

interface Plan {
  columns: ColumnPlan[];
  children: ChildPlan[];
}

interface CompileCtx {
  /** Record path of the object being compiled (empty for the record itself, the list's path for its elements). */
  docBase: string[];
  /** Published name of field `k` of the object at `parentDotted`. */
  part(parentDotted: string, k: string): string;
}

/** camelCase / spaced / accented field name → snake_case ASCII. */
export function snake(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** camelCase / snake_case name → kebab-case slug (dataset and file names). */
export const kebab = (name: string): string => snake(name).replace(/_/g, '-');

/** Walk `path` in `rec`: undefined when a step is missing, null when a step is null. */
function at(rec: unknown, path: string[]): unknown {
  let cur: unknown = rec;
  for (const k of path) {
    if (cur === undefined) return undefined;
    if (cur === null) return null;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

/** Deterministic JSON for values the flat formats cannot hold otherwise (records, unknowns). */
function stableJson(v: unknown): string {
  const sort = (x: unknown): unknown =>
    Array.isArray(x)
      ? x.map(sort)
      : x && typeof x === 'object'
        ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, sort((x as Record<string, unknown>)[k])]))
        : x;
  return JSON.stringify(sort(v));
}

/** Normalise a scalar for a cell: empty strings are empty cells (CSV cannot tell "" from missing). */
function scalarCell(v: unknown, type: ColumnType): Cell | undefined {
  if (v === undefined) return undefined;
  if (v === null) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (type === 'string' || type === 'date') {
    const s = typeof v === 'string' ? v : typeof v === 'object' ? stableJson(v) : String(v);
    return s === '' ? null : s;
  }
  if (type === 'number' || type === 'integer') return typeof v === 'number' && Number.isFinite(v) ? v : null;
  if (type === 'boolean') return typeof v === 'boolean' ? v : null;
  return null;
}

function scalarType(shape: Shape): { type: ColumnType; enum?: string[] } | null {
  switch (shape.kind) {
    case 'string':
      return { type: shape.date ? 'date' : 'string' };
    case 'number':
      return { type: shape.integer ? 'integer' : 'number' };
    case 'boolean':
      return { type: 'boolean' };
    case 'enum':
      return { type: 'string', enum: shape.values };
    case 'union':
    case 'other':
      return { type: 'string' };
    default:
      return null;
  }
}

const PROVENANCE_COLUMNS: { suffix: string; key: string; type: ColumnType }[] = [
  { suffix: 'fonte_file', key: 'file', type: 'string' },
  { suffix: 'fonte_righe', key: 'lines', type: 'string' },
  { suffix: 'fonte_tabella', key: 'table', type: 'string' },
  { suffix: 'dati_al', key: 'datiAl', type: 'date' },
  { suffix: 'fonte_sistema', key: 'fonte', type: 'string' },
];

/**
 * Compile a schema into a flattening plan. `names` are the column-name parts so far, `path`
 * the record keys; `nullable` carries "an ancestor may be missing" down to the leaves.
 */
function compile(schema: ZodTypeAny, names: string[], path: string[], nullable: boolean, plan: Plan, cx: CompileCtx): void {
  const u = unwrap(schema);
  const mayBeEmpty = nullable || u.optional || u.nullable;
  const name = names.join('_');
  // `dotted` documents the field from the record's root (`indicators.nome`); `path` reads it
  // from the object at hand (a list element, for child tables).
  const dotted = [...cx.docBase, ...path].join('.');
  const get = (rec: unknown) => at(rec, path);
  const s = u.shape;

  if (s.kind === 'object') {
    if (isValueShape(s.shape)) {
      const status = unwrap(s.shape.status).shape;
      plan.columns.push({
        name,
        path: dotted,
        type: unwrap(s.shape.value).shape.kind === 'number' && (unwrap(s.shape.value).shape as { integer: boolean }).integer ? 'integer' : 'number',
        role: 'valore',
        nullable: true,
        schemaDescription: u.description,
        get: (rec) => {
          const v = get(rec) as { value?: unknown } | null | undefined;
          if (v === undefined) return undefined;
          return v === null ? null : scalarCell(v.value ?? null, 'number');
        },
      });
      plan.columns.push({
        name: VALUE_STATUS_COLUMN_PREFIX + name,
        path: `${dotted}.status`,
        type: 'string',
        role: 'stato',
        enum: status.kind === 'enum' ? status.values : undefined,
        nullable: mayBeEmpty,
        of: name,
        get: (rec) => {
          const v = get(rec) as { status?: unknown } | null | undefined;
          if (v === undefined) return undefined;
          return v === null ? null : scalarCell(v.status ?? null, 'string');
        },
      });
      // Anything a Value carries beyond value/status/raw (a note, a unit) is kept; `raw` (the
      // cell as printed) is left to the JSON collections in content/data, which keep it.
      for (const [k, sub] of Object.entries(s.shape)) {
        if (k === 'value' || k === 'status' || k === 'raw') continue;
        compile(sub, [...names, cx.part(dotted, k)], [...path, k], mayBeEmpty, plan, cx);
      }
      return;
    }
    if (isProvenanceShape(s.shape)) {
      const prefix = names.length > 1 ? names.slice(0, -1).join('_') + '_' : '';
      for (const p of PROVENANCE_COLUMNS) {
        if (!(p.key in s.shape)) continue;
        plan.columns.push({
          name: prefix + p.suffix,
          path: `${dotted}.${p.key}`,
          type: p.type,
          role: 'fonte',
          nullable: mayBeEmpty || unwrap(s.shape[p.key]).nullable || unwrap(s.shape[p.key]).optional,
          get: (rec) => {
            const v = at(rec, [...path, p.key]);
            // Lines are a [first, last] pair: written "first-last" so one column locates the record.
            if (p.key === 'lines' && Array.isArray(v)) return v.length ? `${v[0]}-${v[v.length - 1]}` : null;
            return scalarCell(v, p.type);
          },
        });
      }
      return;
    }
    for (const [k, sub] of Object.entries(s.shape)) compile(sub, [...names, cx.part(dotted, k)], [...path, k], mayBeEmpty, plan, cx);
    return;
  }

  if (s.kind === 'array') {
    const el = unwrap(s.element);
    const elShape = el.shape;
    if (elShape.kind === 'object') {
      const child: Plan = { columns: [], children: [] };
      const ccx: CompileCtx = { ...cx, docBase: dotted.split('.') };
      // A list of Values flattens under `valore`/`stato_valore`; a list of objects under their own fields.
      if (isValueShape(elShape.shape)) compile(s.element, ['valore'], [], false, child, ccx);
      else for (const [k, sub] of Object.entries(elShape.shape)) compile(sub, [cx.part(dotted, k)], [k], false, child, ccx);
      child.columns = ordered(child.columns);
      plan.children.push({ path: dotted, names, get: (rec) => asArray(get(rec)), plan: child });
      return;
    }
    const t = scalarType(elShape);
    if (t) {
      plan.columns.push({
        name,
        path: dotted,
        type: 'string',
        role: 'elenco',
        enum: t.enum,
        nullable: true,
        schemaDescription: u.description,
        get: (rec) => {
          const v = get(rec);
          if (v === undefined || v === null) return v as undefined | null;
          const items = asArray(v) ?? [];
          return items.length ? items.map((x) => (x === null ? '' : typeof x === 'object' ? stableJson(x) : String(x))).join('|') : null;
        },
      });
      return;
    }
    plan.columns.push(jsonColumn(name, dotted, u.description, get));
    return;
  }

  if (s.kind === 'tuple') {
    // A pair of integers is a range (document lines [first, last]): written "first-last" like fonte_righe.
    const range = s.items.length === 2 && s.items.every((i) => {
      const k = unwrap(i).shape;
      return k.kind === 'number' && k.integer;
    });
    plan.columns.push({
      name,
      path: dotted,
      type: 'string',
      role: 'elenco',
      nullable: mayBeEmpty,
      schemaDescription: u.description,
      get: (rec) => {
        const v = get(rec);
        if (v === undefined || v === null) return v as undefined | null;
        return (asArray(v) ?? []).map((x) => String(x)).join(range ? '-' : '|');
      },
    });
    return;
  }

  const t = scalarType(s);
  if (!t) {
    plan.columns.push(jsonColumn(name, dotted, u.description, get));
    return;
  }
  plan.columns.push({
    name,
    path: dotted,
    type: t.type,
    role: dotted === 'id' ? 'id' : 'campo',
    enum: t.enum,
    nullable: mayBeEmpty,
    schemaDescription: u.description,
    get: (rec) => scalarCell(get(rec), t.type),
  });
}

function jsonColumn(name: string, path: string, description: string | undefined, get: (rec: unknown) => unknown): ColumnPlan {
  return {
    name,
    path,
    type: 'string',
    role: 'campo',
    nullable: true,
    schemaDescription: description,
    get: (rec) => {
      const v = get(rec);
      if (v === undefined || v === null) return v as undefined | null;
      return typeof v === 'string' ? (v === '' ? null : v) : stableJson(v);
    },
  };
}

const asArray = (v: unknown): unknown[] | undefined => (Array.isArray(v) ? v : v instanceof Set ? [...v] : undefined);

const ORDER: Record<ColumnRole, number> = { id: 0, chiave: 0, posizione: 1, campo: 2, valore: 2, stato: 2, elenco: 2, fonte: 3 };

function ordered<T extends Column>(cols: T[]): T[] {
  const seen = new Map<string, string>();
  for (const c of cols) {
    const prev = seen.get(c.name);
    if (prev !== undefined) throw new Error(`opendata: two fields flatten to the same column "${c.name}" (${prev} and ${c.path}); rename one in src/schemas, or give one a «col» in src/lib/opendata/dictionary.ts`);
    seen.set(c.name, c.path);
  }
  return cols.map((c, i) => ({ c, i })).sort((a, b) => ORDER[a.c.role] - ORDER[b.c.role] || a.i - b.i).map(({ c }) => c);
}

/** Compiled plans by schema object and collection (the same schema is flattened for the collection, each table and each page subset). */
const plans = new WeakMap<ZodTypeAny, Map<string, Plan>>();

function planOf(schema: ZodTypeAny, opts: FlattenOptions): Plan {
  let bySchema = plans.get(schema);
  if (!bySchema) plans.set(schema, (bySchema = new Map()));
  // The plan depends on the renames, which are per collection: without a collection name a
  // rename hook cannot be told apart from another, so such a plan is not cached.
  const cacheKey = opts.collection ?? (opts.rename ? null : '');
  let p = cacheKey === null ? undefined : bySchema.get(cacheKey);
  if (!p) {
    p = { columns: [], children: [] };
    const rename = opts.rename;
    const part = (parentDotted: string, k: string) => {
      const path = parentDotted ? `${parentDotted}.${k}` : k;
      return (rename && rename(path)) || snake(k);
    };
    compile(schema, [], [], false, p, { docBase: [], part });
    p.columns = ordered(p.columns);
    if (cacheKey !== null) bySchema.set(cacheKey, p);
  }
  return p;
}

/** How to flatten a collection. */
export interface FlattenOptions {
  /** Collection the schema belongs to: the cache key of the compiled plan (one plan per schema and collection). */
  collection?: string;
  /** Published column name for a field, by dotted record path (e.g. Italian names for English fields); undefined keeps snake_case. */
  rename?: (path: string) => string | undefined;
  /** Name of the parent-id column in child tables, e.g. `id_progetto` (default `id_padre`). */
  parentKey?: string;
  /** Keep columns that no record fills (absent everywhere). Default false: such columns are dropped. */
  keepAbsentColumns?: boolean;
}

/**
 * Flatten a collection's records with its schema: the main table first, then one child table
 * per list of objects (recursively), each named `<name>-<field>`.
 */
export function flattenRecords(name: string, schema: ZodTypeAny, records: readonly unknown[], opts: FlattenOptions = {}): FlatTable[] {
  const plan = planOf(schema, opts);
  const out: FlatTable[] = [];
  const hasId = plan.columns.some((c) => c.role === 'id');
  emit(name, plan, records.map((r) => ({ rec: r, inherited: {} })), [], hasId ? ['id'] : [], undefined, opts, out);
  return out;
}

interface Item {
  rec: unknown;
  /** Cells copied from the parent row: its key, the position in its list and (when the element has none) its provenance. */
  inherited: Row;
}

function emit(
  name: string,
  plan: Plan,
  items: Item[],
  inheritedCols: Column[],
  key: string[],
  parent: FlatTable['parent'],
  opts: FlattenOptions,
  out: FlatTable[],
): void {
  const own = plan.columns;
  const rows: Row[] = [];
  const present = new Set<string>(inheritedCols.map((c) => c.name));
  for (const it of items) {
    const row: Row = { ...it.inherited };
    for (const c of own) {
      const v = c.get(it.rec);
      if (v !== undefined) present.add(c.name);
      row[c.name] = v === undefined ? null : v;
    }
    rows.push(row);
  }
  let columns: Column[] = ordered([...inheritedCols, ...own.map(stripGet)]);
  if (!opts.keepAbsentColumns && items.length) {
    // A Value's number and status travel together: keep both when either is present.
    const keep = (c: Column) =>
      present.has(c.name) || (c.role === 'valore' && present.has(VALUE_STATUS_COLUMN_PREFIX + c.name)) || (c.role === 'stato' && !!c.of && present.has(c.of));
    columns = columns.filter(keep);
  }
  const names = columns.map((c) => c.name);
  out.push({ name, columns, rows: rows.map((r) => Object.fromEntries(names.map((n) => [n, r[n] ?? null]))), key, parent });

  const fonte = own.filter((c) => c.role === 'fonte').map(stripGet);
  for (const child of plan.children) {
    const leaf = child.names.at(-1) ?? child.path;
    const childName = `${name}-${kebab(child.names.join('_'))}`;
    // The parent's `id` is renamed after the parent (`id_progetto`); deeper keys keep their names.
    const parentKey = key.map((k) => (k === 'id' ? (opts.parentKey ?? 'id_padre') : k));
    const posCol = parent ? `posizione_${snake(leaf)}` : 'posizione';
    const childOwnsFonte = child.plan.columns.some((c) => c.role === 'fonte');
    const childInherited: Column[] = [
      ...parentKey.map((k, j): Column => ({ name: k, path: key[j] === 'id' ? 'id' : k, type: 'string', role: 'chiave', nullable: false })),
      { name: posCol, path: `${child.path}[]`, type: 'integer', role: 'posizione', nullable: false },
      ...(childOwnsFonte ? [] : fonte),
    ];
    const childItems: Item[] = [];
    items.forEach((it, i) => {
      const base: Row = {};
      key.forEach((k, j) => (base[parentKey[j]] = rows[i][k] ?? null));
      (child.get(it.rec) ?? []).forEach((el, p) => {
        const inherited: Row = { ...base, [posCol]: p + 1 };
        if (!childOwnsFonte) for (const f of fonte) inherited[f.name] = rows[i][f.name] ?? null;
        childItems.push({ rec: el, inherited });
      });
    });
    emit(childName, child.plan, childItems, childInherited, [...parentKey, posCol], { table: name, path: child.path, key: parentKey }, opts, out);
  }
}

function stripGet(c: ColumnPlan | Column): Column {
  const { get: _get, ...rest } = c as ColumnPlan;
  return rest;
}

/** The columns a schema flattens to, before any data is seen (for documentation and tests). */
export function schemaColumns(schema: ZodTypeAny, opts: FlattenOptions = {}): Column[] {
  return planOf(schema, opts).columns.map(stripGet);
}
