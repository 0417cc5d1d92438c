import { test } from 'node:test';
import assert from 'node:assert/strict';
import { storePathCollisions, type PlacedDevice } from '../../src/inventory/store-paths.js';
import { platformList, unknownPlatformMessage } from '../../src/inventory/platform-names.js';
import { editDistance, nearest } from '../../src/config/suggest.js';

const at = (name: string, group?: string, line = 1): PlacedDevice => ({ name, group, origin: { file: 'inv.yaml', lineOf: () => line } });

test('store paths: file-vs-folder collisions (any case) and case-only group variants; nothing else', () => {
  assert.deepEqual(storePathCollisions([at('sw1'), at('sw2', 'core'), at('core'), at('x', 'sw3')]), []);
  const hit = storePathCollisions([at('sw1', undefined, 3), at('z', 'sw1.cfg', 7)]);
  assert.equal(hit.length, 1);
  assert.deepEqual({ ...hit[0], message: undefined }, { file: 'inv.yaml', line: 3, device: 'sw1', message: undefined });
  assert.equal(storePathCollisions([at('Edge'), at('z', 'edge.CFG')]).length, 1);
  const cased = storePathCollisions([at('a', 'Core'), at('b', 'core'), at('c', 'core')]);
  assert.deepEqual(cased.map((p) => p.device), ['b', 'c']);
});

test('platform names: ids with aliases, and the nearest one for a typo', () => {
  assert.match(platformList(), /(^|, )cisco_ios \(ios, /);
  assert.match(platformList(), /juniper_junos \(junos[),]/);
  assert.match(unknownPlatformMessage('junoss'), /did you mean junos\?/);
  assert.doesNotMatch(unknownPlatformMessage('zzzzzzzz'), /did you mean/);
});

test('edit distance counts a swap as one edit; nearest refuses far words', () => {
  assert.equal(editDistance('hots', 'host'), 1);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(nearest('platfrom', ['platform', 'port']), 'platform');
  assert.equal(nearest('zzz', ['host', 'port']), undefined);
});
