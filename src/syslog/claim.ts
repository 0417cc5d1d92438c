/**
 * What syslog says about a change, as a claim: it triggers a pull and fills the gaps of the
 * device's own attribution, labelled as reported by syslog (anyone can forge a datagram; what
 * changed is always read from the device).
 */
import type { ChangeAttribution } from '../drivers/types.js';
import type { ChangeEvent, ChangeKind } from './change-event.js';

/** One recognised config-change message from a known device, as received. */
export interface ReceivedChange {
  device: string;
  event: ChangeEvent;
  /** Our clock at reception (ISO), not the device's timestamp. */
  receivedAt: string;
  /** Address the message came from, and over what. */
  sender: string;
  transport: 'udp' | 'tcp' | 'tls';
  /** The message as received, cleaned and secrets masked. */
  raw: string;
}

export interface SyslogClaim {
  reportedBy: 'syslog';
  device: string;
  /** The most recent user the burst names; `users` lists every one (at most 5). */
  user?: string;
  users: string[];
  source?: string;
  line?: string;
  via?: string;
  command?: string;
  code: string;
  kind: ChangeKind;
  firstAt: string;
  lastAt: string;
  /** Messages in the burst (the claim keeps the first and latest ones' details). */
  messages: number;
  sender: string;
}

/** The claim of a burst of messages from one device (oldest first). */
export function claimOf(changes: readonly ReceivedChange[], count = changes.length): SyslogClaim {
  const first = changes[0]!;
  const last = changes[changes.length - 1]!;
  const latest = <K extends 'user' | 'source' | 'line' | 'via' | 'command'>(k: K) => [...changes].reverse().find((c) => c.event[k])?.event[k];
  const users = [...new Set(changes.map((c) => c.event.user).filter((u): u is string => !!u))].slice(0, 5);
  return {
    reportedBy: 'syslog',
    device: first.device,
    user: latest('user'),
    users,
    source: latest('source'),
    line: latest('line'),
    via: latest('via'),
    command: latest('command'),
    code: last.event.code,
    kind: last.event.kind,
    firstAt: first.receivedAt,
    lastAt: last.receivedAt,
    messages: count,
    sender: last.sender,
  };
}

export interface MergedAttribution extends ChangeAttribution {
  via?: string;
  /** Which fields came from syslog (unverified) rather than the device's own record. */
  fromSyslog: Array<'user' | 'source' | 'at' | 'via'>;
}

/** The device's own attribution wins; syslog fills what it leaves out, and says so. */
export function mergeAttribution(device: ChangeAttribution | undefined, claim: SyslogClaim | undefined): MergedAttribution {
  const fromSyslog: MergedAttribution['fromSyslog'] = [];
  const pick = <T>(own: T | undefined, claimed: T | undefined, field: MergedAttribution['fromSyslog'][number]) => {
    if (own !== undefined && own !== '') return own;
    if (claimed !== undefined) fromSyslog.push(field);
    return claimed;
  };
  const out: MergedAttribution = { fromSyslog };
  const user = pick(device?.user, claim?.user, 'user');
  const source = pick(device?.source, claim?.source, 'source');
  const at = pick(device?.at, claim?.lastAt, 'at');
  const via = pick(device?.via, claim?.via ?? claim?.line, 'via');
  if (user) out.user = user;
  if (source) out.source = source;
  if (at) out.at = at;
  if (via) out.via = via;
  return out;
}

/** Commit trailers for a merged attribution; `Change-Claimed-By: syslog` marks syslog-sourced fields. */
export function attributionTrailers(a: MergedAttribution): Record<string, string> {
  const t: Record<string, string> = {};
  if (a.user) t['Changed-By'] = a.user;
  if (a.at) t['Changed-At'] = a.at;
  if (a.source) t['Change-Source'] = a.source;
  if (a.via) t['Change-Via'] = a.via;
  if (a.fromSyslog.length) t['Change-Claimed-By'] = `syslog (unverified: ${a.fromSyslog.join(', ')})`;
  return t;
}
