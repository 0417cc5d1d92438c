/** The keys a zod object schema allows at a path of a value, for "did you mean" on unknown keys. */
import type { z } from 'zod';

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  discriminator?: string;
}

const def = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Peel wrappers (default, optional, pipe...) and pick the union member the value selects. */
function unwrap(schema: z.ZodType, value: unknown): z.ZodType | undefined {
  let s: z.ZodType | undefined = schema;
  for (let guard = 0; s && guard < 20; guard++) {
    const d = def(s);
    if (d.innerType) s = d.innerType;
    else if (d.type === 'pipe' && d.in) s = d.in;
    else if (d.type === 'union' && d.options) s = pickOption(d, value);
    else return s;
  }
  return undefined;
}

function pickOption(d: Def, value: unknown): z.ZodType | undefined {
  const tag = d.discriminator && value && typeof value === 'object' ? (value as Record<string, unknown>)[d.discriminator] : undefined;
  for (const option of d.options!) {
    const shape = def(option).shape;
    if (!shape) continue;
    if (tag === undefined) return option;
    const literal = shape[d.discriminator!];
    if (literal && (literal as unknown as { safeParse(v: unknown): { success: boolean } }).safeParse(tag).success) return option;
  }
  return undefined;
}

/** Allowed keys of the object at `path` inside `value` (validated by `schema`), or [] when not an object. */
export function keysAt(schema: z.ZodType, value: unknown, path: ReadonlyArray<PropertyKey>): string[] {
  let s = unwrap(schema, value);
  let v = value;
  for (const step of path) {
    if (!s) return [];
    const d = def(s);
    v = v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[step] : undefined;
    const next = d.shape ? d.shape[String(step)] : d.type === 'array' ? d.element : d.type === 'record' ? d.valueType : undefined;
    s = next ? unwrap(next, v) : undefined;
  }
  const shape = s ? def(s).shape : undefined;
  return shape ? Object.keys(shape) : [];
}
