/** Plain data of the compliance engine: rules (from YAML packs), inputs, verdicts. */
import type { Severity } from '../core/severity.js';

export type Verdict = 'PASS' | 'FAIL' | 'WARN' | 'UNKNOWN' | 'N/A';

/** Worst first: when several clauses of one rule decide, the worst verdict wins. */
export const VERDICT_RANK: Record<Verdict, number> = { FAIL: 4, WARN: 3, UNKNOWN: 2, PASS: 1, 'N/A': 0 };

/** What the daemon saw in its own SSH handshake with the device. */
export interface HandshakeFacts {
  /** Server identification, e.g. `SSH-1.99-Cisco-1.25`. */
  serverIdent?: string;
  /** e.g. `ssh-rsa`, `ecdsa-sha2-nistp384`, `ssh-ed25519`. */
  hostKeyType?: string;
  /** RSA modulus bits, ECDSA curve bits. */
  hostKeyBits?: number;
  /** Key exchange algorithms the server offered. */
  kex?: string[];
}

export interface EvalInput {
  /** Canonical platform id (`cisco_ios`, ...). */
  platform: string;
  /** The snapshot text as stored (secrets masked). */
  config: string;
  /** Driver facts (`os_version`, `model`, `image`...). */
  facts?: Record<string, unknown>;
  handshake?: HandshakeFacts;
  /** Outputs of exec commands, keyed by command (e.g. `show vstack config`). */
  exec?: Record<string, string>;
  /** Device tags: a clause may be skipped for tagged devices (`unless_tag`). */
  tags?: string[];
}

export interface Evidence {
  /** 1-based line number in the snapshot; 0 for evidence that is not a config line. */
  line: number;
  text: string;
}

export interface RuleResult {
  rule: string;
  title: string;
  severity: Severity;
  verdict: Verdict;
  /** Offending (FAIL/WARN) or proving (PASS) lines. */
  lines: Evidence[];
  /** Why, in a few words per deciding clause. */
  notes: string[];
  /** For UNKNOWN: what would decide it (an exec command, the handshake, a full export). */
  decide?: string;
  waiver?: { reason: string; expires: string; scope: string };
}

/** One deciding test of a rule on one platform (see docs/compliance.md for each kind). */
export interface Clause {
  verdict: Verdict;
  note?: string;
  /** Skip the clause on devices carrying this tag (e.g. `guestshell-required`). */
  unless_tag?: string;
  /** Apply only when the device's OS version satisfies this (e.g. `<16.0`); skipped when unknown. */
  version?: string;
  /** Precondition: the clause applies only when some line matches this. */
  if_line?: string;
  /** present: some line matches. */
  line?: string;
  /** absent: no line matches. */
  no_line?: string;
  /** Restrict `line`/`no_line`/`count`/`value` to indentation 0. */
  top?: boolean;
  /** block-every: blocks whose header matches (a list = nested path). */
  block?: string | string[];
  /** ...only those blocks with a descendant matching this (e.g. an INTERNET description). */
  where?: string;
  /** ...some such block lacks a descendant matching this. */
  missing?: string;
  /** ...some such block has a descendant matching this. */
  has?: string;
  /** ...no such block exists at all. */
  none?: boolean;
  /** value: first capture group of this regex compared as a number. */
  value?: string;
  /** count: number of matching lines compared. */
  count?: string;
  /** Comparison for value/count/handshake bits, e.g. `>10`, `<3072`, `==0`. */
  cmp?: string;
  /** xref: lines naming an object (capture group 1) ... */
  xref?: string;
  /** ...and the object's definition, `{1}` replaced by the name (a header line or a top-level line prefix). */
  target?: string;
  /** ...searched among all lines instead of top-level ones (BGP `neighbor X password`). */
  target_anywhere?: boolean;
  /** ...verdict when the object is not defined. */
  target_missing?: boolean;
  /** ...verdict when any entry of the object matches. */
  target_has?: string;
  /** ...verdict when the last entry of the object does not match. */
  target_last_not?: string;
  /** exec evidence: output of this command... */
  exec?: string;
  /** ...matches this. */
  output?: string;
  /** handshake evidence: field compared with `cmp` (bits; `match` then filters the key type), matched with `match` (ident, type) or searched in (kex). */
  handshake?: 'hostKeyBits' | 'hostKeyType' | 'serverIdent' | 'kex';
  match?: string;
}

export interface PlatformChecks {
  clauses: Clause[];
  /** Verdict when no clause decides (absent lines: the platform default). */
  otherwise: Verdict;
  otherwise_note?: string;
  /** For an UNKNOWN outcome: what would decide it. */
  decide?: string;
  /** The rule applies only when this line exists (else N/A), e.g. IKE rules need crypto config. */
  applies_if?: string;
}

export interface Rule {
  id: string;
  title: string;
  severity: Severity;
  /** Guidance items (V1..V7, H1..H24, C1..C5 in docs/compliance.md). */
  guidance: string[];
  rationale: string;
  /** Canonical platform id -> checks; `all` applies to every platform not listed. */
  platforms: Record<string, PlatformChecks>;
  /** Source file and line, for messages. */
  source: string;
}

export interface Pack {
  name: string;
  description: string;
  file: string;
  rules: Rule[];
}
