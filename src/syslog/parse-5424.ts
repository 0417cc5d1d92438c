/**
 * RFC 5424: `<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [SD-ID k="v"...] MSG`. Pure; never
 * throws: a malformed header is a parse failure, not an exception.
 */
import { readPri, type ParseResult, type StructuredElement } from './message.js';

const NIL = '-';
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:Z|[+-]\d{2}:\d{2})$/;
// Header field limits of RFC 5424 section 6.
const LIMITS = { hostname: 255, appName: 48, procId: 128, msgId: 32 } as const;

export function parseRfc5424(text: string): ParseResult {
  const pri = readPri(text);
  if (!pri) return { ok: false, reason: 'no PRI' };
  const head = /^([1-9]\d?) /.exec(pri.rest);
  if (!head) return { ok: false, reason: 'not RFC 5424 (no version)' };
  let rest = pri.rest.slice(head[0].length);
  const fields: string[] = [];
  for (let i = 0; i < 5; i++) {
    const sp = rest.indexOf(' ');
    if (sp <= 0) return { ok: false, reason: 'RFC 5424 header truncated' };
    fields.push(rest.slice(0, sp));
    rest = rest.slice(sp + 1);
  }
  const [timestamp, hostname, appName, procId, msgId] = fields as [string, string, string, string, string];
  if (timestamp !== NIL && !TIMESTAMP.test(timestamp)) return { ok: false, reason: 'RFC 5424 timestamp malformed' };
  const checks: Array<[string, string, number]> = [
    ['hostname', hostname, LIMITS.hostname],
    ['app-name', appName, LIMITS.appName],
    ['procid', procId, LIMITS.procId],
    ['msgid', msgId, LIMITS.msgId],
  ];
  for (const [name, value, max] of checks) {
    if (value.length > max || !/^[\x21-\x7e]+$/.test(value)) return { ok: false, reason: `RFC 5424 ${name} malformed` };
  }
  const sd = readStructuredData(rest);
  if (!sd) return { ok: false, reason: 'RFC 5424 structured data malformed' };
  if (sd.rest && !sd.rest.startsWith(' ')) return { ok: false, reason: 'RFC 5424 structured data not followed by a space' };
  const msg = sd.rest.slice(1);
  const opt = (v: string) => (v === NIL ? undefined : v);
  return {
    ok: true,
    message: {
      format: 'rfc5424',
      facility: pri.facility,
      severity: pri.severity,
      timestamp: opt(timestamp),
      hostname: opt(hostname),
      appName: opt(appName),
      procId: opt(procId),
      msgId: opt(msgId),
      structuredData: sd.elements,
      msg: msg.replace(/^\ufeff/, ''),
    },
  };
}

/** `-` or `[id k="v" ...]...` with `\"`, `\\` and `\]` escapes; undefined when malformed. */
function readStructuredData(text: string): { elements: StructuredElement[]; rest: string } | undefined {
  if (text.startsWith(NIL)) return text.length === 1 || text[1] === ' ' ? { elements: [], rest: text.slice(1) } : undefined;
  const elements: StructuredElement[] = [];
  let i = 0;
  while (text[i] === '[') {
    const id = /^[^\s=\]"]{1,32}/.exec(text.slice(i + 1, i + 34));
    if (!id) return undefined;
    i += 1 + id[0].length;
    // No prototype: a parameter named `__proto__` is just a name.
    const params = Object.create(null) as Record<string, string>;
    while (text[i] === ' ') {
      const name = /^([^\s=\]"]{1,32})="/.exec(text.slice(i + 1, i + 36));
      if (!name) return undefined;
      i += 1 + name[0].length;
      let value = '';
      for (;;) {
        const c = text[i];
        if (c === undefined) return undefined;
        if (c === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\' || text[i + 1] === ']')) {
          value += text[i + 1];
          i += 2;
        } else if (c === '"') {
          i++;
          break;
        } else {
          value += c;
          i++;
        }
      }
      params[name[1]!] = value;
    }
    if (text[i] !== ']') return undefined;
    i++;
    elements.push({ id: id[0], params });
  }
  if (!elements.length) return undefined;
  return { elements, rest: text.slice(i) };
}
