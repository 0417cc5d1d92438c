import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { channelSchema } from '../../src/config/schema.js';
import { CHANNEL_TYPES, defaultSenders, renderers } from '../../src/notify/registry.js';

test('every channel folder and every schema channel type is registered with a sender and a renderer', () => {
  const dir = fileURLToPath(new URL('../../src/notify/', import.meta.url));
  const folders = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  const schemaTypes = channelSchema.options.map((o) => o.shape.type.value).sort();
  assert.deepEqual([...CHANNEL_TYPES].sort(), folders);
  assert.deepEqual([...CHANNEL_TYPES].sort(), schemaTypes);
  for (const t of CHANNEL_TYPES) {
    assert.equal(typeof defaultSenders[t], 'function');
    assert.equal(typeof renderers[t], 'function');
  }
});
