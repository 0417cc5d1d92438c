/**
 * Schema validation that reports every problem and keeps every valid part: each top-level
 * section, each device, each channel and each named set (credentials, jump hosts...) is parsed
 * on its own, so one bad key neither hides the other problems nor stops the semantic checks
 * (credentials, duplicates, hosts) from running on the rest.
 */
import type { z } from 'zod';
import { configSchema, type RawConfig } from './schema.js';
import type { ConfigProblem } from './problems.js';
import { keysAt } from './schema-keys.js';
import { unknownKeyAdvice } from './suggest.js';

type Path = ReadonlyArray<PropertyKey>;
type Issue = z.core.$ZodIssue;

export interface IssueContext {
  file: string;
  lineOf(path: Path): number | undefined;
  /** The device a path belongs to (its name as written), for `device NAME:` in messages. */
  deviceAt(path: Path): string | undefined;
}

type Parsed = { ok: true; data: unknown } | { ok: false };

const isMap = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: { type: string; innerType?: z.ZodType; element?: z.ZodType } } })._zod.def;

export interface Sections {
  raw: RawConfig;
  problems: ConfigProblem[];
  /** Per list section, the file positions of the items kept (raw.devices[i] is item kept.devices[i] of the file). */
  kept: Record<string, number[]>;
}

/** Pure: the document's JS value to a RawConfig built from its valid parts, plus every problem. */
export function parseSections(doc: unknown, ctx: IssueContext): Sections {
  const problems: ConfigProblem[] = [];
  const shape = configSchema.shape as Record<string, z.ZodType>;
  let top: Record<string, unknown> = {};
  if (isMap(doc)) top = doc;
  else if (doc !== null && doc !== undefined) problems.push({ file: ctx.file, line: 1, message: 'the config must be a mapping of keys (store:, credentials:, devices:, ...)' });
  for (const key of Object.keys(top)) {
    if (!(key in shape)) problems.push({ file: ctx.file, line: ctx.lineOf([key]), message: `${key}: unknown key; ${unknownKeyAdvice(key, Object.keys(shape), false)}` });
  }
  const out: Record<string, unknown> = {};
  const kept: Record<string, number[]> = {};
  for (const [key, schema] of Object.entries(shape)) out[key] = parseSection(key, schema, top[key], ctx, problems, (kept[key] = []));
  return { raw: out as RawConfig, problems, kept };
}

function parseSection(key: string, schema: z.ZodType, value: unknown, ctx: IssueContext, problems: ConfigProblem[], kept: number[]): unknown {
  const inner = defOf(schema).type === 'default' ? defOf(schema).innerType! : schema;
  const kind = defOf(inner).type;
  if (kind === 'array' && Array.isArray(value)) {
    const element = defOf(inner).element!;
    return value.flatMap((item, i) => {
      const r = lenient(element, item, [key, i], ctx, problems);
      if (!r.ok) return [];
      kept.push(i);
      return [r.data];
    });
  }
  if (kind === 'record' && isMap(value)) {
    const merged: Record<string, unknown> = {};
    for (const [name, item] of Object.entries(value)) {
      const r = lenient(inner, { [name]: item }, [key], ctx, problems);
      if (r.ok) Object.assign(merged, r.data);
    }
    return merged;
  }
  const r = lenient(schema, value, [key], ctx, problems);
  if (r.ok) return r.data;
  const fallback = schema.safeParse(undefined);
  return fallback.success ? fallback.data : undefined;
}

/** Parse; on failure report every issue, then try again without the offending keys (to check the rest). */
function lenient(schema: z.ZodType, value: unknown, prefix: Path, ctx: IssueContext, problems: ConfigProblem[]): Parsed {
  const first = schema.safeParse(value);
  if (first.success) return { ok: true, data: first.data };
  const bad = new Set<string>();
  let salvageable = isMap(value);
  for (const issue of first.error.issues) {
    problems.push(...toProblems(issue, schema, value, prefix, ctx));
    if (issue.code === 'unrecognized_keys' && issue.path.length === 0) issue.keys.forEach((k) => bad.add(k));
    else if (issue.path.length > 0) bad.add(String(issue.path[0]));
    else salvageable = false;
  }
  if (!salvageable) return { ok: false };
  const rest = Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([k]) => !bad.has(k)));
  const retry = schema.safeParse(rest);
  return retry.success ? { ok: true, data: retry.data } : { ok: false };
}

function toProblems(issue: Issue, schema: z.ZodType, value: unknown, prefix: Path, ctx: IssueContext): ConfigProblem[] {
  const path = [...prefix, ...issue.path];
  const device = ctx.deviceAt(path);
  if (issue.code === 'unrecognized_keys') {
    const known = keysAt(schema, value, issue.path);
    const isDeviceRecord = (path[0] === 'devices' && path.length === 2) || (path[0] === 'defaults' && path.length === 1);
    return issue.keys.map((k) => ({
      file: ctx.file,
      line: ctx.lineOf([...path, k]),
      device,
      message: `${[...path, k].map(String).join('.')}: unknown key; ${unknownKeyAdvice(k, known, isDeviceRecord)}`,
    }));
  }
  const key = path.map(String).join('.');
  return [{ file: ctx.file, line: ctx.lineOf(path), device, message: key ? `${key}: ${issue.message}` : issue.message }];
}
