/**
 * OpenSSH known_hosts, read-only: parse (pure) and find the entries for one host:port.
 * Supported: plain and hashed (`|1|salt|hash`) host fields, `[host]:port`, comma lists,
 * `*`/`?` wildcards, `!negation`, `@revoked`; `@cert-authority` lines are skipped (driftwatch does
 * not verify host certificates). Unreadable lines are kept as problems, with their line number.
 */
import { createHmac } from 'node:crypto';
import { fingerprintOf } from './host-key.js';

export interface KnownHostsEntry {
  line: number;
  revoked: boolean;
  hosts: string;
  keyType: string;
  fingerprint: string;
  /** base64 of the key blob. */
  key: string;
  /** The host field compiled once (a fleet looks the file up thousands of times per cycle). */
  matches: (name: string) => boolean;
}

type Found = { trusted: KnownHostsEntry[]; revoked: KnownHostsEntry[] };

export interface KnownHosts {
  file: string;
  entries: KnownHostsEntry[];
  problems: Array<{ line: number; message: string }>;
  /** Entries whose host field is only exact names, by name: found without a scan. */
  byName: Map<string, KnownHostsEntry[]>;
  /** Hashed, wildcard and negated entries: tested one by one (a hashed entry costs an HMAC). */
  scan: KnownHostsEntry[];
  revoked: KnownHostsEntry[];
  /** Lookups by `hostString`, valid as long as this parse is. */
  memo: Map<string, Found>;
}

export function parseKnownHosts(text: string, file: string): KnownHosts {
  const entries: KnownHostsEntry[] = [];
  const problems: KnownHosts['problems'] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (!raw || raw.startsWith('#')) continue;
    const fields = raw.split(/\s+/);
    let marker: string | undefined;
    if (fields[0]!.startsWith('@')) marker = fields.shift();
    if (marker === '@cert-authority') continue;
    const [hosts, keyType, key] = fields;
    const problem = (message: string) => problems.push({ line: i + 1, message });
    if (marker && marker !== '@revoked') {
      problem(`unknown marker ${marker.slice(0, 32)}`);
      continue;
    }
    if (!hosts || !keyType || !key) {
      problem('expected: [marker] hosts key-type base64-key [comment]');
      continue;
    }
    const blob = Buffer.from(key, 'base64');
    const len = blob.length >= 4 ? blob.readUInt32BE(0) : -1;
    if (len <= 0 || blob.length < 4 + len || blob.subarray(4, 4 + len).toString('latin1') !== keyType) {
      problem(`key does not decode as ${keyType.slice(0, 40)}`);
      continue;
    }
    entries.push({ line: i + 1, revoked: marker === '@revoked', hosts, keyType, fingerprint: fingerprintOf(blob), key, matches: compileHostsField(hosts) });
  }
  const byName = new Map<string, KnownHostsEntry[]>();
  const scan: KnownHostsEntry[] = [];
  for (const e of entries) {
    if (e.revoked) continue;
    if (e.hosts.startsWith('|') || /[*?!]/.test(e.hosts)) {
      scan.push(e);
      continue;
    }
    for (const name of e.hosts.toLowerCase().split(',')) {
      if (!name) continue;
      const list = byName.get(name);
      if (list) list.push(e);
      else byName.set(name, [e]);
    }
  }
  return { file, entries, problems, byName, scan, revoked: entries.filter((e) => e.revoked), memo: new Map() };
}

/** How OpenSSH names a host in known_hosts: `host` on port 22, `[host]:port` elsewhere. */
export function hostString(host: string, port: number): string {
  const h = host.toLowerCase();
  return port === 22 ? h : `[${h}]:${port}`;
}

function hashedMatcher(field: string): (name: string) => boolean {
  const [, magic, salt, hash] = field.split('|');
  if (magic !== '1' || !salt || !hash) return () => false;
  const key = Buffer.from(salt, 'base64');
  const expected = Buffer.from(hash, 'base64');
  return (name) => createHmac('sha1', key).update(name).digest().equals(expected);
}

function wildcard(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

/** OpenSSH rules: any negated pattern that matches excludes the line; else any positive match. */
function compileHostsField(field: string): (name: string) => boolean {
  if (field.startsWith('|')) return hashedMatcher(field);
  const patterns = field
    .split(',')
    .filter((p) => p && p !== '!')
    .map((p) => ({ negated: p.startsWith('!'), re: wildcard(p.startsWith('!') ? p.slice(1) : p) }));
  return (name) => {
    let matched = false;
    for (const p of patterns) {
      if (!p.re.test(name)) continue;
      if (p.negated) return false;
      matched = true;
    }
    return matched;
  };
}

export function hostsFieldMatches(field: string, host: string, port: number): boolean {
  return compileHostsField(field)(hostString(host, port));
}

/** The entries that name this host: keys it may present, and keys it must never present. */
export function entriesFor(kh: KnownHosts, host: string, port: number): Found {
  const name = hostString(host, port);
  const hit = kh.memo.get(name);
  if (hit) return hit;
  const trusted = [...(kh.byName.get(name) ?? [])];
  for (const e of kh.scan) if (e.matches(name)) trusted.push(e);
  trusted.sort((a, b) => a.line - b.line);
  // A revoked key is refused for every host, whatever its host field says (stricter than OpenSSH).
  const found = { trusted, revoked: kh.revoked };
  kh.memo.set(name, found);
  return found;
}
