/**
 * The conformance transcripts replayed over real SSH: the simulator serves each recording, the
 * real transport (ssh2 client, prompt detection, pagers, exec channels) collects it, and the
 * stored text must equal what the driver makes of the recording as pure code.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { collectOutputs } from '../../src/transport/session.js';
import { SimDevice } from '../../src/sim/device.js';
import { loadTranscript } from '../../src/sim/transcript.js';
import { conformanceCases } from '../helpers/conformance-cases.js';
import { replayOutputs } from '../helpers/replay.js';

const { cases } = conformanceCases();

/**
 * Recordings a faithful replay cannot serve: the answer holds the pager, its erase and the next
 * page's first bytes in one chunk, as if the device went on without a keypress (no real device
 * does; the pure suite follows the recorded key instead).
 */
const SSH_REPLAY_ARTIFACTS: Record<string, string> = {
  'mlnxos#Onyx_3.9.2504#simulation.yaml': 'the "lines 163-183" pager is recorded together with the following output',
};
const table = new Map<string, { transcripts: number; pass: number }>();

for (const c of cases) {
  test(`over SSH ${c.driver.id}: ${c.name}`, { skip: SSH_REPLAY_ARTIFACTS[c.name] ?? false }, async () => {
    const row = table.get(c.driver.id) ?? { transcripts: 0, pass: 0 };
    row.transcripts++;
    table.set(c.driver.id, row);
    const transcript = loadTranscript(c.path);
    const expected = c.driver.maskSecrets(c.driver.parse(replayOutputs(transcript, c.driver.session, c.driver.commands)).config);
    const sim = await new SimDevice({ transcript, crlf: c.driver.session.mode === 'shell' }).start();
    try {
      const outputs = await collectOutputs(
        {
          target: { host: '127.0.0.1', port: sim.port, username: 'admin', password: 'admin' },
          timeouts: { connectMs: 5000, authMs: 5000, idleMs: 3000 },
          checkHostKey: () => 'accept',
        },
        c.driver.session,
        c.driver.commands,
      );
      const stored = c.driver.maskSecrets(c.driver.parse(outputs).config);
      assert.equal(stored, expected);
      row.pass++;
    } finally {
      await sim.close();
    }
  });
}

after(() => {
  const rows = [...table.entries()].sort();
  console.log(['\nover SSH: platform      transcripts  pass', ...rows.map(([id, r]) => `${id.padEnd(22)}${String(r.transcripts).padStart(11)}${String(r.pass).padStart(6)}`)].join('\n'));
});
