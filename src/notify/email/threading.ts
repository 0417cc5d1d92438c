/**
 * Email threading: every message about one thing (an alert's `thread` key, e.g.
 * `drift/core-sw1/17`) lands in one conversation. The message that opens a thread (drift-new,
 * pull-failing, host-key-mismatch) takes the thread's own Message-ID; later ones (updated,
 * resolved, approved, recovered) carry it in In-Reply-To and References. Ids are derived, not
 * stored: a retry or a re-send after a crash gets the same headers. Recipients are part of the
 * hash so two channels' copies are distinct messages.
 */
import { createHash } from 'node:crypto';
import type { Alert, AlertKind } from '../types.js';
import type { EmailChannelConfig } from './schema.js';

const OPENERS: ReadonlySet<AlertKind> = new Set(['drift-new', 'pull-failing', 'host-key-mismatch']);

type Recipients = Pick<EmailChannelConfig, 'from' | 'to'>;

function hash(parts: unknown[], length: number): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, length);
}

/** `<driftwatch.<alert id>.<recipients hash>@driftwatch>`: stable across retries, distinct per channel. */
export function messageId(alert: Alert, channel: Recipients): string {
  const safeId = alert.id.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 64) || 'alert';
  return `<driftwatch.${safeId}.${hash([channel.from, channel.to], 12)}@driftwatch>`;
}

/** The Message-ID of the message that opens `thread` on this channel. */
export function threadId(thread: string, channel: Recipients): string {
  return `<driftwatch.thread.${hash([thread, channel.from, channel.to], 24)}@driftwatch>`;
}

export interface ThreadHeaders {
  messageId: string;
  inReplyTo?: string;
  references?: string;
}

export function threadHeaders(alert: Alert, channel: Recipients): ThreadHeaders {
  if (!alert.thread) return { messageId: messageId(alert, channel) };
  const root = threadId(alert.thread, channel);
  if (OPENERS.has(alert.kind)) return { messageId: root };
  return { messageId: messageId(alert, channel), inReplyTo: root, references: root };
}
