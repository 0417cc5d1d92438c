/**
 * Arista EOS attribution: the running config has no "last changed by" header, so the syslog
 * buffer's config events are read when the config changed. Line format as EOS logs
 * `%SYS-5-CONFIG_I` (IOS-like; the eAPI line name `command-api` is unverified):
 *
 *    Sep 30 03:12:05 sw1 ConfigAgent: %SYS-5-CONFIG_I: Configured from console by jdoe on vty3 (10.0.0.9)
 *    2025-09-30T03:12:05.123456+00:00 sw1 ConfigAgent: %SYS-5-CONFIG_I: Configured from console by jdoe on vty3 (10.0.0.9)
 *
 * AAA command accounting (`aaa accounting commands all default start-stop logging`) would also
 * name the commands; its line text is unverified, so it is not parsed.
 */
import { attribution, outputLines } from '../common/attribution.js';
import type { AttributionSpec, ChangeAttribution } from '../types.js';

export const LOGGING_CONFIG_EVENTS = 'show logging | include SYS-5-CONFIG_I';

const EVENT = /^(\w{3} +\d+ \d\d:\d\d:\d\d|\d{4}-\d\d-\d\dT[\d:.]+(?:Z|[+-]\d\d:?\d\d)?)\s+\S+\s+\S+:\s+%SYS-5-CONFIG_I: Configured from (\S+) by (\S+) on (\S+)(?: \(([^)]*)\))?/;

/** The newest `Configured from ... by ...` event of the log buffer (oldest first in `show logging`). */
export function parseEosLogging(output: string): ChangeAttribution | undefined {
  let last: RegExpExecArray | undefined;
  for (const l of outputLines(output)) last = EVENT.exec(l.trim()) ?? last;
  if (!last) return undefined;
  const [, at, , user, line, address] = last;
  const via = /^command-api|^capi/i.test(line!) ? 'api' : /^con/i.test(line!) ? 'console' : `cli (${line})`;
  return attribution({ user, at, source: address, via });
}

export const eosAttribution: AttributionSpec = { from: 'command', command: LOGGING_CONFIG_EVENTS, parse: parseEosLogging };
