import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffBlock, renderSlack, SLACK_LIMITS, type SlackBlock, type SlackPayload } from '../../src/notify/slack/render.js';
import { sendSlack } from '../../src/notify/slack/send.js';
import { postJson } from '../../src/notify/http.js';
import { freePort, makeAlert, startHttpSink } from './fixtures.js';

/** Every text string in a payload, with the kind of text object it sits in. */
function texts(p: SlackPayload): Array<{ type: 'plain_text' | 'mrkdwn' | 'fallback'; text: string }> {
  const out: Array<{ type: 'plain_text' | 'mrkdwn' | 'fallback'; text: string }> = [{ type: 'fallback', text: p.text }];
  for (const b of p.blocks as SlackBlock[]) {
    if ('text' in b && b.text) out.push(b.text);
    if ('fields' in b) out.push(...b.fields);
    if ('elements' in b) for (const e of b.elements) out.push(e.type === 'button' ? e.text : e);
  }
  return out;
}

function checkLimits(p: SlackPayload) {
  assert.ok(p.blocks.length <= SLACK_LIMITS.blocks);
  for (const b of p.blocks) {
    if (b.type === 'header') assert.ok(b.text.text.length <= 150, 'header ≤ 150');
    if (b.type === 'section' && 'text' in b) assert.ok(b.text.text.length <= 3000, `section ${b.text.text.length} ≤ 3000`);
    if (b.type === 'section' && 'fields' in b) {
      assert.ok(b.fields.length <= 10);
      for (const f of b.fields) assert.ok(f.text.length <= 2000);
    }
  }
  for (const t of texts(p)) {
    if (t.type === 'plain_text') {
      // Shown as is by Slack: no entities (they would appear literally), no controls or line separators in one-line fields.
      assert.doesNotMatch(t.text, /&(amp|lt|gt);/);
      assert.doesNotMatch(t.text, /[\u0000-\u0008\u000b-\u001f\u2028\u2029\u202a-\u202e]/);
      continue;
    }
    // mrkdwn and the fallback: no raw < or >, and every & starts one of our three entities (nothing cut inside an escape).
    assert.doesNotMatch(t.text, /[<>]/);
    assert.doesNotMatch(t.text, /&(?!amp;|lt;|gt;)/);
  }
}

/** The content between the ``` fences of the diff block, and what follows the closing fence. */
function codeBlock(p: SlackPayload): { inner: string; after: string } {
  const b = p.blocks.find((x) => x.type === 'section' && 'text' in x && x.text.type === 'mrkdwn');
  assert.ok(b && 'text' in b);
  const t = b.text.text;
  assert.ok(t.startsWith('```\n'));
  const close = t.indexOf('```', 4);
  return { inner: t.slice(4, close), after: t.slice(close + 3) };
}

const hostile = makeAlert({
  device: { name: '<!channel> *sw1* _x_ ~y~', host: '<http://evil.example|click>', platform: 'cisco_ios', group: 'core', tags: ['<@U123>'] },
  summary: 'hi <!here> & <@U999> <http://evil.example|click here>',
  sections: ['interface <!everyone>'],
  attribution: { user: '<@U123>', source: '`x`' },
  detail: '<!subteam^S123>',
  diff: '+ description ```\n+ <!channel> now\n```\n+ banner motd ^C <http://evil.example|login> ^C\n+ a ```` b ` `` c\n',
});

test('escaping per field type: mrkdwn and the fallback escaped, plain_text shown as is', () => {
  const p = renderSlack(hostile);
  checkLimits(p);
  const mrkdwn = texts(p).filter((t) => t.type !== 'plain_text').map((t) => t.text).join('\n');
  assert.ok(mrkdwn.includes('&lt;!channel&gt; now'), 'mention in the diff neutralised');
  assert.ok(p.text.includes('&lt;!channel&gt;'), 'fallback escaped');
  assert.ok(!mrkdwn.includes('<!'));
  const plain = texts(p).filter((t) => t.type === 'plain_text').map((t) => t.text).join('\n');
  // plain_text is never parsed for mentions or links: the text appears literally, not as &lt;...&gt;.
  assert.ok(plain.includes('Device: <!channel> *sw1* _x_ ~y~'), plain);
  assert.ok(plain.includes('<!subteam^S123>'));
  assert.ok(plain.includes('Changed by: <@U123> from `x`'));
  assert.ok(plain.includes('• interface <!everyone>'));
});

test('a masked secret reads <masked> in plain_text, not &lt;masked&gt;', () => {
  const p = renderSlack(makeAlert({ sections: ['username'], detail: 'secret 9 <masked>' }));
  const plain = texts(p).filter((t) => t.type === 'plain_text').map((t) => t.text).join('\n');
  assert.ok(plain.includes('secret 9 <masked>'));
  assert.ok(!plain.includes('&lt;'));
});

test('a Review button when alert.link is an http(s) URL; none for other schemes', () => {
  const withLink = renderSlack(makeAlert({ link: 'https://dw.example.net/drift/sw1/7' }));
  const actions = withLink.blocks.find((b) => b.type === 'actions');
  assert.ok(actions && actions.type === 'actions');
  assert.deepEqual(actions.elements[0], { type: 'button', text: { type: 'plain_text', text: 'Review' }, url: 'https://dw.example.net/drift/sw1/7', action_id: 'driftwatch-review' });
  assert.equal(renderSlack(makeAlert()).blocks.find((b) => b.type === 'actions'), undefined);
  assert.equal(renderSlack(makeAlert({ link: 'javascript:alert(1)' })).blocks.find((b) => b.type === 'actions'), undefined);
});

test('a U+2028, U+2029, NEL or CR inside a diff line cannot forge a line in the code block', () => {
  const p = renderSlack(makeAlert({ diff: '@@ -1 +1 @@\n+ description x\u2028- username admin\u0085+ y\r+ z\u202e\n context\n' }));
  const { inner } = codeBlock(p);
  const lines = inner.replace(/\n$/, '').split('\n');
  assert.deepEqual(lines, ['@@ -1 +1 @@', '+ description x&lt;U+2028&gt;- username admin&lt;U+0085&gt;+ y&lt;U+000D&gt;+ z&lt;U+202E&gt;', ' context']);
});

test('device-controlled text appears only in plain_text or inside the code block', () => {
  const p = renderSlack(hostile);
  assert.equal(p.mrkdwn, false);
  const mrkdwn = texts(p).filter((t) => t.type === 'mrkdwn');
  assert.equal(mrkdwn.length, 1, 'the diff block is the only mrkdwn text');
  assert.ok(texts(p).some((t) => t.type === 'plain_text' && t.text.includes('<!channel> *sw1* _x_ ~y~')), 'formatting chars stay literal in plain_text');
});

test('the device cannot close the code block', () => {
  const { inner, after } = codeBlock(renderSlack(hostile));
  assert.doesNotMatch(inner, /``/, 'no two adjacent backticks inside the block');
  assert.equal(after, '', 'nothing after the closing fence (not truncated)');
  assert.ok(inner.includes('&lt;!channel&gt; now'));
  // What a reader sees once zero-width spaces are ignored is the original text.
  assert.ok(inner.replace(/\u200b/g, '').includes('+ a ```` b ` `` c'));
});

test('a 10,000-line diff is truncated within limits and says how much is left', () => {
  const lines = Array.from({ length: 10_000 }, (_, i) => `+ ip access-list <&> entry ${i} \`\`\` permit ${'x'.repeat(i % 50)}`);
  const p = renderSlack(makeAlert({ diff: lines.join('\n') + '\n', stats: { added: 10_000, removed: 0 } }));
  checkLimits(p);
  const { inner, after } = codeBlock(p);
  assert.doesNotMatch(inner, /``/);
  const shown = inner.split('\n').filter(Boolean).length;
  assert.ok(shown > 5, `shows a useful excerpt (${shown} lines)`);
  assert.equal(after, `\n… ${(10_000 - shown).toLocaleString('en-US')} more lines`);
  // Every shown line is complete (cut on line boundaries).
  inner.replace(/\n$/, '').split('\n').forEach((l, i) => assert.equal(l.replace(/\u200b/g, '').replace(/&lt;&amp;&gt;/, '<&>'), lines[i]));
});

test('one enormous line is cut before escaping, never inside an entity or a surrogate pair', () => {
  for (const unit of ['&', '<>', '😀', '`', 'a&']) {
    const block = diffBlock(unit.repeat(5000));
    assert.ok(block.length <= 3000, `${unit}: ${block.length}`);
    assert.doesNotMatch(block, /&(?!amp;|lt;|gt;)/);
    assert.doesNotMatch(block, /[\ud800-\udbff](?![\udc00-\udfff])/);
    assert.match(block, /…\n```$/);
  }
  const many = diffBlock(Array.from({ length: 300 }, () => '&'.repeat(20)).join('\n'));
  assert.ok(many.length <= 3000);
  assert.match(many, /\n```\n… \d+ more lines$/);
});

test('long fields, many sections and a long summary stay within limits', () => {
  const p = renderSlack(
    makeAlert({
      summary: '<'.repeat(5000),
      device: { name: 'n'.repeat(500), host: '&'.repeat(3000), platform: 'p', tags: Array.from({ length: 500 }, (_, i) => `t${i}`) },
      sections: Array.from({ length: 500 }, (_, i) => `interface Gi1/0/${i} <x>`),
      detail: '&'.repeat(10_000),
    }),
  );
  checkLimits(p);
});

test('slack payload reaches a real HTTP server', async () => {
  const sink = await startHttpSink();
  try {
    await sendSlack({ type: 'slack', webhook_url: `${sink.url}/services/T000/B000/XXXX` }, hostile);
    await assert.rejects(postJson('slack webhook', 'file:///etc/passwd', '{}', {}), /only http and https/);
    assert.equal(sink.received.length, 1);
    const r = sink.received[0]!;
    assert.equal(r.method, 'POST');
    assert.equal(r.url, '/services/T000/B000/XXXX');
    assert.match(String(r.headers['content-type']), /^application\/json/);
    const payload = JSON.parse(r.body) as SlackPayload;
    assert.deepEqual(payload, renderSlack(hostile));
    checkLimits(payload);
  } finally {
    await sink.close();
  }
});

test('slack errors show the host only, never the webhook path', async () => {
  const sink = await startHttpSink();
  sink.status = 500;
  try {
    await assert.rejects(sendSlack({ type: 'slack', webhook_url: `${sink.url}/services/T000/B000/SeCrEt` }, makeAlert()), (err: Error) => {
      assert.equal(err.message, `slack webhook (127.0.0.1:${sink.port}) returned HTTP 500: boom`);
      return true;
    });
  } finally {
    await sink.close();
  }
  const port = await freePort();
  await assert.rejects(sendSlack({ type: 'slack', webhook_url: `http://127.0.0.1:${port}/services/T000/B000/SeCrEt` }, makeAlert()), (err: Error) => {
    assert.match(err.message, /^slack webhook \(127\.0\.0\.1:\d+\) failed: .*ECONNREFUSED/);
    assert.ok(!err.message.includes('SeCrEt'));
    return true;
  });
});

test('a server that never answers times out', async () => {
  const sink = await startHttpSink(0, () => true); // swallow the request, never respond
  try {
    await assert.rejects(postJson('slack webhook', `${sink.url}/services/SeCrEt`, '{}', {}, { timeoutMs: 300 }), (err: Error) => {
      assert.equal(err.message, `slack webhook (127.0.0.1:${sink.port}) failed: timed out`);
      return true;
    });
  } finally {
    await sink.close();
  }
});
