/**
 * Read a zod (v3) schema's shape at runtime: the open-data flattener derives every column's
 * type, nullability and allowed values from the same schemas that validate the records, so a
 * field added to src/schemas/ shows up in the CSV, the dictionary and datapackage.json by itself.
 * JSDoc is not visible at runtime; descriptions come from dictionary.ts (or `.describe()`).
 */
import { z, type ZodTypeAny } from 'zod';

/** What a schema node is, once optional/nullable/default/refine wrappers are peeled off. */
export type Shape =
  | { kind: 'string'; date: boolean }
  | { kind: 'number'; integer: boolean }
  | { kind: 'boolean' }
  | { kind: 'enum'; values: string[] }
  | { kind: 'object'; shape: Record<string, ZodTypeAny> }
  | { kind: 'array'; element: ZodTypeAny }
  | { kind: 'tuple'; items: ZodTypeAny[] }
  | { kind: 'union'; options: ZodTypeAny[] }
  | { kind: 'other' };

/** A schema node with its wrappers peeled off. */
export interface Unwrapped {
  shape: Shape;
  /** The field may be missing from a record (z.optional / z.default). */
  optional: boolean;
  /** The field may be null. */
  nullable: boolean;
  /** `.describe()` text found on any wrapper, if any. */
  description?: string;
}

// zod v3 keeps the node kind in `_def.typeName`; reading it avoids `instanceof`, which breaks
// when two copies of zod end up in the bundle.
interface Def {
  typeName?: string;
  innerType?: ZodTypeAny;
  schema?: ZodTypeAny;
  type?: ZodTypeAny;
  in?: ZodTypeAny;
  out?: ZodTypeAny;
  getter?: () => ZodTypeAny;
  checks?: { kind: string; regex?: RegExp }[];
  values?: unknown;
  value?: unknown;
  options?: ZodTypeAny[] | Map<unknown, ZodTypeAny>;
  items?: ZodTypeAny[];
  shape?: () => Record<string, ZodTypeAny>;
  description?: string;
}

const defOf = (s: ZodTypeAny): Def => (s as unknown as { _def: Def })._def;

/** An ISO date string is recognised by its `yyyy-mm-dd` regex check. */
const ISO_DATE = /\\d\{4\}-\\d\{2\}-\\d\{2\}/;

/** Peel wrappers and classify a schema node. */
export function unwrap(schema: ZodTypeAny): Unwrapped {
  let s = schema;
  let optional = false;
  let nullable = false;
  let description: string | undefined;
  for (let guard = 0; guard < 50; guard++) {
    const d = defOf(s);
    description ??= d.description;
    switch (d.typeName) {
      case 'ZodOptional':
        optional = true;
        s = d.innerType!;
        continue;
      case 'ZodDefault':
      case 'ZodCatch':
        optional = true;
        s = d.innerType!;
        continue;
      case 'ZodNullable':
        nullable = true;
        s = d.innerType!;
        continue;
      case 'ZodReadonly':
        s = d.innerType!;
        continue;
      case 'ZodBranded':
        s = d.type!;
        continue;
      case 'ZodEffects':
        s = d.schema!;
        continue;
      case 'ZodPipeline':
        s = d.out!;
        continue;
      case 'ZodLazy':
        s = d.getter!();
        continue;
    }
    return { shape: classify(s, d), optional, nullable, description };
  }
  throw new Error('zod-shape: schema nesting too deep');
}

function classify(s: ZodTypeAny, d: Def): Shape {
  switch (d.typeName) {
    case 'ZodString':
      return { kind: 'string', date: (d.checks ?? []).some((c) => c.kind === 'regex' && !!c.regex && ISO_DATE.test(c.regex.source)) };
    case 'ZodDate':
      return { kind: 'string', date: true };
    case 'ZodNumber':
      return { kind: 'number', integer: (d.checks ?? []).some((c) => c.kind === 'int') };
    case 'ZodBigInt':
      return { kind: 'number', integer: true };
    case 'ZodBoolean':
      return { kind: 'boolean' };
    case 'ZodEnum':
      return { kind: 'enum', values: [...(d.values as string[])] };
    case 'ZodNativeEnum':
      return { kind: 'enum', values: Object.values(d.values as Record<string, string | number>).filter((v): v is string => typeof v === 'string') };
    case 'ZodLiteral':
      if (typeof d.value === 'string') return { kind: 'enum', values: [d.value] };
      if (typeof d.value === 'number') return { kind: 'number', integer: Number.isInteger(d.value) };
      if (typeof d.value === 'boolean') return { kind: 'boolean' };
      return { kind: 'other' };
    case 'ZodObject':
      return { kind: 'object', shape: (s as unknown as { shape: Record<string, ZodTypeAny> }).shape };
    case 'ZodArray':
      return { kind: 'array', element: d.type! };
    case 'ZodSet':
      return { kind: 'array', element: (d as { valueType?: ZodTypeAny }).valueType! };
    case 'ZodTuple':
      return { kind: 'tuple', items: d.items ?? [] };
    case 'ZodUnion':
    case 'ZodDiscriminatedUnion': {
      const opts = d.options instanceof Map ? [...d.options.values()] : (d.options ?? []);
      return unionShape(opts);
    }
    default:
      return { kind: 'other' };
  }
}

/** A union of string literals is an enum; a union of objects is flattened as the merge of their fields. */
function unionShape(options: ZodTypeAny[]): Shape {
  const parts = options.map((o) => unwrap(o).shape);
  if (parts.every((p) => p.kind === 'enum')) {
    return { kind: 'enum', values: [...new Set(parts.flatMap((p) => (p as { values: string[] }).values))] };
  }
  if (parts.every((p) => p.kind === 'object')) {
    return { kind: 'object', shape: mergeShapes(parts.map((p) => (p as { shape: Record<string, ZodTypeAny> }).shape)) };
  }
  if (parts.every((p) => p.kind === 'number')) {
    return { kind: 'number', integer: parts.every((p) => (p as { integer: boolean }).integer) };
  }
  return { kind: 'union', options };
}

/**
 * Merge the fields of several object shapes (the options of a union). A field that only some
 * options have is simply missing from the others' records; a field that several options define
 * as objects, or as lists of objects, is merged recursively, so no option's sub-field is lost.
 */
export function mergeShapes(shapes: Record<string, ZodTypeAny>[]): Record<string, ZodTypeAny> {
  const byKey = new Map<string, ZodTypeAny[]>();
  for (const sh of shapes) for (const [k, v] of Object.entries(sh)) (byKey.get(k) ?? byKey.set(k, []).get(k)!).push(v);
  return Object.fromEntries([...byKey].map(([k, defs]) => [k, mergeField(defs)]));
}

function mergeField(defs: ZodTypeAny[]): ZodTypeAny {
  if (defs.length === 1) return defs[0];
  const us = defs.map(unwrap);
  const wrap = (t: ZodTypeAny) => {
    const n = us.some((u) => u.nullable) ? t.nullable() : t;
    return us.some((u) => u.optional) ? n.optional() : n;
  };
  if (us.every((u) => u.shape.kind === 'enum')) {
    // The discriminator of a union (`tipo: 'a'` | `tipo: 'b'`) allows every option's value.
    const values = [...new Set(us.flatMap((u) => (u.shape as { values: string[] }).values))] as [string, ...string[]];
    return wrap(z.enum(values));
  }
  if (us.every((u) => u.shape.kind === 'object')) {
    const shapes = us.map((u) => (u.shape as { shape: Record<string, ZodTypeAny> }).shape);
    // Two Values stay a Value: merging keeps {value, status, raw}.
    return wrap(z.object(mergeShapes(shapes)));
  }
  if (us.every((u) => u.shape.kind === 'array' && unwrap((u.shape as { element: ZodTypeAny }).element).shape.kind === 'object')) {
    const elements = us.map((u) => (u.shape as { element: ZodTypeAny }).element);
    return wrap(z.array(mergeField(elements)));
  }
  return defs[0];
}

/** True when an object shape is the shared `Value` figure: `{value, status, raw}`. */
export function isValueShape(shape: Record<string, ZodTypeAny>): boolean {
  return 'value' in shape && 'status' in shape && 'raw' in shape;
}

/** True when an object shape is the shared `Provenance`: `{file, lines, table, …}`. */
export function isProvenanceShape(shape: Record<string, ZodTypeAny>): boolean {
  return 'file' in shape && 'lines' in shape && 'table' in shape;
}
