/** The handshake evidence read from a real ssh2 connection's debug output, against the simulator. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ssh2 from 'ssh2';
import { handshakeFromDebug } from '../../src/compliance/handshake-debug.js';
import { SimDevice } from '../../src/sim/device.js';
import { generateIosTranscript } from '../../src/sim/generate-ios.js';

test('server ident and offered kex come out of ssh2 debug lines', async () => {
  const sim = await new SimDevice({ transcript: generateIosTranscript({ hostname: 'hs1', lines: 150 }), name: 'hs1' }).start();
  const debug: string[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const c = new ssh2.Client();
      c.on('ready', () => {
        c.end();
        resolve();
      });
      c.on('error', reject);
      c.connect({ host: '127.0.0.1', port: sim.port, username: 'admin', password: 'admin', debug: (l: string) => debug.push(l) });
    });
    const facts = handshakeFromDebug(debug);
    assert.equal(facts.serverIdent, 'SSH-2.0-Cisco-1.25');
    assert.ok(facts.kex && facts.kex.length > 0, JSON.stringify(debug.filter((l) => /KEX/.test(l))));
  } finally {
    await sim.close();
  }
  assert.deepEqual(handshakeFromDebug(["Remote ident: 'SSH-1.99-Cisco-1.25'", 'Handshake: (remote) KEX method: diffie-hellman-group14-sha1,diffie-hellman-group1-sha1']), {
    serverIdent: 'SSH-1.99-Cisco-1.25',
    kex: ['diffie-hellman-group14-sha1', 'diffie-hellman-group1-sha1'],
  });
});
