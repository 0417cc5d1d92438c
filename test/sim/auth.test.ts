import { test } from 'node:test';
import assert from 'node:assert/strict';
import ssh2, { BaseAgent, type ParsedKey } from 'ssh2';
import { SimDevice } from '../../src/sim/device.js';
import { generateHostKey } from '../../src/sim/host-key.js';
import { parseTranscript } from '../../src/sim/transcript.js';
import { connect, exec } from './client.js';

const transcript = parseTranscript('init_prompt: "r1#"\ncommands:\n  "show version\\n": "show version\\nv1\\nr1#"\n', 'ios#auth#simulation.yaml');
const hostKey = generateHostKey();
/** An ed25519 pair (generateHostKey discards the malformed keys ssh2's generator sometimes makes). */
const userKey = () => {
  const k = generateHostKey();
  return { private: k.privateKey, public: k.publicKey };
};
const parse = (text: string): ParsedKey => {
  const k = ssh2.utils.parseKey(text);
  if (k instanceof Error) throw k;
  return Array.isArray(k) ? k[0]! : k;
};

async function withDevice(opts: Partial<ConstructorParameters<typeof SimDevice>[0]>, fn: (d: SimDevice) => Promise<void>) {
  const d = await new SimDevice({ transcript, hostKey, ...opts }).start();
  try {
    await fn(d);
  } finally {
    await d.close();
  }
}

async function loginWorks(port: number, config: Parameters<typeof connect>[1]): Promise<boolean> {
  try {
    const { client } = await connect(port, config);
    const r = await exec(client, 'show version');
    client.end();
    return r.code === 0;
  } catch (err) {
    if (/authentication methods failed/i.test((err as Error).message)) return false;
    throw err;
  }
}

test('password: default admin/admin, configurable, wrong password and user fail', async () => {
  await withDevice({}, async (d) => {
    assert.equal(await loginWorks(d.port, {}), true);
    assert.equal(await loginWorks(d.port, { password: 'nope' }), false);
    assert.equal(await loginWorks(d.port, { username: 'root' }), false);
    assert.equal(d.stats.logins, 1);
    assert.ok(d.stats.authFailures >= 2);
  });
  await withDevice({ username: 'netops', password: 's3cret' }, async (d) => {
    assert.equal(await loginWorks(d.port, { username: 'netops', password: 's3cret' }), true);
    assert.equal(await loginWorks(d.port, {}), false);
  });
});

test('keyboard-interactive: the password answers the prompt', async () => {
  await withDevice({}, async (d) => {
    // The answers come from the client's keyboard-interactive handler: set it per attempt.
    const withHandler = (answer: string) =>
      new Promise<{ ok: boolean; prompts: string[] }>((resolve, reject) => {
        const prompts: string[] = [];
        const c = new ssh2.Client();
        c.on('keyboard-interactive', (_n, _i, _l, ps, finish) => {
          prompts.push(...ps.map((p) => p.prompt));
          finish([answer]);
        });
        c.on('ready', () => (c.end(), resolve({ ok: true, prompts })));
        c.on('error', (err) => (/authentication methods failed/i.test(err.message) ? resolve({ ok: false, prompts }) : reject(err)));
        c.connect({ host: '127.0.0.1', port: d.port, username: 'admin', tryKeyboard: true, authHandler: ['keyboard-interactive'] });
      });
    assert.deepEqual(await withHandler('admin'), { ok: true, prompts: ['Password: '] });
    assert.equal((await withHandler('wrong')).ok, false);
    d.rejectPassword = true;
    assert.equal((await withHandler('admin')).ok, false);
  });
});

test('public key: accepted keys log in (ed25519 and rsa), others do not', async () => {
  const ed = userKey();
  const rsa = ssh2.utils.generateKeyPairSync('rsa', { bits: 2048 });
  const other = userKey();
  await withDevice({ authorizedKeys: [ed.public, rsa.public] }, async (d) => {
    assert.equal(await loginWorks(d.port, { password: undefined, privateKey: ed.private }), true);
    assert.equal(await loginWorks(d.port, { password: undefined, privateKey: rsa.private }), true);
    assert.equal(await loginWorks(d.port, { password: undefined, privateKey: other.private }), false);
    assert.equal(await loginWorks(d.port, { username: 'root', password: undefined, privateKey: ed.private }), false);
  });
});

test('public key: the signature is verified (an agent offering an accepted key but signing with another fails)', async () => {
  const accepted = userKey();
  const impostor = parse(userKey().private);
  class LyingAgent extends BaseAgent<ParsedKey> {
    getIdentities(cb: (err: Error | undefined, keys?: ParsedKey[]) => void): void {
      cb(undefined, [parse(accepted.public)]);
    }
    sign(_pub: ParsedKey, data: Buffer, ...rest: unknown[]): void {
      const cb = rest[rest.length - 1] as (err: Error | undefined, sig?: Buffer) => void;
      cb(undefined, impostor.sign(data));
    }
  }
  await withDevice({ authorizedKeys: [accepted.public] }, async (d) => {
    assert.equal(await loginWorks(d.port, { password: undefined, agent: new LyingAgent(), authHandler: ['agent'] }), false);
    assert.equal(await loginWorks(d.port, { password: undefined, privateKey: accepted.private }), true);
  });
});

test('rejectPassword makes password authentication fail until cleared', async () => {
  await withDevice({ rejectPassword: true }, async (d) => {
    assert.equal(await loginWorks(d.port, {}), false);
    d.rejectPassword = false;
    assert.equal(await loginWorks(d.port, {}), true);
  });
});
