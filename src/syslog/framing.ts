/**
 * RFC 6587 framing of a syslog byte stream (TCP, and TLS per RFC 5425): octet counting
 * (`123 <34>1 ...`) or newline-terminated frames, chosen per connection by its first byte (a digit
 * means octet counting: a syslog frame itself starts with `<`). Pure and bounded: it never holds
 * more than one frame plus its header; a frame announced longer than the limit is a protocol
 * error (the stream cannot be trusted to resynchronise), an over-long line is dropped to its LF.
 */
import { MAX_MESSAGE_BYTES } from './message.js';

export type FramerResult = { frames: Buffer[]; dropped: number; error?: string };

export class StreamFramer {
  private mode?: 'octet' | 'newline';
  private pending: Buffer = Buffer.alloc(0);
  private skippingLine = false;
  private failed?: string;

  constructor(private readonly max = MAX_MESSAGE_BYTES) {}

  /** Feed bytes; get the complete frames. After an error the framer refuses everything. */
  push(chunk: Buffer): FramerResult {
    if (this.failed) return { frames: [], dropped: 0, error: this.failed };
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    if (!this.mode && this.pending.length) this.mode = isDigit(this.pending[0]!) ? 'octet' : 'newline';
    const out: FramerResult = this.mode === 'octet' ? this.octets() : this.lines();
    if (out.error) {
      this.failed = out.error;
      this.pending = Buffer.alloc(0);
    }
    return out;
  }

  /** Bytes of an unfinished frame when the stream ends (a truncated octet count, a line without LF). */
  get leftover(): number {
    return this.pending.length;
  }

  private octets(): FramerResult {
    const frames: Buffer[] = [];
    for (;;) {
      // Some senders end octet-counted frames with LF anyway: tolerate separators between frames.
      let skip = 0;
      while (skip < this.pending.length && (this.pending[skip] === 0x0a || this.pending[skip] === 0x0d || this.pending[skip] === 0)) skip++;
      if (skip) this.pending = this.pending.subarray(skip);
      if (!this.pending.length) return { frames, dropped: 0 };
      const sp = this.pending.indexOf(0x20);
      const headerEnd = sp < 0 ? Math.min(this.pending.length, 8) : sp;
      const header = this.pending.subarray(0, headerEnd).toString('latin1');
      if (!/^[1-9]\d*$/.test(header)) return { frames, dropped: 0, error: `bad octet count ${JSON.stringify(header.slice(0, 8))}` };
      const length = Number(header);
      if (length > this.max || header.length > 7) return { frames, dropped: 0, error: `frame of ${header.slice(0, 8)} octets exceeds ${this.max}` };
      if (sp < 0 || this.pending.length < sp + 1 + length) return { frames, dropped: 0 };
      frames.push(Buffer.from(this.pending.subarray(sp + 1, sp + 1 + length)));
      this.pending = this.pending.subarray(sp + 1 + length);
    }
  }

  private lines(): FramerResult {
    const frames: Buffer[] = [];
    let dropped = 0;
    for (;;) {
      const lf = this.pending.indexOf(0x0a);
      if (lf < 0) {
        if (this.pending.length > this.max) {
          // No end in sight: drop what we have and everything up to the next LF.
          if (!this.skippingLine) dropped++;
          this.skippingLine = true;
          this.pending = Buffer.alloc(0);
        }
        return { frames, dropped };
      }
      const line = this.pending.subarray(0, lf);
      this.pending = this.pending.subarray(lf + 1);
      if (this.skippingLine) this.skippingLine = false;
      else if (line.length > this.max) dropped++;
      else if (line.length && !(line.length === 1 && line[0] === 0x0d)) frames.push(Buffer.from(line));
    }
  }
}

function isDigit(b: number): boolean {
  return b >= 0x30 && b <= 0x39;
}
