import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SimDevice, type SimDeviceOptions } from '../../src/sim/device.js';
import { generateHostKey } from '../../src/sim/host-key.js';
import { MORE, MORE_ERASE } from '../../src/sim/text.js';
import type { Transcript } from '../../src/sim/transcript.js';
import { connect, exec, openShell, sleep, waitClientClose, type ShellReader } from './client.js';

const P = 'sw1#';
const configLines = ['Building configuration...', '', 'Current configuration : 999 bytes', '!', 'hostname sw1', '!'];
for (let i = 1; i <= 24; i++) configLines.push(`interface GigabitEthernet1/0/${i}`, ' switchport mode access', '!');
configLines.push('line vty 0 4', ' transport input ssh', '!', 'end', '');
const RUN = `show running-config\n${configLines.join('\n')}\n${P}`;
const transcript: Transcript = {
  name: 'ios#lab-sw1#simulation.yaml',
  model: 'ios',
  initPrompt: `\nbanner\n${P}`,
  commands: [
    ['terminal length 0\n', `terminal length 0\n${P}`],
    ['show version\n', `show version\nCisco IOS XE Software, Version 17.9.4a\n${P}`],
    ['show running-config\n', RUN],
  ],
  ordered: false,
};
const hostKey = generateHostKey();

async function session(opts: Partial<SimDeviceOptions>, fn: (sh: ShellReader, d: SimDevice) => Promise<void>): Promise<void> {
  const d = await new SimDevice({ transcript, hostKey, ...opts }).start();
  const { client } = await connect(d.port);
  client.on('error', () => {});
  try {
    const sh = await openShell(client);
    await fn(sh, d);
  } finally {
    client.end();
    await d.close();
  }
}

const lineCount = (s: string) => s.split('\n').length - 1;

test('shell: init prompt, recorded answers, unknown command, empty line, CR/LF variants, exit', async () => {
  await session({}, async (sh, d) => {
    assert.equal(await sh.read(P), transcript.initPrompt);
    sh.send('show bogus\n');
    const bogus = await sh.read(P);
    assert.ok(bogus.startsWith('show bogus\n'));
    assert.ok(bogus.endsWith(`\n% Invalid input detected at '^' marker.\n\n${P}`), JSON.stringify(bogus));
    sh.send('\r');
    assert.equal(await sh.read(P), `\n${P}`);
    // \r\n counts as one line end, even when split across writes; commands may arrive in pieces.
    sh.send('show ver');
    await sleep(20);
    sh.send('sion\r');
    assert.equal(await sh.read(P), `show version\nCisco IOS XE Software, Version 17.9.4a\n${P}`);
    sh.send('\nshow version\r\nshow version\n');
    assert.equal(await sh.read((b) => b.split(P).length === 3), `show version\nCisco IOS XE Software, Version 17.9.4a\n${P}`.repeat(2));
    sh.send('exit\n');
    await sh.waitClose();
    assert.equal(d.stats.commands, 6);
    assert.equal(d.stats.shells, 1);
  });
});

test('ordered transcripts replay repeated commands in turn (cursor), then fall back to the first', async () => {
  const ordered: Transcript = {
    name: 'ios#ord#simulation.yaml', model: 'ios', initPrompt: 'r1#', ordered: true,
    commands: [['show clock\n', 'show clock\n1\nr1#'], ['show x\n', 'show x\nx\nr1#'], ['show clock\n', 'show clock\n2\nr1#']],
  };
  const d = await new SimDevice({ transcript: ordered, hostKey }).start();
  const { client } = await connect(d.port);
  try {
    const sh = await openShell(client);
    await sh.read('r1#');
    const got: string[] = [];
    for (const cmd of ['show clock', 'show x', 'show clock', 'show clock']) {
      sh.send(cmd + '\n');
      got.push((await sh.read('r1#')).split('\n')[1]!);
    }
    assert.deepEqual(got, ['1', 'x', '2', '1']);
  } finally {
    client.end();
    await d.close();
  }
});

test('enable: starts at >, config hidden, wrong secret denied, right secret gives #', async () => {
  await session({ enableSecret: 'en4ble' }, async (sh) => {
    assert.equal(await sh.read('sw1>'), '\nbanner\nsw1>');
    sh.send('show running-config\n');
    assert.match(await sh.read('sw1>'), /% Invalid input detected/);
    sh.send('show version\n');
    assert.equal(await sh.read('sw1>'), 'show version\nCisco IOS XE Software, Version 17.9.4a\nsw1>');
    sh.send('enable\n');
    assert.equal(await sh.read('Password: '), 'enable\nPassword: ');
    sh.send('wrong\n');
    assert.equal(await sh.read('sw1>'), '\n% Access denied\n\nsw1>');
    sh.send('enable\n');
    await sh.read('Password: ');
    sh.send('en4ble\n');
    assert.equal(await sh.read(P), `\n${P}`);
    sh.send('show running-config\n');
    assert.equal(await sh.read(P), RUN);
  });
});

test('paging: --More-- every N lines, space for a page, return for a line, erase marker, q aborts; terminal length 0 stops it', async () => {
  await session({ pageLines: 10 }, async (sh) => {
    await sh.read(P);
    sh.send('show running-config\n');
    const first = await sh.read(MORE);
    assert.equal(lineCount(first), 10);
    let all = first;
    sh.send(' ');
    const second = await sh.read(MORE);
    assert.ok(second.startsWith(MORE_ERASE), 'the marker is erased as IOS does');
    assert.equal(lineCount(second), 10);
    all += second;
    sh.send('\r');
    const one = await sh.read(MORE);
    assert.equal(lineCount(one), 1);
    all += one;
    for (;;) {
      sh.send(' ');
      const page = await sh.read((b) => b.endsWith(MORE) || b.endsWith(P));
      all += page;
      if (page.endsWith(P)) break;
    }
    assert.equal(all.split(MORE).join('').split(MORE_ERASE).join(''), RUN);

    sh.send('show running-config\n');
    await sh.read(MORE);
    sh.send('q');
    assert.equal(await sh.read(P), MORE_ERASE + P);

    sh.send('terminal length 0\n');
    await sh.read(P);
    sh.send('show running-config\n');
    assert.equal(await sh.read(P), RUN);
  });
});

test('paging: ignorePagingOff keeps paging after terminal length 0; short answers are not paged', async () => {
  await session({ pageLines: 10, ignorePagingOff: true }, async (sh) => {
    await sh.read(P);
    sh.send('terminal length 0\n');
    assert.equal(await sh.read(P), `terminal length 0\n${P}`);
    sh.send('show version\n');
    assert.equal(await sh.read(P), `show version\nCisco IOS XE Software, Version 17.9.4a\n${P}`);
    sh.send('show running-config\n');
    assert.equal(lineCount(await sh.read(MORE)), 10);
  });
});

test('crlf: every line end is \\r\\n', async () => {
  await session({ crlf: true }, async (sh) => {
    const init = await sh.read(P);
    assert.equal(init, '\r\nbanner\r\nsw1#');
    sh.send('show running-config\n');
    const out = await sh.read(P);
    assert.equal(out, RUN.replace(/\n/g, '\r\n'));
    assert.doesNotMatch(out, /[^\r]\n/);
  });
});

test('mutate, addConfigLines, removeConfigLines, setAnswer, resetAnswers (shell and exec see them)', async () => {
  await session({}, async (sh, d) => {
    await sh.read(P);
    d.addConfigLines(['snmp-server community evil RW']);
    d.addConfigLines(['ip domain name evil.example'], { after: /^hostname / });
    d.removeConfigLines(/^line vty/);
    sh.send('show running-config\n');
    const out = await sh.read(P);
    assert.match(out, /\n!\nsnmp-server community evil RW\nend\n\nsw1#$/);
    assert.match(out, /\nhostname sw1\nip domain name evil\.example\n!\n/);
    assert.doesNotMatch(out, /line vty/);
    d.mutate('show version', (a) => a.replace('17.9.4a', '17.12.1'));
    d.setAnswer('show clock', `show clock\n12:00:00.000 UTC Mon Jan 1 2024\n${P}`);
    sh.send('show version\nshow clock\n');
    const two = await sh.read((b) => b.split(P).length === 3);
    assert.match(two, /Version 17\.12\.1\n/);
    assert.match(two, /12:00:00\.000 UTC/);
    assert.throws(() => d.mutate('show nothing', (a) => a), /no answer/);
    d.resetAnswers();
    sh.send('show running-config\n');
    assert.equal(await sh.read(P), RUN);
  });
  const d = await new SimDevice({ transcript, hostKey }).start();
  try {
    d.addConfigLines(['username evil privilege 15 secret 0 x']);
    const { client } = await connect(d.port);
    const r = await exec(client, 'show running-config');
    assert.match(r.stdout, /^Building configuration\.\.\.\n/, 'exec output has no echo');
    assert.match(r.stdout, /username evil privilege 15 secret 0 x\nend\n\n$/, 'nor the closing prompt');
    client.end();
  } finally {
    await d.close();
  }
});

test('latency: answers wait latencyMs, settable at run time', async () => {
  await session({ latencyMs: 150 }, async (sh, d) => {
    await sh.read(P);
    let t0 = performance.now();
    sh.send('show version\n');
    await sh.read(P);
    const delayed = performance.now() - t0;
    // A lower bound only: a loaded machine can make an answer slower, never faster than the latency.
    assert.ok(delayed >= 140, 'delayed');
    d.latencyMs = 0;
    t0 = performance.now();
    sh.send('show version\n');
    await sh.read(P);
    assert.ok(performance.now() - t0 < delayed, 'faster once cleared');
  });
});

test('garbage: junk without a prompt', async () => {
  await session({ garbage: true }, async (sh) => {
    await sh.read(P);
    sh.send('show version\n');
    await sleep(200);
    const junk = sh.buffer;
    assert.ok(junk.length > 100, 'junk arrived');
    assert.ok(!junk.includes('show version') && !junk.trimEnd().endsWith('#') && !junk.trimEnd().endsWith('>'));
    assert.match(junk, /^[\x20-\x7e\n]+$/);
  });
});

test('hangAfterBytes: part of the answer, then silence on an open connection', async () => {
  await session({}, async (sh, d) => {
    await sh.read(P);
    d.hangAfterBytes('show running-config', 50);
    sh.send('show running-config\n');
    const part = await sh.read((b) => b.length >= 50);
    assert.equal(part, RUN.slice(0, 50));
    sh.send('show version\n');
    await sleep(300);
    assert.equal(sh.buffer, '', 'silent');
    assert.equal(sh.closed, false, 'still open');
    d.clearFaults();
  });
});

test('disconnectAfterBytes: part of the answer, then the TCP connection drops (shell and exec)', async () => {
  const d = await new SimDevice({ transcript, hostKey }).start();
  try {
    d.disconnectAfterBytes('show running-config', 40);
    const { client } = await connect(d.port);
    client.on('error', () => {});
    const sh = await openShell(client);
    await sh.read(P);
    const closed = waitClientClose(client);
    sh.send('show running-config\n');
    await closed;
    assert.equal(sh.buffer, RUN.slice(0, 40));

    const second = await connect(d.port);
    second.client.on('error', () => {});
    const gone = waitClientClose(second.client);
    const r = await exec(second.client, 'show running-config');
    await gone;
    assert.equal(r.stdout, RUN.slice('show running-config\n'.length).slice(0, 40));
    assert.equal(r.code, null, 'no exit status: the connection died');
    assert.equal(d.stats.connections, 2);
  } finally {
    await d.close();
  }
});

test('faults with * apply to every command; counters count connections and sessions', async () => {
  const d = await new SimDevice({ transcript, hostKey }).start();
  try {
    d.hangAfterBytes('*', 0);
    const { client } = await connect(d.port);
    const sh = await openShell(client);
    await sh.read(P);
    sh.send('show version\n');
    await sleep(150);
    assert.equal(sh.buffer, '');
    client.end();
    d.clearFaults();
    const again = await connect(d.port);
    assert.equal((await exec(again.client, 'show version')).code, 0);
    assert.equal((await exec(again.client, 'show nothing')).code, 1);
    again.client.end();
    assert.deepEqual(
      { connections: d.stats.connections, logins: d.stats.logins, sessions: d.stats.sessions, shells: d.stats.shells, execs: d.stats.execs },
      { connections: 2, logins: 2, sessions: 3, shells: 1, execs: 2 },
    );
  } finally {
    await d.close();
  }
});
