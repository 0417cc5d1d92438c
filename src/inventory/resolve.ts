/**
 * Pure: raw device records to resolved devices (defaults applied, platform alias to its id,
 * credentials and jump hosts looked up), with every problem named by file, line and device.
 */
import type { Device } from '../config/schema.js';
import type { ConfigProblem } from '../config/problems.js';
import { resolvePlatform } from '../drivers/registry.js';
import { nearest } from '../config/suggest.js';
import { printable } from '../config/printable.js';
import { unknownPlatformMessage } from './platform-names.js';
import { storePathCollisions, type PlacedDevice } from './store-paths.js';
import type { InventoryRecords, ResolveContext } from './types.js';

export function resolveDevices(input: InventoryRecords, ctx: ResolveContext): { devices: Device[]; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const seen = new Map<string, number>();
  const devices: Device[] = [];
  const placed: PlacedDevice[] = [];
  input.records.forEach((d, i) => {
    const origin = input.origins[i]!;
    const report = (message: string, key?: string) => problems.push({ file: origin.file, line: origin.lineOf(key), device: d.name, message });
    const merged = { ...ctx.defaults, ...d };
    const firstIndex = seen.get(d.name.toLowerCase());
    if (firstIndex !== undefined) report(`duplicate device name (first defined at line ${input.origins[firstIndex]!.lineOf() ?? '?'})`, 'name');
    else seen.set(d.name.toLowerCase(), i);
    if (!merged.host) report('host is required (set it on the device or in defaults)');
    const platform = merged.platform ? resolvePlatform(merged.platform) : undefined;
    if (!merged.platform) report('platform is required (set it on the device or in defaults)');
    else if (!platform) report(unknownPlatformMessage(merged.platform), 'platform');
    const credName = merged.credentials;
    const creds = credName ? ctx.credentials.get(credName) : undefined;
    if (!credName) report('credentials is required (name of a set under credentials:)');
    else if (!creds) {
      const known = [...ctx.credentials.keys()];
      const near = nearest(credName, known);
      report(`credentials "${printable(credName)}" is not defined${near ? `; did you mean ${near}?` : ''}${known.length ? ` (defined: ${known.join(', ')})` : ''}`, 'credentials');
    }
    let jump: Device['jump'];
    if (merged.jump) {
      const j = ctx.jumpHosts[merged.jump];
      const jumpCreds = j ? ctx.credentials.get(j.credentials) : undefined;
      if (!j) report(`jump "${printable(merged.jump)}" is not defined under jump_hosts`, 'jump');
      else if (!jumpCreds) report(`jump host "${merged.jump}": credentials "${j.credentials}" is not defined`, 'jump');
      else jump = { name: merged.jump, host: j.host, port: j.port, credentials: jumpCreds, credentialsName: j.credentials };
    }
    for (const pattern of merged.ignore ?? []) if (!isRegex(pattern)) report(`ignore: invalid regular expression /${printable(pattern)}/`, 'ignore');
    placed.push({ name: d.name, group: merged.group, origin });
    if (!merged.host || !platform || !creds || !credName) return;
    const { name, host, port, group, tags, ignore, files, commands, ...rest } = merged;
    devices.push({
      // Per-device settings other sessions' features add (announces_changes, host_key...) pass through.
      ...(rest as Record<string, unknown>),
      name,
      host: host!,
      port: port ?? 22,
      platform,
      group,
      tags: tags ?? [],
      credentials: creds,
      credentialsName: credName,
      ignore: ignore ?? [],
      jump,
      files,
      commands,
    } as Device);
  });
  problems.push(...storePathCollisions(placed));
  return { devices, problems };
}

export function isRegex(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}
