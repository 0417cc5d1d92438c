/**
 * FortiOS attribution: the config text says nothing about who changed it; the system event log
 * does (`logid` 0100044546 added, 0100044547 configured, 0100044548 deleted). The filter commands
 * run first (their output is not read), then `execute log display` prints the newest entries:
 *
 *    1: date=2025-09-30 time=03:12:05 eventtime=... logid="0100044547" type="event" subtype="system" level="information" vd="root" logdesc="Object attribute configured" user="jdoe" ui="ssh(10.0.0.9)" action="Edit" cfgtid=1 cfgpath="system.admin" cfgobj="backdoor" cfgattr="accprofile[->super_admin]" msg="Edit system.admin backdoor"
 *
 * The entry text matches the public log reference; the filter commands (category 1 = event) and
 * the display layout are unverified against a recording, and VDOM setups may need `config global`.
 */
import { attribution, outputLines } from '../common/attribution.js';
import type { AttributionSpec, ChangeAttribution } from '../types.js';

export const LOG_DISPLAY = 'execute log display';
const LOG_FILTERS = ['execute log filter reset', 'execute log filter category 1'];
const CONFIG_EVENT = /\blogid="?01000445(?:46|47|48)"?/;

/** key="value" and key=value pairs of one log line. */
function fields(line: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of line.matchAll(/\b([a-z_]+)=(?:"([^"]*)"|(\S+))/g)) out.set(m[1]!, m[2] ?? m[3]!);
  return out;
}

/** `ui`: `GUI(10.1.1.1)`, `ssh(10.1.1.1)`, `jsconsole`, `console`, `FortiManager`... */
function channel(ui: string | undefined): { via?: string; source?: string } {
  if (!ui) return {};
  const m = /^([^(]+)(?:\(([^)]*)\))?/.exec(ui.trim());
  const kind = (m?.[1] ?? ui).trim().toLowerCase();
  const via = kind === 'gui' || kind === 'jsconsole' ? 'web' : kind;
  return { via, source: m?.[2] };
}

/** The newest config-change event, and the change it made. */
export function parseFortiEventLog(output: string): ChangeAttribution | undefined {
  let best: { stamp: string; f: Map<string, string> } | undefined;
  for (const l of outputLines(output)) {
    if (!CONFIG_EVENT.test(l)) continue;
    const f = fields(l);
    const stamp = `${f.get('date') ?? ''} ${f.get('time') ?? ''}`.trim();
    if (!best || stamp > best.stamp) best = { stamp, f };
  }
  if (!best) return undefined;
  const f = best.f;
  const change = [f.get('action'), f.get('cfgpath'), f.get('cfgobj')].filter(Boolean).join(' ') + (f.get('cfgattr') ? `: ${f.get('cfgattr')}` : '');
  return attribution({ user: f.get('user'), at: best.stamp || undefined, ...channel(f.get('ui')), commands: change ? [change] : [] });
}

export const fortiAttribution: AttributionSpec = { from: 'command', commandSetup: LOG_FILTERS, command: LOG_DISPLAY, parse: parseFortiEventLog };
