import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { EmailChannelConfig } from '../../src/notify/channel-schemas.js';
import { renderEmail, renderSubject } from '../../src/notify/email/render.js';
import { sendEmail } from '../../src/notify/email/send.js';
import { threadHeaders } from '../../src/notify/email/threading.js';
import { STALE_LABEL } from '../../src/notify/attribution.js';
import { freePort, makeAlert } from './fixtures.js';
import { decodeWords, parseMail } from './mime.js';
import { startSmtp } from '../helpers/smtp.js';

/** Headers and decoded text part of a received mail. */
function parse(raw: string): { headers: Array<[string, string]>; body: string; html: string } {
  const m = parseMail(raw);
  return { headers: m.headers, body: m.parts.get('text/plain') ?? '', html: m.parts.get('text/html') ?? '' };
}

const vty = makeAlert({
  device: { name: 'core-sw1', host: '10.0.0.1', platform: 'cisco_ios', group: 'core', tags: [] },
  stats: { added: 2, removed: 0 },
  sections: ['line vty 0 4', 'username'],
  attribution: { user: 'jdoe', at: '09:37:40 CEST Tue Aug 20 2024' },
  diff: '--- a/core/core-sw1.cfg\tbaseline\n+++ b/core/core-sw1.cfg\tcurrent\n@@ -3,2 +3,3 @@ username\n hostname core-sw1\n+username jdoe privilege 15 secret 9 <masked>\n@@ -10,2 +11,3 @@ line vty 0 4\n line vty 0 4\n+ transport input telnet\n',
});


function channel(port: number, over: Partial<EmailChannelConfig> = {}): EmailChannelConfig {
  return { type: 'email', host: '127.0.0.1', port, secure: false, from: 'driftwatch@example.net', to: ['noc@example.net', 'sec@example.net'], notices: false, ...over };
}

test('subject says how many lines changed, in which sections, by whom', () => {
  assert.equal(renderSubject(vty), '[driftwatch] CRITICAL core-sw1: 2 lines changed in line vty 0 4, username (by jdoe)');
  assert.equal(renderSubject({ ...vty, kind: 'drift-updated', stats: { added: 1, removed: 0 } }), '[driftwatch] CRITICAL core-sw1: updated: 1 line changed in line vty 0 4, username (by jdoe)');
  assert.equal(renderSubject({ ...vty, sections: ['a', 'b', 'c', 'd', 'e'] }), '[driftwatch] CRITICAL core-sw1: 2 lines changed in a, b, c and 2 more sections (by jdoe)');
  assert.equal(renderSubject({ ...vty, attribution: { ...vty.attribution, stale: true } }), '[driftwatch] CRITICAL core-sw1: 2 lines changed in line vty 0 4, username', 'a stale stamp blames nobody');
  assert.equal(renderSubject(makeAlert({ kind: 'drift-resolved', stats: undefined, severity: 'info', summary: 'drift resolved' })), '[driftwatch] INFO sw1: drift resolved');
  assert.equal(renderSubject(makeAlert({ kind: 'pull-failing', stats: undefined, severity: 'warning', summary: '3 consecutive pulls failed (auth)' })), '[driftwatch] WARNING sw1: 3 consecutive pulls failed (auth)');
});

test('subject never contains CR, LF or control characters; body keeps the diff', () => {
  const hostile = makeAlert({
    device: { name: 'sw1\r\nBcc: x@evil.example', host: 'h\n\u0007', platform: 'cisco_ios', tags: [] },
    sections: ['x\u0000y\u001b[31mred\u202etxt\u2028z'],
    diff: 'a\r\n\u001b[2Jb\n+ end\n',
  });
  const { subject, text } = renderEmail(hostile);
  assert.doesNotMatch(subject, /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202e]/);
  assert.equal(subject, '[driftwatch] CRITICAL sw1 Bcc: x@evil.example: 4 lines changed in xyredtxt z (by alice)');
  assert.doesNotMatch(text, /[\r\u0000-\u0008\u000b-\u001f\u2028\u202e]/);
  assert.match(text, /^a\n<U\+001B>\[2Jb\n\+ end$/m);
  assert.equal(renderSubject(makeAlert({ sections: ['y'.repeat(5000)] })).length <= 200, true);
});

test('one config line stays one line with its marker, whatever line-breaking characters it holds', () => {
  const diff = '@@ -1 +1 @@\n+ description a\u2028- username admin\u2029+ b\u0085+ c\u000b+ d\u000c+ e\r+ f\u202eg\n context\n';
  const { text, html } = renderEmail(makeAlert({ diff }));
  const diffText = text.slice(text.indexOf('@@ -1 +1 @@'), text.indexOf('\n-- \n'));
  assert.deepEqual(diffText.replace(/\n+$/, '').split('\n'), ['@@ -1 +1 @@', '+ description a<U+2028>- username admin<U+2029>+ b<U+0085>+ c<U+000B>+ d<U+000C>+ e<U+000D>+ f<U+202E>g', ' context']);
  const spans = [...html.matchAll(/<span style="display:block;[^"]*">([^<]*)<\/span>/g)].map((m) => m[1]);
  assert.deepEqual(spans, ['@@ -1 +1 @@', '+ description a&lt;U+2028&gt;- username admin&lt;U+2029&gt;+ b&lt;U+0085&gt;+ c&lt;U+000B&gt;+ d&lt;U+000C&gt;+ e&lt;U+000D&gt;+ f&lt;U+202E&gt;g', ' context']);
});

test('body lists what to do, device facts, attribution, sections and the full diff', () => {
  const diff = Array.from({ length: 2000 }, (_, i) => `+ line ${i}`).join('\n');
  const { text } = renderEmail(makeAlert({ diff, link: 'https://dw.example.net/drift/sw1/7' }));
  for (const want of [/^Device: +sw1$/m, /^Host: +10\.0\.0\.1$/m, /^Platform: +cisco_ios$/m, /^Group: +core$/m, /^Tags: +dc1, edge$/m, /^Severity: +critical$/m,
    /^Changed by: alice from 10\.9\.9\.9 at 2024-05-01T10:00:00Z$/m, /^Commit: +0123456789abcdef/m, /^Baseline: +fedcba98/m, /^  - line vty 0 4$/m,
    /^What to do:$/m, /driftwatch diff sw1\b/, /driftwatch approve sw1 -m "/, /^  - Review it online: https:\/\/dw\.example\.net\/drift\/sw1\/7$/m]) {
    assert.match(text, want);
  }
  assert.ok(text.includes(diff), 'whole diff present');
  assert.doesNotMatch(renderEmail(makeAlert({ link: 'javascript:alert(1)' })).text, /javascript|online/);
});

test('a stale attribution is labelled, not presented as the author of this change', () => {
  const { text, html } = renderEmail({ ...vty, attribution: { user: 'oxidized', at: '09:37:40 CEST Tue Aug 20 2024', stale: true } });
  assert.match(text, new RegExp(`^Changed by: oxidized at 09:37:40 CEST Tue Aug 20 2024 \\(${STALE_LABEL}\\)$`, 'm'));
  assert.ok(html.includes("stale: the device&#39;s last-change stamp predates the baseline"));
});

test('HTML: everything escaped, coloured diff, no remote content, the only link alert.link', () => {
  const hostile = makeAlert({
    device: { name: '<script>alert(1)</script>', host: '"><img src=http://evil.example/x>', platform: 'cisco_ios', tags: [] },
    diff: '+ banner <a href="http://evil.example">x</a> <img src="http://evil.example/p.gif">\n- old & line\n',
    link: 'https://dw.example.net/drift/1?a=1&b="2"',
  });
  const { html } = renderEmail(hostile);
  assert.doesNotMatch(html, /<(script|img|link|iframe|object|style)\b|url\(|@import|<[^>]*\s(src|background)=/i);
  assert.deepEqual([...html.matchAll(/<a /g)].length, 1);
  assert.ok(html.includes('<a href="https://dw.example.net/drift/1?a=1&amp;b=%222%22">Review it online</a>'), html.slice(0, 2000));
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.match(html, /<span style="display:block;background:#e6ffec;color:#116329">\+ banner &lt;a href=&quot;http:\/\/evil.example&quot;&gt;x&lt;\/a&gt;/);
  assert.match(html, /<span style="display:block;background:#ffebe9;color:#82071e">- old &amp; line<\/span>/);
});

test('threading: the opener takes the thread id, updates and resolutions reply to it, per recipients', () => {
  const ch = { from: 'dw@example.net', to: ['noc@example.net'] };
  const other = { from: 'dw@example.net', to: ['sec@example.net'] };
  const thread = 'drift/core-sw1/17';
  const opener = threadHeaders(makeAlert({ id: 'd17-new', thread }), ch);
  const update = threadHeaders(makeAlert({ id: 'd17-upd', kind: 'drift-updated', thread }), ch);
  const resolved = threadHeaders(makeAlert({ id: 'd17-res', kind: 'drift-resolved', severity: 'info', thread }), ch);
  assert.match(opener.messageId, /^<driftwatch\.thread\.[0-9a-f]{24}@driftwatch>$/);
  assert.equal(opener.inReplyTo, undefined);
  for (const h of [update, resolved]) {
    assert.equal(h.inReplyTo, opener.messageId);
    assert.equal(h.references, opener.messageId);
    assert.notEqual(h.messageId, opener.messageId);
  }
  assert.notEqual(threadHeaders(makeAlert({ id: 'd17-new', thread }), other).messageId, opener.messageId, 'another channel, another message');
  assert.notEqual(threadHeaders(makeAlert({ id: 'd18', thread: 'drift/core-sw1/18' }), ch).messageId, opener.messageId, 'another drift, another thread');
  assert.deepEqual(threadHeaders(makeAlert({ id: 'x1' }), ch), { messageId: threadHeaders(makeAlert({ id: 'x1' }), ch).messageId });
  assert.equal(threadHeaders(makeAlert({ id: 'x1' }), ch).inReplyTo, undefined, 'no thread key: a standalone message');
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
    assert.equal(subject, '[driftwatch] CRITICAL sw1 Bcc: x@evil.example: 4 lines changed in line vty 0 4 (by alice)');
    assert.equal(headers.find(([k]) => k === 'x-driftwatch-alert-id')?.[1], 'a-42');
    assert.match(headers.find(([k]) => k === 'message-id')![1], /^<driftwatch\.a-42\.[0-9a-f]{12}@driftwatch>$/);
    assert.match(body, /^\+ transport input all$/m);
    assert.match(body, /^Device: +sw1 Bcc: x@evil\.example$/m);
    assert.match(headers.find(([k]) => k === 'content-type')![1], /^multipart\/alternative;/);
    assert.match(parse(mail.raw).html, /<span style="display:block;background:#e6ffec;color:#116329">\+ transport input all<\/span>/);
  } finally {
    await smtp.close();
  }
});

test('threaded mails carry Message-ID, In-Reply-To and References on the wire', async () => {
  const smtp = await startSmtp();
  try {
    await sendEmail(channel(smtp.port), makeAlert({ id: 'n1', thread: 'drift/sw1/3' }));
    await sendEmail(channel(smtp.port), makeAlert({ id: 'r1', kind: 'drift-resolved', severity: 'info', stats: undefined, summary: 'config is back to its approved baseline', thread: 'drift/sw1/3' }));
    const [first, second] = smtp.mails.map((m) => parseMail(m.raw));
    const root = first!.get('message-id');
    assert.match(root!, /^<driftwatch\.thread\./);
    assert.equal(second!.get('in-reply-to'), root);
    assert.equal(second!.get('references'), root);
  } finally {
    await smtp.close();
  }
});

test('email with non-ASCII text is encoded by nodemailer and decodes back', async () => {
  const smtp = await startSmtp();
  try {
    await sendEmail(channel(smtp.port, { to: 'noc@example.net' }), makeAlert({ sections: ['interface café ✓'], diff: '+ description café\n' }));
    const { headers, body } = parse(smtp.mails[0]!.raw);
    assert.equal(decodeWords(headers.find(([k]) => k === 'subject')![1]), '[driftwatch] CRITICAL sw1: 4 lines changed in interface café ✓ (by alice)');
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
