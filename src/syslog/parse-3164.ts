/**
 * RFC 3164 ("BSD syslog") as devices really send it: `<PRI>` then, all optional, a Cisco sequence
 * number (`123: `), an IOS-XR node (`RP/0/RSP0/CPU0:`), a timestamp in one of the shapes seen
 * (`Nov 25 07:40:01`, `*Nov 25 07:40:01.123 UTC`, `2026 Nov 25 07:40:01`, ISO 8601), a hostname,
 * a tag with pid (`mgd[4425]:`), then the content. Pure; never throws. Without a timestamp the
 * whole rest is content (RFC 3164 4.3.3: FortiOS key=value lines look like that).
 */
import { readPri, type ParseResult } from './message.js';

const MON = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const CLOCK = '\\d{1,2}:\\d{2}:\\d{2}(?:\\.\\d{1,6})?';
const ZONE = '(?: [A-Z]{2,5})?';
const TIMESTAMPS = [
  new RegExp(`^[*.]?${MON} {1,2}\\d{1,2}(?: \\d{4})? ${CLOCK}${ZONE}(?: \\d{4})?`),
  new RegExp(`^[*.]?\\d{4} ${MON} {1,2}\\d{1,2} ${CLOCK}${ZONE}`),
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:Z|[+-]\d{2}:?\d{2})?/,
];
const SEQUENCE = /^(?:\d{1,10})?: ?/;
// IOS `logging origin-id hostname`: `45: r1: *Mar  1 00:03:26: %SYS-...`.
const ORIGIN = new RegExp(`^([A-Za-z0-9][A-Za-z0-9._-]{0,62}): (?=[*.]?(?:${MON}|\\d{4} ))`);
const XR_NODE = /^[A-Za-z0-9]{1,8}(?:\/[A-Za-z0-9]{1,8}){1,4}:/;
const HOSTNAME = /^([A-Za-z0-9][A-Za-z0-9._:-]{0,254}) /;
const TAG = /^([A-Za-z0-9_.\/-]{1,48})(?:\[([^\]\s]{1,128})\])?: ?/;

export function parseRfc3164(text: string): ParseResult {
  const pri = readPri(text);
  if (!pri) return { ok: false, reason: 'no PRI' };
  let rest = pri.rest;
  const seq = SEQUENCE.exec(rest);
  if (seq) rest = rest.slice(seq[0].length);
  let hostname: string | undefined;
  const origin = ORIGIN.exec(rest);
  if (origin) {
    hostname = origin[1];
    rest = rest.slice(origin[0].length);
  }
  const node = XR_NODE.exec(rest);
  if (node) rest = rest.slice(node[0].length);
  let timestamp: string | undefined;
  for (const shape of TIMESTAMPS) {
    const m = shape.exec(rest);
    if (!m) continue;
    timestamp = m[0];
    rest = rest.slice(m[0].length).replace(/^:? ?/, '');
    break;
  }
  let appName: string | undefined;
  let procId: string | undefined;
  if (timestamp) {
    // A hostname is a plain token followed by a space; `%SYS-5-...:` or `mgd[1]:` are not hosts.
    const host = HOSTNAME.exec(rest);
    if (host && !host[1]!.endsWith(':') && !hostname) {
      hostname = host[1];
      rest = rest.slice(host[0].length);
    }
    const tag = TAG.exec(rest);
    if (tag && !rest.startsWith('%')) {
      appName = tag[1];
      procId = tag[2];
      rest = rest.slice(tag[0].length);
    }
  }
  return {
    ok: true,
    message: { format: 'rfc3164', facility: pri.facility, severity: pri.severity, timestamp, hostname, appName, procId, structuredData: [], msg: rest },
  };
}
