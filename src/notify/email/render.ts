/**
 * Email rendering (pure): subject, plain text and HTML parts, threading headers. Hostile text
 * never reaches a header with CR/LF or control characters; addresses come only from the channel config.
 */
import type { Alert } from '../types.js';
import { renderHtml } from './html.js';
import type { EmailChannelConfig } from './schema.js';
import { renderText } from './text.js';
import { threadHeaders, type ThreadHeaders } from './threading.js';

export { renderSubject } from '../subject.js';
export { attributionText } from '../attribution.js';
import { renderSubject } from '../subject.js';

export interface EmailMessage extends Partial<ThreadHeaders> {
  subject: string;
  text: string;
  html: string;
}

/** With a channel, the threading headers too (they depend on the recipients). */
export function renderEmail(alert: Alert, channel?: Pick<EmailChannelConfig, 'from' | 'to'>): EmailMessage {
  return {
    subject: renderSubject(alert),
    text: renderText(alert),
    html: renderHtml(alert),
    ...(channel ? threadHeaders(alert, channel) : {}),
  };
}
