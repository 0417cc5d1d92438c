/**
 * Email sending: one SMTP transaction per alert through nodemailer, multipart (text + HTML), with
 * threading headers. Errors name the SMTP host and port only, never the password. nodemailer
 * takes no AbortSignal: the send is raced against the signal, and its socket timeouts are the
 * send's own time limit so an abandoned connection closes itself.
 */
import nodemailer from 'nodemailer';
import { abortable, DEFAULT_SEND_TIMEOUT_MS, sendSignal } from '../abort.js';
import { errorText, headerValue, redact } from '../escape.js';
import type { Alert, SendOptions } from '../types.js';
import { renderEmail } from './render.js';
import type { EmailChannelConfig } from './schema.js';

export { messageId } from './threading.js';

export const EMAIL_TIMEOUT_MS = DEFAULT_SEND_TIMEOUT_MS;

export async function sendEmail(channel: Omit<EmailChannelConfig, 'notices'>, alert: Alert, opts: SendOptions = {}): Promise<void> {
  const timeoutMs = opts.timeoutMs ?? 3 * EMAIL_TIMEOUT_MS;
  const signal = sendSignal(opts.signal, timeoutMs);
  const msg = renderEmail(alert, channel);
  const transport = nodemailer.createTransport({
    host: channel.host,
    port: channel.port,
    secure: channel.secure,
    // Never send the SMTP password over a cleartext connection unless the config says so.
    requireTLS: channel.require_tls ?? Boolean(channel.user && !channel.secure),
    auth: channel.user ? { user: channel.user, pass: channel.password ?? '' } : undefined,
    connectionTimeout: Math.min(EMAIL_TIMEOUT_MS, timeoutMs),
    greetingTimeout: Math.min(EMAIL_TIMEOUT_MS, timeoutMs),
    socketTimeout: timeoutMs,
    dnsTimeout: Math.min(EMAIL_TIMEOUT_MS, timeoutMs),
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  try {
    const sending = transport.sendMail({
      from: channel.from,
      to: channel.to,
      subject: msg.subject,
      text: msg.text,
      html: msg.html,
      messageId: msg.messageId,
      inReplyTo: msg.inReplyTo,
      references: msg.references,
      date: opts.now?.(),
      headers: {
        'X-Driftwatch-Alert-Id': headerValue(alert.id),
        'X-Driftwatch-Kind': alert.kind,
        'X-Driftwatch-Severity': alert.severity,
      },
      disableFileAccess: true,
      disableUrlAccess: true,
      // nodemailer >= 10 closes the SMTP connection on abort: without it a server that never
      // acknowledges DATA keeps the socket (and a stopping daemon) alive until socketTimeout.
      ...({ signal } as object),
    });
    sending.catch(() => {}); // when the race below is lost, its late rejection is expected
    await abortable(sending, signal, 'email');
  } catch (err) {
    const why = redact(errorText(err), [channel.password]);
    throw new Error(`email via ${channel.host}:${channel.port} failed: ${why}`);
  } finally {
    transport.close();
  }
}
