/** One syslog message as parsed from the wire (RFC 5424 or RFC 3164); every field is untrusted text. */

export interface StructuredElement {
  id: string;
  params: Record<string, string>;
}

export interface SyslogMessage {
  format: 'rfc5424' | 'rfc3164';
  facility: number;
  severity: number;
  /** As written by the sender (3164 timestamps have no year or zone); never used as our clock. */
  timestamp?: string;
  hostname?: string;
  appName?: string;
  procId?: string;
  msgId?: string;
  structuredData: StructuredElement[];
  msg: string;
}

export type ParseResult = { ok: true; message: SyslogMessage } | { ok: false; reason: string };

/** RFC 5425 receivers should take 8192 octets; anything longer is cut (UDP) or refused (stream). */
export const MAX_MESSAGE_BYTES = 8192;

/** PRI `<0>`..`<191>` (no leading zeros) at the start; returns facility, severity and the rest. */
export function readPri(text: string): { facility: number; severity: number; rest: string } | undefined {
  const m = /^<(0|[1-9]\d{0,2})>/.exec(text);
  if (!m) return undefined;
  const pri = Number(m[1]);
  if (pri > 191) return undefined;
  return { facility: pri >> 3, severity: pri & 7, rest: text.slice(m[0].length) };
}

/** Bytes off the wire to text: at most MAX_MESSAGE_BYTES, UTF-8 (bad bytes become U+FFFD), no trailing newline. */
const UTF8 = new TextDecoder('utf-8', { fatal: false });

export function decodeFrame(buf: Uint8Array, max = MAX_MESSAGE_BYTES): string {
  const text = UTF8.decode(buf.subarray(0, max));
  return text.replace(/[\r\n\0]+$/, '');
}
