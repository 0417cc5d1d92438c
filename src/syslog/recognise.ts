/**
 * Pure: does this syslog message announce a config change, and what does it claim (user, source,
 * line, command)? Built-in recognisers run for every sender (EOS speaks IOS); the per-driver
 * patterns of platform-patterns.ts only for a sender of that platform. Never throws.
 */
import type { ChangeEvent, ChangePattern } from './change-event.js';
import type { SyslogMessage } from './message.js';
import { PLATFORM_CHANGE_PATTERNS } from './platform-patterns.js';
import { recogniseCisco } from './recognise-cisco.js';
import { recogniseFortios, recogniseJunos, recognisePanos } from './recognise-others.js';
import { cleanField } from './sanitise.js';

export function recogniseChange(msg: SyslogMessage, platform?: string, extra: readonly ChangePattern[] = []): ChangeEvent | undefined {
  // Junos RFC 5424 puts UI_COMMIT in MSGID; 3164 senders put it at the start of the content.
  const body = msg.msgId ? `${msg.msgId}: ${msg.msg}` : msg.msg;
  try {
    const found =
      recogniseCisco(body) ??
      recogniseJunos(body, msg) ??
      recogniseFortios(body) ??
      recognisePanos(body) ??
      matchPatterns(body, [...(platform ? (PLATFORM_CHANGE_PATTERNS[platform] ?? []) : []), ...extra]);
    return found && clean(found);
  } catch {
    return undefined;
  }
}

function matchPatterns(body: string, patterns: readonly ChangePattern[]): ChangeEvent | undefined {
  for (const p of patterns) {
    const m = p.pattern.exec(body);
    if (!m) continue;
    const g = m.groups;
    return { kind: p.kind, code: p.code, user: g?.user, source: g?.source, line: g?.line, via: g?.via, command: g?.command, host: g?.host };
  }
  return undefined;
}

/** Every field from the message is hostile: one line, bounded, secrets masked, empty dropped. */
function clean(e: ChangeEvent): ChangeEvent {
  const out: ChangeEvent = { kind: e.kind, code: cleanField(e.code, 64) ?? 'unknown' };
  for (const key of ['user', 'source', 'line', 'via', 'host'] as const) {
    const v = cleanField(e[key], 128);
    if (v) out[key] = v;
  }
  const command = cleanField(e.command, 512);
  if (command) out.command = command;
  return out;
}
