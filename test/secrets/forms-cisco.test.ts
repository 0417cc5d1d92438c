/** Secret-bearing lines of Cisco IOS / IOS-XE in the forms Cisco documents (>= 40), each checked by checkForm. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ciscoIos } from '../../src/drivers/cisco_ios/index.js';
import { checkForm, type Form } from './forms-check.js';

export const CISCO_FORMS: Form[] = [
  // local users and enable
  ['enable secret 9 $9$abcDEFgh$XyZ0123456789abcdefABCDEFghij', '$9$abcDEFgh$XyZ0123456789abcdefABCDEFghij'],
  ['enable password 7 0822455D0A16', '0822455D0A16'],
  ['enable secret level 15 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0', '$1$mERr$hx5rVt7rPNoS4wqbXKX7m0'],
  ['username admin privilege 15 secret 9 $9$Qw3rTy$Zz9Yy8Xx7', '$9$Qw3rTy$Zz9Yy8Xx7'],
  ['username bob password 7 094F471A1A0A', '094F471A1A0A'],
  ['username carol privilege 15 password 0 Cl34rPw', 'Cl34rPw'],
  ['username dave algorithm-type scrypt secret $9$nhEmQVczB7dqsO$X.HsgL6x1il0RxkOSSvyQYwucySCt7qFm4v7pqCxkKM', '$9$nhEmQVczB7dqsO$X.HsgL6x1il0RxkOSSvyQYwucySCt7qFm4v7pqCxkKM'],
  // SNMP v1/v2c and v3
  ['snmp-server community C0mmun1tyRO RO 10', 'C0mmun1tyRO'],
  ['snmp-server community RwC0mm RW SNMP-ACL', 'RwC0mm'],
  ['snmp-server host 10.1.1.1 version 2c TrapC0mm', 'TrapC0mm'],
  ['snmp-server host 10.1.1.3 informs version 2c InfC0mm', 'InfC0mm'],
  ['snmp-server user v3user v3group v3 auth sha AuThK3y1 priv aes 128 PrIvK3y1', 'AuThK3y1', 'PrIvK3y1'],
  ['snmp-server user u2 g2 v3 auth md5 Md5AuthK priv des DesPrivK', 'Md5AuthK', 'DesPrivK'],
  // AAA: TACACS+, RADIUS, dynamic authorization
  ['tacacs-server key 7 TacK3y7', 'TacK3y7'],
  ['tacacs server T1\n address ipv4 10.0.0.4\n key 7 TacSrvK3y', 'TacSrvK3y'],
  ['radius-server key R4dKey', 'R4dKey'],
  ['radius-server host 10.0.0.5 auth-port 1812 acct-port 1813 key 7 R4dH0stK', 'R4dH0stK'],
  ['aaa group server radius RG\n server-private 10.0.0.9 key 7 SrvPrivK', 'SrvPrivK'],
  ['aaa server radius dynamic-author\n client 10.0.0.1 server-key 7 Cl1entK', 'Cl1entK'],
  ['radius server R1\n pac key 7 PacK3y9', 'PacK3y9'],
  // NTP and routing protocols
  ['ntp authentication-key 1 md5 NtpK3y1 7', 'NtpK3y1'],
  ['interface Gi1\n ip ospf authentication-key 7 OspfK3y', 'OspfK3y'],
  ['interface Gi1\n ip ospf message-digest-key 1 md5 7 OspfMd5K', 'OspfMd5K'],
  ['interface Gi1\n ipv6 ospf authentication ipsec spi 256 sha1 0123456789ABCDEF0123456789ABCDEF01234567', '0123456789ABCDEF0123456789ABCDEF01234567'],
  ['interface Gi1\n isis password IsisPw1 level-1', 'IsisPw1'],
  ['router isis\n area-password ArPw1', 'ArPw1'],
  ['router isis\n domain-password DomPw1', 'DomPw1'],
  ['router bgp 65000\n neighbor 10.0.0.2 password 7 BgpPw7', 'BgpPw7'],
  ['router bgp 65000\n neighbor PEERS password BgpGrpPw', 'BgpGrpPw'],
  ['interface Vlan10\n standby 1 authentication md5 key-string 7 HsrpK3y', 'HsrpK3y'],
  ['interface Vlan10\n standby 1 authentication text HsrpTxt', 'HsrpTxt'],
  ['interface Vlan10\n vrrp 1 authentication text VrrpTxt', 'VrrpTxt'],
  ['key chain KC1\n key 1\n  key-string 7 KeyChStr', 'KeyChStr'],
  // IKEv1 / IKEv2
  ['crypto isakmp key IsaK3y address 10.0.0.1', 'IsaK3y'],
  ['crypto isakmp key 6 IsaK6y address 0.0.0.0 0.0.0.0', 'IsaK6y'],
  ['crypto keyring KR\n pre-shared-key address 10.0.0.1 key PskAddrK', 'PskAddrK'],
  ['crypto ikev2 keyring K2\n peer P\n  pre-shared-key local IkeLocK', 'IkeLocK'],
  ['crypto ikev2 keyring K2\n peer P\n  pre-shared-key remote IkeRemK', 'IkeRemK'],
  ['crypto ikev2 keyring K2\n peer P\n  pre-shared-key 6 Ike6K3y', 'Ike6K3y'],
  ['crypto ikev2 profile PR\n authentication local pre-share key LocPreK', 'LocPreK'],
  // PPP, FTP/HTTP clients, lines
  ['interface Dialer1\n ppp chap password 7 ChapPw7', 'ChapPw7'],
  ['interface Dialer1\n ppp pap sent-username u1 password 0 PapPw0', 'PapPw0'],
  ['ip ftp password 7 FtpPw7', 'FtpPw7'],
  ['ip http client password 0 HttpClPw', 'HttpClPw'],
  ['line vty 0 4\n password 7 LinePw7', 'LinePw7'],
  ['line con 0\n password LineClr', 'LineClr'],
  ['archive\n path ftp://backup:ArchUrlPw@10.0.0.8/cfg', 'ArchUrlPw'],
  // wireless (IOS-XE WLC, autonomous AP) and 802.1X
  ['wlan corp 1 corp\n security wpa psk set-key ascii 0 WpaPsk0', 'WpaPsk0'],
  ['wlan corp 1 corp\n security wpa psk set-key hex 8 WpaHex8', 'WpaHex8'],
  ['dot1x username dUser password 0 Dot1xPw', 'Dot1xPw'],
  ['ap profile default-ap-profile\n mgmtuser username mU password 0 MgA1 secret 0 MgB2', 'MgA1', 'MgB2'],
  ['dot11 ssid corp\n wpa-psk ascii 0 AutoWpa', 'AutoWpa'],
  ['dot1x credentials CRED\n username sup\n password 0 CredPw', 'CredPw'],
  // LDAP and SMTP clients, master key
  ['ldap server LD\n bind authenticate root-dn cn=admin,dc=example,dc=com password 0 LdapPw', 'LdapPw'],
  ['call-home\n mail-server 10.1.1.1 priority 1\n mail-server username su password 0 SmtpPw', 'SmtpPw'],
  ['key config-key password-encrypt MasterK3y', 'MasterK3y'],
  ['aaa pod server server-key PodK3y', 'PodK3y'],
];

test(`Cisco IOS/IOS-XE: ${CISCO_FORMS.length} secret-bearing forms masked, fingerprinted, a changed secret is drift`, () => {
  assert.ok(CISCO_FORMS.length >= 40);
  const failures: string[] = [];
  for (const form of CISCO_FORMS) {
    try {
      checkForm(ciscoIos, form);
    } catch (err) {
      failures.push((err as Error).message.split('\n').slice(0, 3).join(' | '));
    }
  }
  assert.deepEqual(failures, []);
});
