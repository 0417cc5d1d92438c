/** Every driver folder is registered, every registered driver is tested on at least one transcript. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DRIVERS, getDriver, knownPlatforms, resolvePlatform } from '../../src/drivers/registry.js';
import { conformanceCases } from '../helpers/conformance-cases.js';
import { skipWithoutTranscripts } from '../helpers/transcripts.js';

const DIR = fileURLToPath(new URL('../../src/drivers/', import.meta.url));
const folders = readdirSync(DIR).filter((f) => f !== 'common' && statSync(join(DIR, f)).isDirectory());

test('every driver folder is registered under its own name, and nothing else is', () => {
  assert.deepEqual([...folders].sort(), [...knownPlatforms()].sort());
});

test('every registered driver has transcripts to be tested on (shared or its own fixtures)', { skip: skipWithoutTranscripts }, () => {
  const tested = new Set(conformanceCases().cases.map((c) => c.driver.id));
  assert.deepEqual(DRIVERS.filter((d) => !tested.has(d.id)).map((d) => d.id), []);
});

test('the platform names of DESIGN.md resolve, with the Oxidized aliases', () => {
  for (const id of ['cisco_ios', 'cisco_nxos', 'cisco_xr', 'cisco_asa', 'juniper_junos', 'arista_eos', 'fortinet', 'mikrotik_routeros', 'aruba_aoscx', 'hp_procurve', 'paloalto_panos', 'vyos', 'linux']) {
    assert.equal(resolvePlatform(id), id);
  }
  const aliases: Record<string, string> = { ios: 'cisco_ios', nxos: 'cisco_nxos', junos: 'juniper_junos', eos: 'arista_eos', fortios: 'fortinet', routeros: 'mikrotik_routeros', aoscx: 'aruba_aoscx', asa: 'cisco_asa', IOS: 'cisco_ios' };
  for (const [alias, id] of Object.entries(aliases)) assert.equal(resolvePlatform(alias), id, alias);
  assert.equal(resolvePlatform('nonsense'), undefined);
  assert.throws(() => getDriver('nonsense'));
});

test('drivers are declarative: prompt anchored, commands listed, patterns compile', () => {
  for (const d of DRIVERS) {
    assert.match(d.session.prompt.source, /^\^.*\$$/s, `${d.id}: prompt must be anchored ^...$`);
    assert.ok(d.commands.length > 0 || d.commandsFor, `${d.id}: no commands`);
    assert.ok(d.description.length > 5, `${d.id}: description`);
  }
});
