/** Frames to pulls: sender matching, unknown senders, rate limit, debounce, claims (injected clock). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SenderMatcher } from '../../src/syslog/sender-match.js';
import { SyslogTrigger } from '../../src/syslog/trigger.js';
import { ManualTimers } from '../../src/syslog/timers.js';
import type { ReceivedChange, SyslogClaim } from '../../src/syslog/claim.js';

const DEVICES = [
  { name: 'edge-r1', host: '10.0.0.1', platform: 'cisco_ios' },
  { name: 'core-j1', host: '10.0.0.2', platform: 'juniper_junos' },
  { name: 'sw-a', host: '10.0.0.3', platform: 'hp_comware' },
  { name: 'lab-1', host: '127.0.0.1', platform: 'cisco_ios' },
  { name: 'lab-2', host: '127.0.0.1', platform: 'cisco_ios' },
  { name: 'fw1', host: 'fw1.example.net', platform: 'fortinet' },
];
const CONFIG_I = '<189>1: %SYS-5-CONFIG_I: Configured from console by jdoe on vty0 (10.0.0.9)';

function setup(rate = { perSecond: 1000, burst: 1000 }) {
  const timers = new ManualTimers(Date.parse('2026-11-25T07:40:00Z'));
  const pulls: Array<{ device: string; claim: SyslogClaim }> = [];
  const changes: ReceivedChange[] = [];
  const trigger = new SyslogTrigger({
    matcher: new SenderMatcher(DEVICES, new Map([['fw1.example.net', ['10.0.0.50']]])),
    debounceMs: 2000,
    rate,
    timers,
    onChange: (c) => changes.push(c),
    onPull: (d, claim) => pulls.push({ device: d.name, claim }),
  });
  const send = (text: string | Buffer, from: string) => trigger.handle(typeof text === 'string' ? Buffer.from(text) : text, from, 'udp');
  return { timers, pulls, changes, trigger, send };
}

test('a config change from a device address pulls it after the burst settles, with its claim', () => {
  const { timers, pulls, changes, trigger, send } = setup();
  for (let i = 0; i < 100; i++) {
    send(CONFIG_I, '::ffff:10.0.0.1');
    timers.advance(9);
  }
  assert.equal(pulls.length, 0, 'nothing before the burst settles');
  timers.advance(2000);
  assert.equal(pulls.length, 1, '100 messages within 1 s give one pull');
  const { device, claim } = pulls[0]!;
  assert.equal(device, 'edge-r1');
  assert.equal(claim.reportedBy, 'syslog');
  assert.equal(claim.user, 'jdoe');
  assert.equal(claim.source, '10.0.0.9');
  assert.equal(claim.messages, 100);
  assert.equal(claim.sender, '10.0.0.1');
  assert.equal(claim.firstAt, '2026-11-25T07:40:00.000Z');
  assert.equal(changes.length, 100);
  assert.equal(changes[0]!.raw, CONFIG_I);
  assert.equal(trigger.stats.changes, 100);
  assert.equal(trigger.stats.pulls, 1);
});

test('unknown senders are dropped and counted; non-change messages pull nothing', () => {
  const { timers, pulls, trigger, send } = setup();
  send(CONFIG_I, '192.0.2.99');
  send('<187>2: %LINK-3-UPDOWN: Interface Gi1/0/1, changed state to down', '10.0.0.1');
  send('garbage', '10.0.0.1');
  timers.advance(5000);
  assert.equal(pulls.length, 0);
  assert.deepEqual([trigger.stats.unknownSender, trigger.stats.other, trigger.stats.malformed], [1, 1, 1]);
});

test('matching by message hostname when the address is unknown (relay), and FortiOS devname', () => {
  const { timers, pulls, send } = setup();
  send("<29>Nov 25 07:40:01 core-j1.example.net mgd[4425]: UI_COMMIT: User 'alice' requested 'commit' operation", '192.0.2.10');
  send('<189>date=2026-11-25 time=07:40:01 devname="fw1" logid="0100044547" user="admin" ui="GUI(10.32.22.115)" action="Edit" cfgpath="firewall.policy"', '192.0.2.11');
  timers.advance(2000);
  assert.deepEqual(pulls.map((p) => [p.device, p.claim.user]).sort(), [['core-j1', 'alice'], ['fw1', 'admin']]);
});

test('a name resolved once matches its address; two devices behind one address are narrowed by hostname', () => {
  const { timers, pulls, send } = setup();
  send('<189>date=2026-11-25 logid="0100044546" user="bob"', '10.0.0.50');
  send('<189>Nov 25 07:40:01 lab-2 ConfigAgent: %SYS-5-CONFIG_I: Configured from console by eve on vty1 (10.1.1.1)', '127.0.0.1');
  timers.advance(2000);
  assert.deepEqual(pulls.map((p) => p.device).sort(), ['fw1', 'lab-2']);
  send(CONFIG_I, '127.0.0.1');
  timers.advance(2000);
  assert.deepEqual(pulls.slice(2).map((p) => p.device).sort(), ['lab-1', 'lab-2'], 'no hostname: every device at that address');
});

test('per-driver patterns are used for the matched device platform', () => {
  const { timers, pulls, send } = setup();
  send('<189>Nov 25 07:40:01 2026 sw-a %%10SHELL/6/SHELL_CMD: -Line=vty0-IPAddr=10.0.0.9-User=admin; Command is vlan 10', '10.0.0.3');
  timers.advance(2000);
  assert.equal(pulls[0]?.claim.user, 'admin');
});

test('a flooding sender is rate limited; another device still gets its pull', () => {
  const { timers, pulls, trigger, send } = setup({ perSecond: 5, burst: 10 });
  for (let i = 0; i < 10_000; i++) send(CONFIG_I, '10.0.0.1');
  send("<29>Nov 25 07:40:01 core-j1 mgd[1]: UI_COMMIT: User 'a' requested 'commit' operation", '10.0.0.2');
  timers.advance(2000);
  assert.equal(trigger.stats.rateLimited, 9990);
  assert.deepEqual(pulls.map((p) => p.device).sort(), ['core-j1', 'edge-r1']);
});

test('garbage of every kind never throws and leaves the trigger working', () => {
  const { timers, pulls, trigger, send } = setup();
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed / 0x7fffffff);
  for (let i = 0; i < 10_000; i++) {
    const len = Math.floor(rnd() * (i % 100 === 0 ? 70_000 : 300));
    const buf = Buffer.alloc(len);
    for (let j = 0; j < len; j++) buf[j] = Math.floor(rnd() * 256);
    if (i % 3 === 0) buf.write('<189>1: %SYS-5-CONFIG_I: Configured from ', 0, 'latin1'); // valid start, garbage after
    if (i % 7 === 0) buf.write('<13>1 2026-11-25T07:40:01Z h a p m [x', 0, 'latin1');
    send(buf, i % 2 ? '10.0.0.1' : '198.51.100.1');
  }
  timers.advance(20_000);
  const before = pulls.length;
  send(CONFIG_I, '10.0.0.2'); // recognised, from core-j1's address
  timers.advance(2000);
  assert.equal(pulls.length, before + 1);
  assert.equal(pulls.at(-1)!.claim.user, 'jdoe');
  assert.equal(trigger.stats.received, 10_001);
});

test('host names are resolved once, at build; unresolvable names are reported and match by name only', async () => {
  const asked: string[] = [];
  const lookup = async (h: string) => {
    asked.push(h);
    if (h === 'gone.example.net') throw new Error('ENOTFOUND');
    return ['10.9.9.9', '2001:db8::9'];
  };
  const devs = [
    { name: 'fw1', host: 'fw1.example.net', platform: 'fortinet' },
    { name: 'old', host: 'gone.example.net', platform: 'cisco_ios' },
    { name: 'ip', host: '10.0.0.1', platform: 'cisco_ios' },
  ];
  const { matcher, unresolved } = await SenderMatcher.build(devs, lookup);
  assert.deepEqual(asked.sort(), ['fw1.example.net', 'gone.example.net'], 'IP literals are not looked up');
  assert.deepEqual(unresolved, ['gone.example.net']);
  assert.deepEqual(matcher.match('10.9.9.9').map((d) => d.name), ['fw1']);
  assert.deepEqual(matcher.match('2001:DB8::9').map((d) => d.name), ['fw1']);
  assert.deepEqual(matcher.match('192.0.2.1', 'old').map((d) => d.name), ['old']);
  assert.deepEqual(matcher.match('192.0.2.1', 'stranger'), []);
  assert.equal(asked.length, 2, 'matching never looks anything up');
});
