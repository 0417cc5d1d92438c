import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { SimDevice } from '../../src/sim/device.js';
import { generateHostKey } from '../../src/sim/host-key.js';
import { loadTranscript } from '../../src/sim/transcript.js';
import { TRANSCRIPTS_DIR, skipWithoutTranscripts, transcriptFiles, transcriptPath } from '../helpers/transcripts.js';
import { connect, exec, openShell } from './client.js';

const hostKey = generateHostKey();

for (const file of transcriptFiles('ios', 'simulation.yaml')) {
  test(`shell replay of ${file} gives every recorded answer byte for byte`, { skip: skipWithoutTranscripts }, async () => {
    const t = loadTranscript(transcriptPath(file));
    const device = await new SimDevice({ transcript: t, hostKey }).start();
    const { client } = await connect(device.port);
    try {
      const sh = await openShell(client);
      assert.equal(await sh.read(t.initPrompt), t.initPrompt);
      for (const [cmd, answer] of t.commands) {
        sh.send(cmd);
        if (answer === '') {
          assert.match(cmd, /^(exit|quit|logout)\n$/, `only a logout may have an empty answer (${JSON.stringify(cmd)})`);
          await sh.waitClose();
          continue;
        }
        const got = await sh.read((b) => b.length >= answer.length);
        assert.equal(got, answer, `answer to ${JSON.stringify(cmd)}`);
      }
      assert.equal(device.stats.shells, 1);
      assert.equal(device.stats.commands, t.commands.length);
    } finally {
      client.end();
      await device.close();
    }
  });
}

test('junos exec replay: bare output, exit status 0; unknown command: stderr, status 1', { skip: skipWithoutTranscripts }, async () => {
  const files = transcriptFiles('junos', 'simulation.yaml');
  assert.ok(files.length > 0, 'a junos transcript exists');
  const t = loadTranscript(transcriptPath(files[0]!));
  const device = await new SimDevice({ transcript: t, hostKey }).start();
  const { client } = await connect(device.port);
  try {
    for (const [cmd, answer] of t.commands) {
      const r = await exec(client, cmd.replace(/\n$/, ''));
      assert.equal(r.stdout, answer, cmd);
      assert.equal(r.code, 0);
    }
    const bad = await exec(client, 'show bogus thing');
    assert.equal(bad.code, 1);
    assert.equal(bad.stdout, '');
    assert.match(bad.stderr, /unknown command/);
    assert.equal(device.stats.execs, t.commands.length + 1);
  } finally {
    client.end();
    await device.close();
  }
});

test('every shared transcript answers its recorded commands over exec', { skip: skipWithoutTranscripts }, async () => {
  const files = readdirSync(TRANSCRIPTS_DIR).filter((f) => /simulation\.yaml$/.test(f));
  assert.ok(files.length > 50);
  for (const file of files) {
    const t = loadTranscript(transcriptPath(file));
    const d = await new SimDevice({ transcript: t, hostKey }).start();
    const { client } = await connect(d.port);
    try {
      // One connection: an ordered transcript's cursor moves through repeated commands in turn.
      for (const [cmd, answer] of t.commands) {
        const r = await exec(client, cmd.replace(/\n$/, ''));
        assert.equal(r.stdout, answer, `${file}: ${JSON.stringify(cmd)}`);
      }
    } finally {
      client.end();
      await d.close();
    }
  }
});
