import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { parseTranscript, undumpRuby, loadTranscript, answerFor } from '../../src/sim/transcript.js';
import { TRANSCRIPTS_DIR, skipWithoutTranscripts, transcriptPath } from '../helpers/transcripts.js';

test('undumpRuby decodes the escapes of the transcript format', () => {
  assert.equal(undumpRuby('a\\x20b\\tc\\r\\e[0m\\"q\\" \\\\'), 'a b\tc\r\x1b[0m"q" \\');
  assert.equal(undumpRuby('caf\\u00e9'), 'café');
});

test('map and ordered-list transcripts both parse', () => {
  const map = parseTranscript('init_prompt: |-\n  sw1#\ncommands:\n  "show x\\n": |-\n    show x\n    a\\x20\n    sw1#\n');
  assert.equal(map.initPrompt, 'sw1#');
  assert.deepEqual(map.commands, [['show x\n', 'show x\na \nsw1#']]);
  assert.equal(map.ordered, false);
  const list = parseTranscript('init_prompt: "p>"\ncommands:\n  - "a\\n": "1"\n  - "a\\n": "2"\n');
  assert.equal(list.ordered, true);
  assert.deepEqual(list.commands.map((c) => c[1]), ['1', '2']);
});

test('every shared simulation transcript parses and has a prompt', { skip: skipWithoutTranscripts }, () => {
  const files = readdirSync(TRANSCRIPTS_DIR).filter((f) => f.endsWith('simulation.yaml'));
  assert.ok(files.length > 50, `expected many transcripts in ${TRANSCRIPTS_DIR}`);
  for (const f of files) {
    const t = loadTranscript(transcriptPath(f));
    assert.ok(t.commands.length > 0, `${f} has commands`);
  }
  const ios = loadTranscript(transcriptPath('ios#C9200L-24P-4G_17.09.04a#simulation.yaml'));
  assert.match(answerFor(ios, 'show running-config') ?? '', /^hostname LAB-SW123_9200L$/m);
});
