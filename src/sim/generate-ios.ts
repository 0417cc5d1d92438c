/**
 * Deterministic generator of a realistic Cisco IOS-XE switch (C9300 stack): `show version`,
 * `show inventory` and a `show running-config` of about `lines` lines (hostname, users, AAA,
 * VLANs, interfaces, SVIs, ACLs, SNMP, lines, NTP) in the shape of a recorded shell transcript
 * (echo first, prompt last). Same options, same text. Pure.
 */
import type { Transcript } from './transcript.js';
import { hashSeed, PORTS, Rand, ROLES, secret9, stamp } from './generate-ios-random.js';
import { footer } from './generate-ios-footer.js';

export interface GenerateIosOptions {
  hostname: string;
  /** Lines of the running-config (from `Building configuration...` to `end`); at least ~120. */
  lines?: number;
  seed?: number | string;
}

function header(r: Rand, hostname: string): string[] {
  return [
    '!',
    'version 17.9',
    'service timestamps debug datetime msec',
    'service timestamps log datetime msec',
    'service password-encryption',
    'service call-home',
    'platform punt-keepalive disable-kernel-core',
    '!',
    `hostname ${hostname}`,
    '!',
    'vrf definition Mgmt-vrf',
    ' !',
    ' address-family ipv4',
    ' exit-address-family',
    '!',
    'logging buffered 64000 informational',
    'no logging console',
    `enable secret 9 ${secret9(r)}`,
    '!',
    'aaa new-model',
    '!',
    'aaa authentication login default local',
    'aaa authorization exec default local',
    'aaa session-id common',
    'clock timezone UTC 0 0',
    'switch 1 provision c9300-48p',
    'ip routing',
    '!',
    'ip domain name corp.example.net',
    'ip name-server 10.0.0.53 10.0.1.53',
    'login on-success log',
    'vtp mode transparent',
    '!',
    `crypto pki trustpoint TP-self-signed-${r.digits(10)}`,
    ' enrollment selfsigned',
    ` subject-name cn=IOS-Self-Signed-Certificate-${r.digits(10)}`,
    ' revocation-check none',
    '!',
    'license boot level network-advantage addon dna-advantage',
    'memory free low-watermark processor 134344',
    '!',
    'diagnostic bootup level minimal',
    'spanning-tree mode rapid-pvst',
    'spanning-tree extend system-id',
    '!',
    `username admin privilege 15 secret 9 ${secret9(r)}`,
    `username netops privilege 15 secret 9 ${secret9(r)}`,
    `username backup privilege 3 secret 9 ${secret9(r)}`,
    '!',
    'redundancy',
    ' mode sso',
    '!',
    'transceiver type all',
    ' monitoring',
    '!',
  ];
}

function vlanBlock(id: number): string[] {
  return [`vlan ${id}`, ` name ${ROLES[id % ROLES.length]}-${id}`];
}

function portBlock(r: Rand, sw: number, port: number, vlans: number[]): string[] {
  const name = `GigabitEthernet${sw}/0/${port}`;
  if (port % 24 === 0) {
    return [`interface ${name}`, ` description uplink-${sw}-${port}`, ' switchport mode trunk', ' channel-group 1 mode active', '!'];
  }
  const vlan = vlans.length ? r.pick(vlans) : 1;
  return [
    `interface ${name}`,
    ` description ${ROLES[vlan % ROLES.length]!.toLowerCase()} port ${sw}-${port}`,
    ` switchport access vlan ${vlan}`,
    ' switchport mode access',
    ' spanning-tree portfast',
    '!',
  ];
}

function sviBlock(id: number, site: number): string[] {
  return [`interface Vlan${id}`, ` ip address 10.${site}.${id % 256}.1 255.255.255.0`, ' ip helper-address 10.0.0.67', '!'];
}

function aclEntry(r: Rand, seq: number, site: number): string {
  const action = r.int(0, 9) < 8 ? 'permit' : 'deny  ';
  return ` ${seq} ${action} tcp 10.${site}.${r.int(0, 255)}.0 0.0.0.255 host 10.${r.int(0, 9)}.${r.int(0, 255)}.${r.int(1, 254)} eq ${r.pick(PORTS)}`;
}

/** The running-config lines, from `Building configuration...` to `end`: exactly `target` when it is large enough. */
function runningConfig(r: Rand, hostname: string, target: number): string[] {
  const site = r.int(1, 250);
  const stamps = [`! Last configuration change at ${stamp(r, 2024)} by admin`, `! NVRAM config last updated at ${stamp(r, 2024)} by admin`];
  const head = header(r, hostname);
  const foot = footer(r, site);
  const mgmt = [
    'interface GigabitEthernet0/0',
    ' vrf forwarding Mgmt-vrf',
    ` ip address 192.168.${site % 256}.${r.int(10, 250)} 255.255.255.0`,
    ' negotiation auto',
    '!',
  ];
  // `Building configuration...`, an empty line and `Current configuration : N bytes` come first.
  const fixed = 3 + stamps.length + head.length + mgmt.length + foot.length;
  const total = Math.max(0, target - fixed);
  let budget = total;
  const body: string[] = [];
  const take = (block: string[]) => {
    body.push(...block);
    budget -= block.length;
  };

  // VLANs (2 lines) and their SVIs (4 lines): about a quarter of the budget.
  const vlans: number[] = [];
  const vlanCount = Math.min(4000, Math.floor((total * 0.25) / 6));
  for (let i = 0; i < vlanCount; i++) vlans.push(10 + i);
  for (const id of vlans) take(vlanBlock(id));
  if (vlans.length) take(['!']);
  body.push(...mgmt);
  // Access ports, 48 per stack member (at most 8): about a third of the budget.
  const portsUntil = budget - Math.floor(total * 0.35);
  for (let n = 0; n < 8 * 48 && budget > portsUntil; n++) {
    const block = portBlock(r, Math.floor(n / 48) + 1, (n % 48) + 1, vlans);
    if (block.length > budget) break;
    take(block);
  }
  for (const id of vlans) {
    if (budget < 4) break;
    take(sviBlock(id, site));
  }
  // Extended ACLs fill the rest exactly: a header and up to 50 entries each.
  for (let acl = 1; budget > 0; acl++) {
    if (budget === 1) {
      take(['!']);
      break;
    }
    const block = [`ip access-list extended ACL-${String(acl).padStart(3, '0')}`];
    const entries = Math.min(50, budget - 1);
    for (let i = 1; i <= entries; i++) block.push(aclEntry(r, i * 10, site));
    take(block);
  }
  const configLines = [...stamps, ...head, ...body, ...foot];
  const bytes = configLines.reduce((n, l) => n + l.length + 1, 0);
  return ['Building configuration...', '', `Current configuration : ${bytes} bytes`, ...configLines];
}

export function generateIosTranscript(opts: GenerateIosOptions): Transcript {
  const { hostname } = opts;
  const r = new Rand(hashSeed(`${opts.seed ?? 1}/${hostname}`));
  const prompt = `${hostname}#`;
  const serial = `FOC${r.digits(8)}`;
  const mac = Array.from({ length: 3 }, () => r.chars(4, '0123456789abcdef')).join('.');
  const weeks = r.int(1, 150);
  const answer = (cmd: string, lines: string[]) => `${cmd}\n${lines.join('\n')}\n${prompt}`;

  const version = [
    'Cisco IOS XE Software, Version 17.9.4a',
    'Cisco IOS Software [Cupertino], Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.9.4a, RELEASE SOFTWARE (fc3)',
    'Technical Support: http://www.cisco.com/techsupport',
    'Copyright (c) 1986-2023 by Cisco Systems, Inc.',
    'Compiled Fri 20-Oct-23 10:33 by mcpre',
    '',
    '',
    'Cisco IOS-XE software, Copyright (c) 2005-2023 by cisco Systems, Inc.',
    'All rights reserved.  Certain components of Cisco IOS-XE software are',
    'licensed under the GNU General Public License ("GPL") Version 2.0.',
    '',
    'ROM: IOS-XE ROMMON',
    'BOOTLDR: System Bootstrap, Version 17.9.1r [FC13], RELEASE SOFTWARE (P)',
    '',
    `${hostname} uptime is ${weeks} weeks, ${r.int(0, 6)} days, ${r.int(0, 23)} hours, ${r.int(0, 59)} minutes`,
    `Uptime for this control processor is ${weeks} weeks, ${r.int(0, 6)} days, ${r.int(0, 23)} hours, ${r.int(0, 59)} minutes`,
    `System returned to ROM by Reload Command at ${stamp(r, 2023)}`,
    `System restarted at ${stamp(r, 2023)}`,
    'System image file is "flash:packages.conf"',
    'Last reload reason: Reload Command',
    '',
    'Technology Package License Information:',
    '',
    '------------------------------------------------------------------------------',
    'Technology-package                                     Technology-package',
    'Current                        Type                       Next reboot',
    '------------------------------------------------------------------------------',
    'network-advantage      Smart License                      network-advantage',
    'dna-advantage          Subscription Smart License         dna-advantage',
    '',
    `cisco C9300-48P (X86) processor with 1333273K/6147K bytes of memory.`,
    `Processor board ID ${serial}`,
    '1 Virtual Ethernet interface',
    '52 Gigabit Ethernet interfaces',
    '8 Ten Gigabit Ethernet interfaces',
    '2048K bytes of non-volatile configuration memory.',
    '8388608K bytes of physical memory.',
    '1638400K bytes of Crash Files at crashinfo:.',
    '11264000K bytes of Flash at flash:.',
    '',
    `Base Ethernet MAC Address          : ${mac}`,
    'Motherboard Assembly Number        : 73-18271-03',
    `Motherboard Serial Number          : FOC${r.digits(8)}`,
    'Model Revision Number              : A0',
    'Model Number                       : C9300-48P',
    `System Serial Number               : ${serial}`,
    '',
    'Switch Ports Model              SW Version        SW Image              Mode',
    '------ ----- -----              ----------        ----------            ----',
    '*    1 62    C9300-48P          17.09.04a         CAT9K_IOSXE           INSTALL',
    '',
    '',
    'Configuration register is 0x102',
  ];
  const inventory = [
    'NAME: "c93xx Stack", DESCR: "c93xx Stack"',
    `PID: C9300-48P         , VID: V02  , SN: ${serial}`,
    '',
    'NAME: "Switch 1", DESCR: "C9300-48P"',
    `PID: C9300-48P         , VID: V02  , SN: ${serial}`,
    '',
    'NAME: "Switch 1 - Power Supply A", DESCR: "Switch 1 - Power Supply A"',
    `PID: PWR-C1-715WAC     , VID: V02  , SN: LIT${r.digits(8)}`,
    '',
    'NAME: "Switch 1 FRU Uplink Module 1", DESCR: "8x10G Uplink Module"',
    `PID: C9300-NM-8X       , VID: V03  , SN: FOC${r.digits(8)}`,
    '',
  ];
  const config = runningConfig(r, hostname, opts.lines ?? 1000);
  return {
    name: `ios#${hostname}#generated`,
    model: 'ios',
    initPrompt: `\n${prompt}`,
    commands: [
      ['terminal length 0\n', `terminal length 0\n${prompt}`],
      ['terminal width 0\n', `terminal width 0\n${prompt}`],
      ['show version\n', answer('show version', version)],
      ['show inventory\n', answer('show inventory', inventory)],
      ['show running-config\n', answer('show running-config', [...config, ''])],
    ],
    ordered: false,
  };
}
