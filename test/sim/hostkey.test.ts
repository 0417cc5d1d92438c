import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SimDevice } from '../../src/sim/device.js';
import { fingerprintOf, generateHostKey } from '../../src/sim/host-key.js';
import { parseTranscript } from '../../src/sim/transcript.js';
import { connect, exec } from './client.js';

const transcript = parseTranscript('init_prompt: "r1#"\ncommands:\n  "show version\\n": "v1\\n"\n', 'ios#hk#simulation.yaml');

test('the client sees the device host key; rotation changes it on the same port', async () => {
  const shared = generateHostKey();
  const a = await new SimDevice({ transcript, hostKey: shared }).start();
  const b = await new SimDevice({ transcript, hostKey: shared }).start();
  try {
    const first = await connect(a.port);
    assert.ok(first.hostKey.equals(shared.blob), 'key seen by the client is the device key');
    assert.equal(fingerprintOf(first.hostKey), a.hostKey.fingerprint);
    first.client.end();
    const other = await connect(b.port);
    assert.ok(other.hostKey.equals(first.hostKey), 'a fleet may share one key');
    other.client.end();

    const port = a.port;
    const pinned = first.hostKey;
    const fresh = a.rotateHostKey();
    assert.equal(a.port, port);
    assert.notEqual(fresh.fingerprint, shared.fingerprint);
    // A client that pinned the old key refuses the new one before authenticating.
    await assert.rejects(connect(a.port, { acceptKey: (k) => k.equals(pinned) }));
    const again = await connect(a.port);
    assert.ok(again.hostKey.equals(fresh.blob));
    assert.equal((await exec(again.client, 'show version')).stdout, 'v1\n');
    again.client.end();
    // The other device keeps the shared key.
    const still = await connect(b.port);
    assert.ok(still.hostKey.equals(shared.blob));
    still.client.end();
  } finally {
    await a.close();
    await b.close();
  }
});

test('a device without a given key generates its own ed25519 key', async () => {
  const d = await new SimDevice({ transcript }).start();
  try {
    const { client, hostKey } = await connect(d.port);
    assert.equal(hostKey.subarray(4, 15).toString(), 'ssh-ed25519');
    assert.match(d.hostKey.publicKey, /^ssh-ed25519 AAAA/);
    client.end();
  } finally {
    await d.close();
  }
});
