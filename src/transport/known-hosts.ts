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
}

export interface KnownHosts {
  file: string;
  entries: KnownHostsEntry[];
  problems: Array<{ line: number; message: string }>;
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
    entries.push({ line: i + 1, revoked: marker === '@revoked', hosts, keyType, fingerprint: fingerprintOf(blob), key });
  }
  return { file, entries, problems };
}

/** How OpenSSH names a host in known_hosts: `host` on port 22, `[host]:port` elsewhere. */
export function hostString(host: string, port: number): string {
  const h = host.toLowerCase();
  return port === 22 ? h : `[${h}]:${port}`;
}

function hashedMatches(field: string, name: string): boolean {
  const [, magic, salt, hash] = field.split('|');
  if (magic !== '1' || !salt || !hash) return false;
  return createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === hash;
}

function wildcard(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

/** OpenSSH rules: any negated pattern that matches excludes the line; else any positive match. */
export function hostsFieldMatches(field: string, host: string, port: number): boolean {
  const name = hostString(host, port);
  if (field.startsWith('|')) return hashedMatches(field, name);
  let matched = false;
  for (const p of field.split(',')) {
    const negated = p.startsWith('!');
    const pattern = negated ? p.slice(1) : p;
    if (!pattern || !wildcard(pattern).test(name)) continue;
    if (negated) return false;
    matched = true;
  }
  return matched;
}

/** The entries that name this host: keys it may present, and keys it must never present. */
export function entriesFor(kh: KnownHosts, host: string, port: number): { trusted: KnownHostsEntry[]; revoked: KnownHostsEntry[] } {
  const trusted: KnownHostsEntry[] = [];
  const revoked: KnownHostsEntry[] = [];
  for (const e of kh.entries) {
    // A revoked key is revoked for every host, whatever its host field says (as in OpenSSH).
    if (e.revoked) revoked.push(e);
    else if (hostsFieldMatches(e.hosts, host, port)) trusted.push(e);
  }
  return { trusted, revoked };
}
