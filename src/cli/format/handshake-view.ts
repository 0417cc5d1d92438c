/**
 * The one `status` line about SSH handshakes: which devices offer weak algorithms or present a
 * weak host key (the full record is in `status --json`). Nothing weak: no line. Pure.
 */
import type { DeviceStatus } from '../../app/use-cases/status.js';
import { handshakeWeaknesses } from '../../compliance/handshake-weakness.js';
import type { Paint } from './colour.js';
import { safeLine } from './sanitize.js';

const SHOWN = 5;

export function handshakeLine(rows: readonly DeviceStatus[], p: Paint): string | undefined {
  const weak = rows.flatMap((s) => {
    const w = s.handshake ? handshakeWeaknesses(s.handshake) : [];
    return w.length ? [`${safeLine(s.name)} (${safeLine(w.join('; '))})`] : [];
  });
  if (!weak.length) return undefined;
  const more = weak.length > SHOWN ? `, and ${weak.length - SHOWN} more (status --json)` : '';
  return `${p.red(`ssh: ${weak.length} device${weak.length === 1 ? '' : 's'} with weak SSH`)}: ${weak.slice(0, SHOWN).join(', ')}${more}`;
}
