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

test('every shared transcript replays in a shell, commands sent exactly as recorded', { skip: skipWithoutTranscripts }, async () => {
  const files = readdirSync(TRANSCRIPTS_DIR).filter((f) => /simulation\.yaml$/.test(f));
  const failures: string[] = [];
  for (const file of files) {
    const t = loadTranscript(transcriptPath(file));
    const d = await new SimDevice({ transcript: t, hostKey }).start();
    const { client } = await connect(d.port);
    client.on('error', () => {});
    try {
      const sh = await openShell(client);
      if (t.initPrompt) await sh.read(t.initPrompt, 2000);
      for (const [cmd, answer] of t.commands) {
        sh.send(cmd);
        if (answer === '') continue;
        const got = await sh.read((b) => b.length >= answer.length, 2000);
        if (got !== answer) throw new Error(`answer to ${JSON.stringify(cmd)}: ${JSON.stringify(got.slice(0, 120))}`);
      }
    } catch (err) {
      failures.push(`${file}: ${(err as Error).message}`);
    } finally {
      client.end();
      await d.close();
    }
  }
  assert.deepEqual(failures, []);
});

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
      const prompt = t.initPrompt.slice(t.initPrompt.lastIndexOf('\n') + 1);
      for (const [cmd, answer] of t.commands) {
        const r = await exec(client, cmd.replace(/\n$/, ''));
        // Shell recordings come without their echo line and closing prompt over exec.
        const line = cmd.replace(/\n$/, '');
        const forms = [answer];
        for (const eol of ['\n', '\r\n']) {
          if (prompt && answer.startsWith(line + eol) && answer.endsWith(prompt)) forms.push(answer.slice(line.length + eol.length, -prompt.length));
        }
        assert.ok(forms.includes(r.stdout), `${file}: ${JSON.stringify(cmd)} gave ${JSON.stringify(r.stdout.slice(0, 200))}`);
      }
    } finally {
      client.end();
      await d.close();
    }
  }
});
