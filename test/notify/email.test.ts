import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { EmailChannelConfig } from '../../src/config/schema.js';
import { renderEmail, renderSubject } from '../../src/notify/email/render.js';
import { sendEmail } from '../../src/notify/email/send.js';
import { freePort, makeAlert } from './fixtures.js';
import { startSmtp } from '../helpers/smtp.js';


/** Headers (unfolded, lower-case names, in order) and decoded text body of a simple single-part message. */
function parse(raw: string): { headers: Array<[string, string]>; body: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = head.split('\r\n').map((line): [string, string] => {
    const i = line.indexOf(':');
    return [line.slice(0, i).toLowerCase(), line.slice(i + 1).trim()];
  });
  let body = raw.slice(split + 4);
  const cte = headers.find(([k]) => k === 'content-transfer-encoding')?.[1].toLowerCase();
  if (cte === 'quoted-printable') {
    const bytes = body
      .replace(/=\r\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    body = Buffer.from(bytes, 'latin1').toString('utf8');
  } else if (cte === 'base64') {
    body = Buffer.from(body, 'base64').toString('utf8');
  }
  return { headers, body: body.replace(/\r\n/g, '\n') };
}

/** RFC 2047 encoded-words back to text. */
function decodeWords(s: string): string {
  return s.replace(/\s*=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_, enc: string, data: string) => {
    if (enc.toUpperCase() === 'B') return Buffer.from(data, 'base64').toString('utf8');
    const bytes = data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  });
}

function channel(port: number, over: Partial<EmailChannelConfig> = {}): EmailChannelConfig {
  return { type: 'email', host: '127.0.0.1', port, secure: false, from: 'driftwatch@example.net', to: ['noc@example.net', 'sec@example.net'], ...over };
}

test('subject has the documented shape', () => {
  assert.equal(renderSubject(makeAlert()), '[driftwatch] CRITICAL sw1: unauthorized change: +3 -1 lines (+3 -1)');
  assert.equal(renderSubject(makeAlert({ stats: undefined, severity: 'info', summary: 'drift resolved' })), '[driftwatch] INFO sw1: drift resolved');
});

test('subject never contains CR, LF or control characters; body keeps the diff', () => {
  const hostile = makeAlert({
    device: { name: 'sw1\r\nBcc: x@evil.example', host: 'h\n\u0007', platform: 'cisco_ios', tags: [] },
    summary: 'x\u0000y\u001b[31mred\u202etxt\u2028z',
    diff: 'a\r\n\u001b[2Jb\n+ end\n',
  });
  const { subject, text } = renderEmail(hostile);
  assert.doesNotMatch(subject, /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202e]/);
  assert.equal(subject, '[driftwatch] CRITICAL sw1 Bcc: x@evil.example: xyredtxt z (+3 -1)');
  assert.doesNotMatch(text, /[\r\u0000-\u0008\u000b-\u001f]/);
  assert.match(text, /^a\nb\n\+ end$/m);
  assert.equal(renderSubject(makeAlert({ summary: 'y'.repeat(5000) })).length <= 200, true);
});

test('body lists device, host, platform, group, attribution, commits, sections and the full diff', () => {
  const diff = Array.from({ length: 2000 }, (_, i) => `+ line ${i}`).join('\n');
  const { text } = renderEmail(makeAlert({ diff }));
  for (const want of [/^Device: +sw1$/m, /^Host: +10\.0\.0\.1$/m, /^Platform: +cisco_ios$/m, /^Group: +core$/m, /^Tags: +dc1, edge$/m,
    /^Changed by: alice from 10\.9\.9\.9 at 2024-05-01T10:00:00Z$/m, /^Commit: +0123456789abcdef/m, /^Baseline: +fedcba98/m, /^  - line vty 0 4$/m]) {
    assert.match(text, want);
  }
  assert.ok(text.includes(diff), 'whole diff present');
});

test('email reaches a real SMTP server without AUTH; hostile device name injects no header', async () => {
  const smtp = await startSmtp();
  try {
    const alert = makeAlert({ device: { name: 'sw1\r\nBcc: x@evil.example', host: '10.0.0.1', platform: 'cisco_ios', group: 'core', tags: [] } });
    await sendEmail(channel(smtp.port), alert);
    assert.equal(smtp.mails.length, 1);
    const mail = smtp.mails[0]!;
    assert.equal(mail.from, 'driftwatch@example.net');
    assert.deepEqual(mail.to, ['noc@example.net', 'sec@example.net'], 'envelope recipients come only from config');
    const { headers, body } = parse(mail.raw);
    assert.equal(headers.filter(([k]) => k === 'bcc').length, 0, 'no Bcc header');
    assert.ok(!/x@evil/.test(headers.filter(([k]) => k !== 'subject').map(([, v]) => v).join('\n')));
    const subject = decodeWords(headers.find(([k]) => k === 'subject')![1]);
    assert.equal(subject, '[driftwatch] CRITICAL sw1 Bcc: x@evil.example: unauthorized change: +3 -1 lines (+3 -1)');
    assert.equal(headers.find(([k]) => k === 'x-driftwatch-alert-id')?.[1], 'a-42');
    assert.match(headers.find(([k]) => k === 'message-id')![1], /^<driftwatch\.a-42\.[0-9a-f]{12}@driftwatch>$/);
    assert.match(body, /^\+ transport input all$/m);
    assert.match(body, /^Device: +sw1 Bcc: x@evil\.example$/m);
  } finally {
    await smtp.close();
  }
});

test('email with non-ASCII text is encoded by nodemailer and decodes back', async () => {
  const smtp = await startSmtp();
  try {
    await sendEmail(channel(smtp.port, { to: 'noc@example.net' }), makeAlert({ summary: 'changement non autorisé ✓', diff: '+ description café\n' }));
    const { headers, body } = parse(smtp.mails[0]!.raw);
    assert.equal(decodeWords(headers.find(([k]) => k === 'subject')![1]), '[driftwatch] CRITICAL sw1: changement non autorisé ✓ (+3 -1)');
    assert.match(body, /^\+ description café$/m);
  } finally {
    await smtp.close();
  }
});

test('email with AUTH: refused without TLS by default; right credentials deliver, wrong ones fail without leaking the password', async () => {
  const smtp = await startSmtp({
    onAuth(auth, _session, cb) {
      if (auth.username === 'dw' && auth.password === 'Sup3r-Secret!') return cb(null, { user: 'dw' });
      return cb(new Error('Invalid username or password'));
    },
  });
  try {
    // This loopback server has no TLS: by default the password is not sent at all.
    await assert.rejects(sendEmail(channel(smtp.port, { user: 'dw', password: 'Sup3r-Secret!' }), makeAlert()), (err: Error) => {
      assert.ok(!err.message.includes('Sup3r-Secret!'));
      return true;
    });
    assert.equal(smtp.mails.length, 0);
    await sendEmail(channel(smtp.port, { user: 'dw', password: 'Sup3r-Secret!', require_tls: false }), makeAlert());
    assert.equal(smtp.mails.length, 1);
    await assert.rejects(sendEmail(channel(smtp.port, { user: 'dw', password: 'wrong-Secret-77', require_tls: false }), makeAlert()), (err: Error) => {
      assert.match(err.message, new RegExp(`^email via 127\\.0\\.0\\.1:${smtp.port} failed: .*`));
      assert.ok(!err.message.includes('wrong-Secret-77'));
      assert.ok(!err.message.includes(Buffer.from('wrong-Secret-77').toString('base64')));
      return true;
    });
    assert.equal(smtp.mails.length, 1);
  } finally {
    await smtp.close();
  }
});

test('email to a closed port fails with a clear error', async () => {
  const port = await freePort();
  await assert.rejects(sendEmail(channel(port, { user: 'dw', password: 'pw-Secret-1' }), makeAlert()), (err: Error) => {
    assert.match(err.message, /^email via 127\.0\.0\.1:\d+ failed: .*ECONNREFUSED/);
    assert.ok(!err.message.includes('pw-Secret-1'));
    return true;
  });
});
