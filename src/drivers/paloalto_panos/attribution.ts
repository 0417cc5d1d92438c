/**
 * PAN-OS attribution: the config text has no author, the config log has. Newest first:
 *
 *    Time                Host            Client Cmd        Admin           Result
 *         Configuration Path
 *    ===============================================================================
 *    2025/09/30 03:12:05 10.0.0.9        Web    set        jdoe            Submitted
 *         mgt-config users backdoor
 *
 * The column order is read from the header line (public outputs differ between releases); the
 * layout is unverified against a recording. `show config audit` compares versions and names no one.
 */
import { attribution, outputLines } from '../common/attribution.js';
import type { AttributionSpec, ChangeAttribution } from '../types.js';

export const CONFIG_LOG = 'show log config direction equal backward';
const DEFAULT_COLUMNS = ['host', 'client', 'cmd', 'admin', 'result'];
const STAMP = /^(\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d)\s+(.*)$/;

function via(client: string | undefined): string | undefined {
  if (!client) return undefined;
  const c = client.toLowerCase();
  return c === 'xml' || c === 'api' || c.startsWith('xml') ? 'api' : c;
}

export function parsePanosConfigLog(output: string): ChangeAttribution | undefined {
  const lines = outputLines(output);
  const header = lines.find((l) => /^\s*Time\s+Host\s/i.test(l));
  const columns = header
    ? header.trim().split(/\s+/).slice(1).map((c) => c.toLowerCase().replace(/^command$/, 'cmd'))
    : DEFAULT_COLUMNS;
  const entries: Array<{ at: string; row: Record<string, string>; path?: string }> = [];
  for (let i = 0; i < lines.length; i++) {
    const m = STAMP.exec(lines[i]!.trim());
    if (!m) continue;
    const tokens = m[2]!.split(/\s+/);
    const row: Record<string, string> = {};
    columns.forEach((c, k) => tokens[k] !== undefined && (row[c] = tokens[k]!));
    const next = lines[i + 1];
    entries.push({ at: m[1]!, row, path: next && /^\s{2,}\S/.test(next) && !STAMP.test(next.trim()) ? next.trim() : undefined });
  }
  const newest = entries[0];
  if (!newest?.row['admin']) return undefined;
  // A commit's admin is who made it live; the edits that admin made before it are what changed.
  const edits = newest.row['cmd'] === 'commit' ? entries.slice(1).filter((e) => e.row['admin'] === newest.row['admin'] && e.row['cmd'] !== 'commit') : [newest];
  return attribution({
    user: newest.row['admin'],
    at: newest.at,
    source: newest.row['host'],
    via: via(newest.row['client']),
    commands: edits.filter((e) => e.path).map((e) => `${e.row['cmd'] ?? ''} ${e.path}`.trim()),
  });
}

export const panosAttribution: AttributionSpec = { from: 'command', command: CONFIG_LOG, parse: parsePanosConfigLog };
