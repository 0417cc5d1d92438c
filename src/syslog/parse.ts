/** Parse one syslog frame: RFC 5424 when it says version 1, RFC 3164 otherwise. Never throws. */
import { MAX_MESSAGE_BYTES, type ParseResult } from './message.js';
import { parseRfc5424 } from './parse-5424.js';
import { parseRfc3164 } from './parse-3164.js';

export function parseSyslog(text: string): ParseResult {
  try {
    if (text.length > MAX_MESSAGE_BYTES) return { ok: false, reason: 'message too long' };
    if (/^<\d{1,3}>[1-9]\d? /.test(text)) {
      const r = parseRfc5424(text);
      if (r.ok) return r;
      // `<189>1 ...` can also be 3164 whose content starts with a number; keep the 5424 reason otherwise.
      const legacy = parseRfc3164(text);
      return legacy.ok && legacy.message.timestamp ? legacy : r;
    }
    return parseRfc3164(text);
  } catch (err) {
    // Defence in depth: a parser bug must cost one message, never the receiver.
    return { ok: false, reason: `parser error: ${(err as Error).message}` };
  }
}
