/** The keyword catch-all: what it masks on any platform, and the explicit list of what it must leave alone. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catchAll, catchAllLine } from '../../src/drivers/common/catch-all.js';

/** Keywords in places where they introduce no secret: the catch-all must leave these lines as they are. */
const NOT_SECRETS = [
  'key chain KC1',
  ' key 1',
  'crypto key generate rsa modulus 2048',
  'crypto key zeroize rsa',
  'service password-encryption',
  'password encryption aes',
  'aaa authentication login default group tacacs+ local',
  'aaa authorization exec default local',
  'interface Tunnel0\n tunnel key 100',
  ' security wpa akm psk',
  'snmp-server group G v3 priv',
  'snmp-server group G v3 priv read V',
  ' set community 65000:100 additive',
  ' match community CL1',
  'ip community-list 1 permit 65000:1',
  ' neighbor 10.0.0.1 send-community both',
  'ip ssh pubkey-chain',
  ' standby 1 authentication md5 key-chain KC',
  'security passwords min-length 8',
  ' ip ospf authentication message-digest',
  'ntp trusted-key 1',
  "set interfaces wireguard wg0 peer p1 public-key 'b7wPxXWRxgB5uzfXa75B6EvhAa2K4wp+UayahIoo9iU='",
  'set system login user ops authentication public-keys ops@laptop key AAAAC3NzaC1lZDI1NTE5',
  '/interface wireguard peers add public-key="UHVibGljS2V5"',
  'policy-options community BLACKHOLE members 65535:666',
  'set protocols ospf interface eth0 authentication md5 key-id 1',
];

test(`the catch-all leaves ${NOT_SECRETS.length} non-secret uses of its keywords alone`, () => {
  for (const text of NOT_SECRETS) assert.equal(catchAll(text), text, JSON.stringify(text));
});

test('ids stay visible where a secret follows them: ntp authentication-key 1 md5, key-chain key 1', () => {
  assert.equal(catchAllLine('ntp authentication-key 1 md5 NtpK3y1 7'), 'ntp authentication-key 1 md5 <masked> 7');
  assert.equal(catchAll('key chain KC\n key 1\n  key-string 7 KeyChStr'), 'key chain KC\n key 1\n  key-string 7 <masked>');
  assert.equal(catchAllLine('crypto isakmp key 6 IsaK6y address 0.0.0.0 0.0.0.0'), 'crypto isakmp key 6 <masked> address 0.0.0.0 0.0.0.0');
});

test('several secrets on one line are each masked (IOS-XE wireless mgmtuser, SNMPv3, key=value)', () => {
  assert.equal(catchAllLine(' mgmtuser username u password 0 A1x secret 0 B2y'), ' mgmtuser username u password 0 <masked> secret 0 <masked>');
  assert.equal(catchAllLine('snmp-server user u g v3 auth sha K1 priv aes 128 K2'), 'snmp-server user u g v3 auth sha <masked> priv aes 128 <masked>');
  assert.equal(catchAllLine('/snmp community set [ find ] authentication-password=P1 encryption-password=P2'), '/snmp community set [ find ] authentication-password=<masked> encryption-password=<masked>');
});

test('IOS-XE wireless forms: WPA PSK set-key, 802.1X usernames', () => {
  assert.equal(catchAllLine(' security wpa psk set-key ascii 0 MyPsk!'), ' security wpa psk set-key ascii 0 <masked>');
  assert.equal(catchAllLine('dot1x username sup password 0 Pw1'), 'dot1x username sup password 0 <masked>');
});

test('PEM private keys are masked line by line; public certificates stay', () => {
  const pem = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\nkqhkiG9w0BAQEF\n-----END PRIVATE KEY-----\n';
  assert.equal(catchAll(pem), '-----BEGIN PRIVATE KEY-----\n<masked>\n<masked>\n-----END PRIVATE KEY-----\n');
  const cert = '-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIE\n-----END CERTIFICATE-----\n';
  assert.equal(catchAll(cert), cert);
});

test('masking twice changes nothing, whatever placeholder is there', () => {
  for (const line of ['password 7 <masked>', 'password <secret hidden>', 'secret <secret:0123456789>', 'key=<masked>']) assert.equal(catchAllLine(line), line);
});
