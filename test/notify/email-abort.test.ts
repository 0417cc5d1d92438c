/**
 * Shutdown must release a hanging SMTP connection: a server that takes the message and never
 * acknowledges it kept the socket (and so a stopping daemon) alive until nodemailer's socket
 * timeout. With the abort signal passed to nodemailer the connection is closed on abort.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { sendEmail } from '../../src/notify/email/send.js';
import { makeAlert } from './fixtures.js';

test('an aborted send closes the SMTP connection of a server that never acknowledges DATA', { timeout: 60_000 }, async () => {
  let gotData!: () => void;
  const dataArrived = new Promise<void>((r) => (gotData = r));
  let closed!: () => void;
  const connectionClosed = new Promise<void>((r) => (closed = r));
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onConnect(session, cb) {
      cb();
    },
    onClose: () => closed(),
    onData(stream) {
      stream.on('end', gotData);
      stream.resume(); // never calls back: no "250 OK"
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.server.address() as AddressInfo).port;
  try {
    const abort = new AbortController();
    // A send limit far beyond the test's own timeout: only the abort can end the connection in time.
    const sending = sendEmail({ type: 'email', name: 'mail', host: '127.0.0.1', port, secure: false, from: 'dw@example.test', to: 'noc@example.test' }, makeAlert(), {
      signal: abort.signal,
      timeoutMs: 10 * 60_000,
    });
    await dataArrived;
    abort.abort('shutdown');
    await assert.rejects(sending, /aborted/);
    await connectionClosed; // without the signal passed down, this waits for the 10-minute socket timeout
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
  }
});
