/** Config-change recognition per platform: what is a change, and what it claims (user, source, line). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSyslog } from '../../src/syslog/parse.js';
import { recogniseChange } from '../../src/syslog/recognise.js';

function recognise(text: string, platform?: string) {
  const r = parseSyslog(text);
  assert.ok(r.ok, text);
  return recogniseChange(r.message, platform);
}

test('contract: IOS %SYS-5-CONFIG_I gives user jdoe and source 10.0.0.9', () => {
  const e = recognise('<189>1: *Nov 25 07:40:01: %SYS-5-CONFIG_I: Configured from console by jdoe on vty0 (10.0.0.9)');
  assert.deepEqual(e, { kind: 'configured', code: '%SYS-5-CONFIG_I', user: 'jdoe', source: '10.0.0.9', line: 'vty0', via: 'console' });
});

test('IOS variants: no user (line only), console, archive logger, exec commands ignored, secrets masked', () => {
  assert.deepEqual(recognise('<189>2: %SYS-5-CONFIG_I: Configured from console by vty2 (10.34.195.36)'), {
    kind: 'configured',
    code: '%SYS-5-CONFIG_I',
    line: 'vty2',
    source: '10.34.195.36',
    via: 'console',
  });
  assert.equal(recognise('<189>3: %SYS-5-CONFIG_I: Configured from memory by console')?.line, 'console');
  const cmd = recognise('<189>4: *Nov 25 07:40:01: %PARSER-5-CFGLOG_LOGGEDCMD: User:jdoe  logged command:username backdoor privilege 15 secret 0 hunter2');
  assert.equal(cmd?.user, 'jdoe');
  assert.equal(cmd?.kind, 'command');
  assert.equal(cmd?.command, 'username backdoor privilege 15 secret 0 <masked>');
  assert.equal(recognise('<189>5: %PARSER-5-CFGLOG_LOGGEDCMD: User:jdoe logged command:!exec: enable'), undefined);
  assert.equal(recognise('<187>6: %LINK-3-UPDOWN: Interface Gi1/0/1, changed state to down'), undefined);
  assert.equal(recognise('<189>7: %SYS-5-CONFIG_E: Enter configuration mode from console by admin on vty3'), undefined);
});

test('NX-OS, IOS-XR, EOS', () => {
  assert.deepEqual(recognise('<189>: 2026 Nov 25 07:40:01 UTC: sw1 %VSHD-5-VSHD_SYSLOG_CONFIG_I: Configured from vty by admin on 10.0.0.5@pts/0'), {
    kind: 'configured',
    code: '%VSHD-5-VSHD_SYSLOG_CONFIG_I',
    via: 'vty',
    user: 'admin',
    source: '10.0.0.5',
    line: 'pts/0',
  });
  const xr = recognise("<189>77: RP/0/RSP0/CPU0:Nov 25 07:40:01.123 UTC: config[65740]: %MGBL-CONFIG-6-DB_COMMIT : Configuration committed by user 'jdoe'. Use 'show configuration commit changes 1000000123' to view the changes.");
  assert.deepEqual(xr, { kind: 'committed', code: '%MGBL-CONFIG-6-DB_COMMIT', user: 'jdoe', command: 'commit 1000000123' });
  assert.equal(recognise("<189>RP/0/RP0/CPU0:Nov 25 07:40:01.123 UTC: config[1]: %GBL-CONFIG-6-DB_COMMIT : Configuration committed by user 'ops'.")?.user, 'ops');
  assert.equal(recognise('<189>Nov 25 07:40:01 xr1 %MGBL-SYS-5-CONFIG_I : Configured from console by alice on vty1 (10.1.1.1)')?.user, 'alice');
  const eos = recognise('<189>Nov 25 07:40:01 eos1 ConfigAgent: %SYS-5-CONFIG_I: Configured from console by admin on vty3 (10.0.0.9)');
  assert.deepEqual([eos?.user, eos?.source, eos?.line], ['admin', '10.0.0.9', 'vty3']);
  // Synthetic (EOS config-session text unverified).
  assert.equal(recognise('<189>Nov 25 07:40:01 eos1 ConfigAgent: %SYS-5-CONFIG_SESSION_COMMIT_SUCCESS: Configuration session s1 committed by user bob')?.kind, 'committed');
});

test('Junos: UI_COMMIT (3164 and 5424 structured data), COMPLETED, CFG_AUDIT; commit check is not a change', () => {
  const c = recognise("<29>Nov 25 07:40:01 r1 mgd[4425]: UI_COMMIT: User 'junos' requested 'commit' operation (comment: CHG-1)");
  assert.deepEqual(c, { kind: 'committed', code: 'UI_COMMIT', user: 'junos', command: 'commit (comment: CHG-1)', via: 'cli' });
  const sd = recognise('<29>1 2026-11-25T07:40:01Z r1 mgd 4425 UI_COMMIT [junos@2636.1.1.1.2.18 username="jdoe" command="commit" message="none"] User \'jdoe\' requested \'commit\' operation (comment: none)');
  assert.equal(sd?.user, 'jdoe');
  assert.equal(sd?.command, 'commit');
  assert.equal(recognise('<29>Nov 25 07:40:01 r1 mgd[4425]: UI_COMMIT_COMPLETED: commit complete')?.code, 'UI_COMMIT_COMPLETED');
  const audit = recognise('<29>Nov 25 07:40:01 r1 mgd[4425]: UI_CFG_AUDIT_SET: User \'security-officer\' set: [system syslog archive files] "5 -- 10"');
  assert.deepEqual([audit?.kind, audit?.user, audit?.command], ['command', 'security-officer', '[system syslog archive files] "5 -- 10"']);
  assert.equal(recognise("<29>Nov 25 07:40:01 r1 mgd[4425]: UI_CFG_AUDIT_SET_SECRET: User 'admin' set: [system radius-server 1.2.3.4 secret]")?.code, 'UI_CFG_AUDIT_SET_SECRET');
  assert.equal(recognise("<29>Nov 25 07:40:01 r1 mgd[4425]: UI_COMMIT: User 'junos' requested 'commit check' operation"), undefined);
  assert.equal(recognise("<29>Nov 25 07:40:01 r1 mgd[4425]: UI_COMMIT_PROGRESS: Commit operation in progress: foo"), undefined);
});

test('FortiOS config-change log ids; other log ids are not changes', () => {
  const f = recognise(
    '<189>date=2026-11-25 time=07:40:01 devname="fw1" devid="FGT60F" logid="0100044547" type="event" subtype="system" level="information" logdesc="Object attribute configured" user="admin" ui="GUI(10.32.22.115)" action="Edit" cfgtid=1 cfgpath="firewall.policy" cfgobj="8" cfgattr="dstintf[port1->port2]" msg="Edit firewall.policy 8"',
  );
  assert.deepEqual(f, { kind: 'command', code: 'fortios:0100044547', user: 'admin', via: 'GUI', source: '10.32.22.115', command: 'Edit firewall.policy 8 dstintf[port1->port2]', host: 'fw1' });
  assert.equal(recognise('<189>date=2026-11-25 devname="fw1" logid="0100032001" user="admin" ui="ssh(10.0.0.9)" action="login"'), undefined);
});

test('PAN-OS CONFIG log (CSV; synthetic, field order from the PAN-OS log reference)', () => {
  const p = recognise('<14>Nov 25 07:40:01 pa1 1,2026/11/25 07:40:01,012801000001,CONFIG,0,0,2026/11/25 07:40:01,10.0.0.9,vsys1,set,jdoe,Web,Succeeded, deviceconfig system,,"a, b",1234,0x0');
  assert.deepEqual(p, { kind: 'command', code: 'panos:CONFIG', user: 'jdoe', source: '10.0.0.9', via: 'Web', command: 'set deviceconfig system' });
  assert.equal(recognise('<14>Nov 25 07:40:01 pa1 1,2026/11/25 07:40:01,012801000001,CONFIG,0,0,2026/11/25 07:40:01,10.0.0.9,vsys1,commit,jdoe,Web,Succeeded,,,,1,0x0')?.kind, 'committed');
  assert.equal(recognise('<14>Nov 25 07:40:01 pa1 1,2026/11/25 07:40:01,012801000001,CONFIG,0,0,2026/11/25 07:40:01,10.0.0.9,vsys1,set,jdoe,Web,Failed,x,,,1,0x0'), undefined);
  assert.equal(recognise('<14>Nov 25 07:40:01 pa1 1,2026/11/25 07:40:01,012801000001,TRAFFIC,end,0,2026/11/25'), undefined);
});

test('per-driver patterns apply only to senders of that platform; ASA built in', () => {
  const comware = '<189>Nov 25 07:40:01 2026 sw5 %%10SHELL/6/SHELL_CMD: -Line=vty0-IPAddr=10.0.0.9-User=admin; Command is vlan 10';
  assert.equal(recognise(comware), undefined);
  assert.deepEqual(recognise(comware, 'hp_comware'), { kind: 'command', code: 'SHELL_CMD', user: 'admin', source: '10.0.0.9', line: 'vty0', command: 'vlan 10' });
  assert.equal(recognise("<189>Nov 25 2026 07:40:01: %ASA-5-111010: User 'admin', running 'CLI' from IP 10.0.0.9, executed 'no logging enable'")?.command, 'no logging enable');
  assert.equal(recognise("<189>Nov 25 2026 07:40:01: %ASA-5-111008: User 'admin' executed the 'show running-config' command."), undefined);
});

test('hostile fields are cleaned: control characters, bidi overrides, length', () => {
  const e = recognise(`<189>1: %SYS-5-CONFIG_I: Configured from console by j\u202edoe\u0007 on vty0 (10.0.0.9)`);
  assert.equal(e?.user, 'jdoe');
  const long = recognise(`<189>1: %PARSER-5-CFGLOG_LOGGEDCMD: User:jdoe logged command:description ${'x'.repeat(1500)}`);
  assert.ok(long!.command!.length <= 512);
});
