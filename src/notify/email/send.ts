/**
 * Email sending: one SMTP transaction per alert through nodemailer. Errors name the SMTP host
 * and port only, never the password.
 */
import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { EmailChannelConfig } from './schema.js';
import { errorText, headerValue, redact } from '../escape.js';
import type { Alert } from '../types.js';
import { renderEmail } from './render.js';

export const EMAIL_TIMEOUT_MS = 10_000;

/** `<driftwatch.<alert id>.<recipients hash>@driftwatch>`: stable across retries, distinct per channel. */
export function messageId(alert: Alert, channel: EmailChannelConfig): string {
  const safeId = alert.id.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 64) || 'alert';
  const rcpt = createHash('sha256').update(JSON.stringify([channel.from, channel.to])).digest('hex').slice(0, 12);
  return `<driftwatch.${safeId}.${rcpt}@driftwatch>`;
}

export async function sendEmail(channel: EmailChannelConfig, alert: Alert): Promise<void> {
  const { subject, text } = renderEmail(alert, channel);
  const transport = nodemailer.createTransport({
    host: channel.host,
    port: channel.port,
    secure: channel.secure,
    // Never send the SMTP password over a cleartext connection unless the config says so.
    requireTLS: channel.require_tls ?? Boolean(channel.user && !channel.secure),
    auth: channel.user ? { user: channel.user, pass: channel.password ?? '' } : undefined,
    connectionTimeout: EMAIL_TIMEOUT_MS,
    greetingTimeout: EMAIL_TIMEOUT_MS,
    socketTimeout: 3 * EMAIL_TIMEOUT_MS,
    dnsTimeout: EMAIL_TIMEOUT_MS,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  try {
    await transport.sendMail({
      from: channel.from,
      to: channel.to,
      subject,
      text,
      messageId: messageId(alert, channel),
      headers: {
        'X-Driftwatch-Alert-Id': headerValue(alert.id),
        'X-Driftwatch-Kind': alert.kind,
        'X-Driftwatch-Severity': alert.severity,
      },
      disableFileAccess: true,
      disableUrlAccess: true,
    });
  } catch (err) {
    const why = redact(errorText(err), [channel.password]);
    throw new Error(`email via ${channel.host}:${channel.port} failed: ${why}`);
  } finally {
    transport.close();
  }
}
