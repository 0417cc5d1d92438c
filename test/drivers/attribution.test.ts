/**
 * Attribution parsers per platform against their synthetic fixtures (src/drivers/<id>/fixtures/,
 * written from public formats), real recordings where the shared transcripts hold the output,
 * and hostile input: ANSI, control characters, huge lines, error answers.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getDriver } from '../../src/drivers/registry.js';
import { attributionSource, mergeDeviceAttribution, MAX_COMMANDS, MAX_FIELD } from '../../src/drivers/common/attribution.js';
import type { ChangeAttribution } from '../../src/drivers/types.js';
import { loadTranscript } from '../../src/sim/transcript.js';
import { findAnswer } from '../../src/sim/answers.js';
import { skipWithoutTranscripts, transcriptPath } from '../helpers/transcripts.js';

const fixture = (driver: string, file: string) => readFileSync(fileURLToPath(new URL(`../../src/drivers/${driver}/fixtures/${file}`, import.meta.url)), 'utf8');
const parse = (platform: string, output: string) => getDriver(platform).attribution!.parse!(output);

const CASES: Array<{ platform: string; file: string; expected: ChangeAttribution }> = [
  {
    platform: 'cisco_ios',
    file: 'archive-log.txt',
    expected: { user: 'jdoe', via: 'vty0', commands: ['username backdoor privilege 15 secret *****', 'line vty 0 4', 'transport input telnet ssh'] },
  },
  { platform: 'cisco_xr', file: 'commit-list.txt', expected: { user: 'jdoe', at: 'Tue Sep 30 03:12:05 2025', via: 'cli (vty0:node0_RSP0_CPU0)' } },
  {
    platform: 'cisco_nxos',
    file: 'accounting-log.txt',
    expected: { user: 'jdoe', at: 'Tue Sep 30 03:12:05 2025', source: '10.0.0.9', via: 'cli', commands: ['username backdoor password 5 $5$KLAHJ$abc role network-admin'] },
  },
  { platform: 'juniper_junos', file: 'system-commit.txt', expected: { user: 'jdoe', at: '2025-09-30 03:12:05 UTC', via: 'netconf' } },
  { platform: 'vyos', file: 'system-commit.txt', expected: { user: 'jdoe', at: '2025-09-30 03:12:05', via: 'cli' } },
  { platform: 'arista_eos', file: 'logging-config.txt', expected: { user: 'jdoe', at: 'Sep 30 03:12:05', source: '10.0.0.9', via: 'cli (vty3)' } },
  {
    platform: 'fortinet',
    file: 'event-log.txt',
    expected: { user: 'jdoe', at: '2025-09-30 03:12:05', source: '10.0.0.9', via: 'ssh', commands: ['Edit system.admin backdoor: accprofile[->super_admin]'] },
  },
  {
    platform: 'paloalto_panos',
    file: 'config-log.txt',
    expected: { user: 'jdoe', at: '2025/09/30 03:12:05', source: '10.0.0.9', via: 'web', commands: ['set mgt-config users backdoor'] },
  },
  { platform: 'mikrotik_routeros', file: 'system-history.txt', expected: { user: 'jdoe', at: '2025-09-30 03:12:05', commands: ['user added'] } },
];

for (const c of CASES) {
  test(`${c.platform}: ${getDriver(c.platform).attribution!.command} names user, time, source, channel`, () => {
    assert.deepEqual(parse(c.platform, fixture(c.platform, c.file)), c.expected);
  });

  test(`${c.platform}: echo, CRs and prompt around the output change nothing`, () => {
    const command = getDriver(c.platform).attribution!.command!;
    const raw = `${command}\r\n${fixture(c.platform, c.file).replace(/\n/g, '\r\n')}\r\nsw1# `;
    assert.deepEqual(parse(c.platform, raw), c.expected);
  });

  test(`${c.platform}: error answers and empty output give no attribution`, () => {
    for (const out of ['', "% Invalid input detected at '^' marker.\n", 'error: unknown command: show\n', 'Command fail. Return code -61\n', 'bad command name system (line 1 column 1)\n', '-bash: show: command not found\n', 'Archive feature not enabled\n']) {
      assert.equal(parse(c.platform, out), undefined, JSON.stringify(out));
    }
  });

  test(`${c.platform}: hostile output is sanitised or dropped`, () => {
    const text = fixture(c.platform, c.file);
    // ANSI colour and a bidi override inside the user name, a NUL and BEL, and a 1 MB line in front.
    const hostile = 'x'.repeat(1 << 20) + '\n' + text.replace(/jdoe/g, '\x1b[31mjd\u202eoe\x1b[0m\x07\x00');
    const a = parse(c.platform, hostile);
    if (a) {
      for (const v of [a.user, a.at, a.source, a.via, ...(a.commands ?? [])]) {
        if (v === undefined) continue;
        assert.doesNotMatch(v, /[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/, `control characters in ${JSON.stringify(v)}`);
        assert.ok(v.length <= 200, 'bounded');
      }
    }
    // A user name of 10,000 characters is cut, not stored whole.
    const long = parse(c.platform, text.replace(/jdoe/g, 'u'.repeat(10_000)));
    if (long?.user) assert.ok(long.user.length <= MAX_FIELD, `user of ${long.user.length} characters`);
  });
}

test('IOS archive: commands bounded in count and length; only the newest session', () => {
  const rows = Array.from({ length: 60 }, (_, i) => `  ${i + 10}     9           jdoe@vty1     |  description ${'d'.repeat(500)} ${i}`);
  const a = parse('cisco_ios', [' idx   sess           user@line      Logged command', '    1     3         eve@vty0     |  hostname evil', ...rows].join('\n'))!;
  assert.equal(a.user, 'jdoe');
  assert.equal(a.commands!.length, MAX_COMMANDS);
  assert.ok(a.commands!.every((c) => c.length <= 200));
  assert.ok(!a.commands!.some((c) => c.includes('hostname evil')), 'another session is not this change');
});

test('config headers: IOS, IOS-XR, Junos name user and time; NX-OS time only', () => {
  const spec = (p: string) => getDriver(p).attribution!;
  assert.deepEqual(spec('cisco_ios').fromConfig!({ 'show running-config': 'show running-config\n! Last configuration change at 03:12:05 UTC Tue Sep 30 2025 by jdoe\n!\nend\n' }), { at: '03:12:05 UTC Tue Sep 30 2025', user: 'jdoe' });
  assert.deepEqual(spec('cisco_xr').fromConfig!({ 'show running-config': '!! IOS XR Configuration 7.3.2\r\n!! Last configuration change at Tue Sep 30 09:02:26 2025 by admin\r\n' }), { at: 'Tue Sep 30 09:02:26 2025', user: 'admin' });
  assert.deepEqual(spec('juniper_junos').fromConfig!({ 'show configuration | display omit': '## Last commit: 2024-12-06 11:41:05 UTC by root\nversion 22.4R3;\n' }), { at: '2024-12-06 11:41:05 UTC', user: 'root' });
  assert.deepEqual(spec('cisco_nxos').fromConfig!({ 'show running-config': '!Command: show running-config\n!Running configuration last done at: Tue Sep 30 09:02:26 2025\n' }), { at: 'Tue Sep 30 09:02:26 2025' });
  assert.equal(spec('juniper_junos').fromConfig!({}), undefined);
});

test('header and command merged: the header wins, the command adds channel and commands of the same user only', () => {
  const header = { user: 'jdoe', at: '03:12 UTC' };
  assert.deepEqual(mergeDeviceAttribution(header, { user: 'jdoe', via: 'vty0', commands: ['x'] }), { user: 'jdoe', at: '03:12 UTC', via: 'vty0', commands: ['x'] });
  assert.deepEqual(mergeDeviceAttribution(header, { user: 'eve', via: 'vty0', commands: ['x'] }), header, 'another user: another change');
  assert.deepEqual(mergeDeviceAttribution({ at: 'T' }, { user: 'jdoe', at: 'U', source: '10.0.0.9' }), { user: 'jdoe', at: 'T', source: '10.0.0.9' });
  assert.equal(mergeDeviceAttribution(undefined, undefined), undefined);
});

test('status source per platform: config, the command, or none', () => {
  assert.equal(attributionSource(getDriver('cisco_ios').attribution), 'config + show archive log config all');
  assert.equal(attributionSource(getDriver('juniper_junos').attribution), 'config');
  assert.equal(attributionSource(getDriver('cisco_xr').attribution), 'config');
  assert.equal(attributionSource(getDriver('cisco_nxos').attribution), 'show accounting log');
  assert.equal(attributionSource(getDriver('linux').attribution), 'none');
  assert.equal(attributionSource(getDriver('cisco_asa').attribution), 'none');
});

test('RouterOS: the recorded /system history output (shared transcripts) parses', { skip: skipWithoutTranscripts }, () => {
  const t = loadTranscript(transcriptPath('routeros#L009UiGS_7.15.2#simulation.yaml'));
  const out = findAnswer(t, '/system history print without-paging')!.answer;
  assert.deepEqual(parse('mikrotik_routeros', out), { user: 'user', at: '2024-07-31 09:33:47', commands: ['bridge port changed'] });
});
