import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { channelConfigSchema, channelSecretFields } from '../../src/notify/channel-schemas.js';
import { CHANNEL_TYPES, defaultSenders, renderers } from '../../src/notify/registry.js';

test('every channel folder and every schema channel type is registered with a schema, secret fields, a sender and a renderer', () => {
  const dir = fileURLToPath(new URL('../../src/notify/', import.meta.url));
  const folders = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  const schemaTypes = channelConfigSchema.options.map((o) => o.shape.type.value).sort();
  assert.deepEqual([...CHANNEL_TYPES].sort(), folders);
  assert.deepEqual([...CHANNEL_TYPES].sort(), schemaTypes);
  for (const t of CHANNEL_TYPES) {
    assert.equal(typeof defaultSenders[t], 'function');
    assert.equal(typeof renderers[t], 'function');
    const keys = Object.keys(channelConfigSchema.options.find((o) => o.shape.type.value === t)!.shape);
    for (const f of channelSecretFields[t]) assert.ok(keys.includes(f), `${t}.${f} is a field of its schema`);
    assert.ok(channelSecretFields[t].length > 0);
  }
});
