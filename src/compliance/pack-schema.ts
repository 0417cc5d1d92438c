/** The YAML shape of a rule pack (zod). Regexes, comparisons and platforms are checked in pack-load.ts. */
import { z } from 'zod';

const verdict = z.enum(['PASS', 'FAIL', 'WARN', 'UNKNOWN', 'N/A']);
const re = z.string().min(1);

export const clauseSchema = z
  .strictObject({
    verdict,
    note: z.string().optional(),
    unless_tag: z.string().optional(),
    version: z.string().optional(),
    if_line: re.optional(),
    where: re.optional(),
    target_anywhere: z.boolean().optional(),
    line: re.optional(),
    no_line: re.optional(),
    top: z.boolean().optional(),
    block: z.union([re, z.array(re).min(1)]).optional(),
    missing: re.optional(),
    has: re.optional(),
    none: z.boolean().optional(),
    value: re.optional(),
    count: re.optional(),
    cmp: z.string().optional(),
    xref: re.optional(),
    target: re.optional(),
    target_missing: z.boolean().optional(),
    target_has: re.optional(),
    target_last_not: re.optional(),
    exec: z.string().min(1).optional(),
    output: re.optional(),
    handshake: z.enum(['hostKeyBits', 'hostKeyType', 'serverIdent', 'kex']).optional(),
    match: re.optional(),
  })
  .refine((c) => [c.line, c.no_line, c.block, c.value, c.count, c.xref, c.exec, c.handshake].filter((x) => x !== undefined).length === 1, {
    message: 'a clause needs exactly one of line, no_line, block, value, count, xref, exec, handshake',
  })
  .refine((c) => c.block === undefined || [c.missing, c.has, c.none].filter((x) => x !== undefined).length === 1, {
    message: 'a block clause needs exactly one of missing, has, none',
  })
  .refine((c) => c.xref === undefined || (c.target !== undefined && (c.target_missing || c.target_has || c.target_last_not)), {
    message: 'an xref clause needs target and one of target_missing, target_has, target_last_not',
  })
  .refine((c) => (c.value === undefined && c.count === undefined) || c.cmp !== undefined, { message: 'value and count clauses need cmp (e.g. ">10")' });

export const platformChecksSchema = z.strictObject({
  clauses: z.array(clauseSchema).default([]),
  otherwise: verdict,
  otherwise_note: z.string().optional(),
  decide: z.string().optional(),
  applies_if: re.optional(),
});

export const ruleSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'rule id: lowercase letters, digits and -'),
  title: z.string().min(1),
  severity: z.enum(['critical', 'warning', 'info']),
  guidance: z.array(z.string().min(1)).min(1),
  rationale: z.string().min(1),
  platforms: z.record(z.string(), platformChecksSchema),
});

export const packSchema = z.strictObject({
  pack: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'pack name: lowercase letters, digits, . and -'),
  description: z.string().default(''),
  rules: z.array(ruleSchema),
});
