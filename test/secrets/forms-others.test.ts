/** Secret-bearing lines of every other driver in the forms its vendor documents (>= 10 each), checked by checkForm. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DRIVERS } from '../../src/drivers/registry.js';
import { checkForm, type Form } from './forms-check.js';

export const FORMS: Record<string, Form[]> = {
  cisco_nxos: [
    ['username admin password 5 $5$KJHGF$abcdefghijklmnopqrstuv role network-admin', '$5$KJHGF$abcdefghijklmnopqrstuv'],
    ['snmp-server user mon network-operator auth sha 0xNxAuth01 priv aes-128 0xNxPriv01 localizedkey', '0xNxAuth01', '0xNxPriv01'],
    ['snmp-server community NxC0mm group network-operator', 'NxC0mm'],
    ['snmp-server host 10.0.0.1 traps version 2c NxTrap', 'NxTrap'],
    ['tacacs-server key 7 "NxTacK"', 'NxTacK'],
    ['radius-server host 10.0.0.2 key 7 "NxRadK" authentication accounting', 'NxRadK'],
    ['feature ospf\nrouter ospf 1\ninterface Eth1/1\n  ip ospf authentication-key 3 NxOspfK', 'NxOspfK'],
    ['interface Eth1/1\n  ip ospf message-digest-key 1 md5 3 NxMd5K', 'NxMd5K'],
    ['router bgp 65000\n  neighbor 10.0.0.3\n    password 3 NxBgpPw', 'NxBgpPw'],
    ['key chain KC\n  key 1\n    key-string 7 NxKeyStr', 'NxKeyStr'],
    ['ntp authentication-key 1 md5 NxNtpK 7', 'NxNtpK'],
    ['interface Vlan10\n  hsrp 1\n    authentication md5 key-string NxHsrpK', 'NxHsrpK'],
  ],
  arista_eos: [
    ['enable password sha512 $6$EosEn$abcdefghijk', '$6$EosEn$abcdefghijk'],
    ['username admin privilege 15 role network-admin secret sha512 $6$EosUs$lmnopqrs', '$6$EosUs$lmnopqrs'],
    ['username ops secret 0 EosClear', 'EosClear'],
    ['snmp-server community EosC0mm ro', 'EosC0mm'],
    ['snmp-server user mon grp v3 auth sha EosAuthK priv aes EosPrivK', 'EosAuthK', 'EosPrivK'],
    ['tacacs-server host 10.0.0.1 key 7 EosTacK', 'EosTacK'],
    ['radius-server host 10.0.0.2 key 7 EosRadK', 'EosRadK'],
    ['router bgp 65000\n   neighbor 10.0.0.3 password 7 EosBgpPw', 'EosBgpPw'],
    ['interface Ethernet1\n   ip ospf authentication-key 7 EosOspfK', 'EosOspfK'],
    ['interface Ethernet1\n   ip ospf message-digest-key 1 md5 7 EosMd5K', 'EosMd5K'],
    ['management security\n   session shared-secret profile P\n      secret 0 EosShSec', 'EosShSec'],
    ['ntp authentication-key 1 md5 7 EosNtpK', 'EosNtpK'],
  ],
  cisco_asa: [
    ['enable password AsaEnPw encrypted', 'AsaEnPw'],
    ['username admin password AsaUsPw pbkdf2 privilege 15', 'AsaUsPw'],
    ['passwd AsaPasswd encrypted', 'AsaPasswd'],
    ['aaa-server TAC (inside) host 10.0.0.1\n key AsaTacK', 'AsaTacK'],
    ['tunnel-group 10.0.0.9 ipsec-attributes\n ikev1 pre-shared-key AsaIke1', 'AsaIke1'],
    ['tunnel-group 10.0.0.9 ipsec-attributes\n ikev2 remote-authentication pre-shared-key AsaIke2R', 'AsaIke2R'],
    ['tunnel-group 10.0.0.9 ipsec-attributes\n ikev2 local-authentication pre-shared-key AsaIke2L', 'AsaIke2L'],
    ['snmp-server host inside 10.0.0.2 community AsaTrapC version 2c', 'AsaTrapC'],
    ['snmp-server community AsaC0mm', 'AsaC0mm'],
    ['failover key AsaFoKey', 'AsaFoKey'],
    ['router ospf 1\n area 0 authentication message-digest\ninterface g0/0\n ospf message-digest-key 1 md5 AsaOspfK', 'AsaOspfK'],
    ['ldap attribute-map X\naaa-server LDAP (inside) host 10.0.0.3\n ldap-login-password AsaLdapPw', 'AsaLdapPw'],
  ],
  cisco_ftd: [
    ['enable password FtdEnPw encrypted', 'FtdEnPw'],
    ['username admin password FtdUsPw pbkdf2 privilege 15', 'FtdUsPw'],
    ['aaa-server RAD (inside) host 10.0.0.1\n key FtdRadK', 'FtdRadK'],
    ['tunnel-group 10.0.0.9 ipsec-attributes\n ikev1 pre-shared-key FtdIke1', 'FtdIke1'],
    ['tunnel-group 10.0.0.9 ipsec-attributes\n ikev2 remote-authentication pre-shared-key FtdIke2', 'FtdIke2'],
    ['snmp-server host inside 10.0.0.2 community FtdTrapC version 2c', 'FtdTrapC'],
    ['snmp-server community FtdC0mm', 'FtdC0mm'],
    ['failover key FtdFoKey', 'FtdFoKey'],
    ['router bgp 65000\n neighbor 10.0.0.3 password 0 FtdBgpPw', 'FtdBgpPw'],
    ['interface g0/0\n ospf authentication-key FtdOspfK', 'FtdOspfK'],
  ],
  cisco_xr: [
    ['username admin\n secret 10 $6$XrSec$abcdefg', '$6$XrSec$abcdefg'],
    ['username ops\n password 7 XrPw7', 'XrPw7'],
    ['snmp-server community XrC0mm RO', 'XrC0mm'],
    ['snmp-server user mon grp v3 auth sha encrypted XrAuthK priv aes 128 encrypted XrPrivK', 'XrAuthK', 'XrPrivK'],
    ['tacacs-server host 10.0.0.1 port 49\n key 7 XrTacK', 'XrTacK'],
    ['radius-server host 10.0.0.2 auth-port 1812 acct-port 1813\n key 7 XrRadK', 'XrRadK'],
    ['router bgp 65000\n neighbor 10.0.0.3\n  password encrypted XrBgpPw', 'XrBgpPw'],
    ['router ospf 1\n area 0\n  authentication-key encrypted XrOspfK', 'XrOspfK'],
    ['router ospf 1\n area 0\n  message-digest-key 1 md5 encrypted XrMd5K', 'XrMd5K'],
    ['key chain KC\n key 1\n  key-string password XrKeyStr', 'XrKeyStr'],
    ['ntp\n authentication-key 1 md5 encrypted XrNtpK', 'XrNtpK'],
    ['router isis CORE\n lsp-password hmac-md5 encrypted XrIsisPw', 'XrIsisPw'],
  ],
  fs_os: [
    ['enable secret 5 $1$FsEn$abcdefg', '$1$FsEn$abcdefg'],
    ['username admin privilege 15 password 7 FsUsPw', 'FsUsPw'],
    ['snmp-server community 7 FsC0mm ro', 'FsC0mm'],
    ['snmp-server user mon grp v3 auth sha FsAuthK priv aes FsPrivK', 'FsAuthK', 'FsPrivK'],
    ['tacacs-server key 7 FsTacK', 'FsTacK'],
    ['radius-server host 10.0.0.2 key 7 FsRadK', 'FsRadK'],
    ['router bgp 65000\n neighbor 10.0.0.3 password 7 FsBgpPw', 'FsBgpPw'],
    ['interface eth-0-1\n ip ospf authentication-key 7 FsOspfK', 'FsOspfK'],
    ['interface eth-0-1\n ip ospf message-digest-key 1 md5 7 FsMd5K', 'FsMd5K'],
    ['ntp authentication-key 1 md5 FsNtpK 7', 'FsNtpK'],
  ],
  mellanox_mlnxos: [
    ['username admin password 7 $6$MlxAd$abcdefg', '$6$MlxAd$abcdefg'],
    ['username monitor password 0 MlxClear', 'MlxClear'],
    ['snmp-server community MlxC0mm ro', 'MlxC0mm'],
    ['snmp-server user mon v3 auth sha MlxAuthK priv aes-128 MlxPrivK', 'MlxAuthK', 'MlxPrivK'],
    ['tacacs-server host 10.0.0.1 key MlxTacK', 'MlxTacK'],
    ['radius-server host 10.0.0.2 key MlxRadK', 'MlxRadK'],
    ['radius-server key MlxRadGK', 'MlxRadGK'],
    ['tacacs-server key MlxTacGK', 'MlxTacGK'],
    ['ldap bind-password MlxLdapPw', 'MlxLdapPw'],
    ['ntp trusted-key 1\nntp authentication-key 1 md5 MlxNtpK', 'MlxNtpK'],
  ],
  broadcom_efos: [
    ['enable password EfosEnPw encrypted', 'EfosEnPw'],
    ['username "admin" password EfosUsPw level 15 encrypted', 'EfosUsPw'],
    ['snmp-server community "EfosC0mm" ro', 'EfosC0mm'],
    ['snmp-server user mon DefaultRead auth-sha EfosAuthK priv-aes128 EfosPrivK', 'EfosAuthK', 'EfosPrivK'],
    ['tacacs-server key EfosTacK encrypted', 'EfosTacK'],
    ['radius server key auth 10.0.0.2 encrypted EfosRadK', 'EfosRadK'],
    ['router ospf\ninterface 0/1\nip ospf authentication encrypt EfosOspfK 1', 'EfosOspfK'],
    ['router bgp 65000\nneighbor 10.0.0.3 password EfosBgpPw', 'EfosBgpPw'],
    ['ntp authentication-key 1 md5 EfosNtpK', 'EfosNtpK'],
    ['dot1x user admin password EfosDot1x', 'EfosDot1x'],
  ],
  netgear_prosafe: [
    ['username "admin" password NgUsPw level 15 encrypted', 'NgUsPw'],
    ['username "admin" secret encrypted NgSecret', 'NgSecret'],
    ['enable password NgEnPw encrypted', 'NgEnPw'],
    ['snmp-server community "NgC0mm" ro', 'NgC0mm'],
    ['snmp community NgOldC enable 0.0.0.0 mask 0.0.0.0 ro', 'NgOldC'],
    ['snmp-server user mon DefaultRead auth-sha NgAuthK priv-aes128 NgPrivK', 'NgAuthK', 'NgPrivK'],
    ['tacacs-server key NgTacK encrypted', 'NgTacK'],
    ['radius server key auth 10.0.0.2 encrypted NgRadK', 'NgRadK'],
    ['ntp authentication-key 1 md5 NgNtpK', 'NgNtpK'],
    ['router bgp 65000\nneighbor 10.0.0.3 password NgBgpPw', 'NgBgpPw'],
  ],
  hp_procurve: [
    ['password manager user-name "admin" sha1 "PcMgrHash"', 'PcMgrHash'],
    ['password operator user-name "oper" plaintext "PcOpPw"', 'PcOpPw'],
    ['snmp-server community "PcC0mm" operator unrestricted', 'PcC0mm'],
    ['snmp-server host 10.0.0.1 "PcTrapC" Not-INFO', 'PcTrapC'],
    ['snmpv3 user "mon" auth sha "PcAuthK" priv aes "PcPrivK"', 'PcAuthK', 'PcPrivK'],
    ['radius-server key PcRadK', 'PcRadK'],
    ['radius-server host 10.0.0.2 key "PcRadHK"', 'PcRadHK'],
    ['tacacs-server key PcTacK', 'PcTacK'],
    ['tacacs-server host 10.0.0.3 key "PcTacHK"', 'PcTacHK'],
    ['aaa port-access supplicant 1 secret PcSupSec', 'PcSupSec'],
    ['router ospf\n area backbone\nvlan 10\n ip ospf md5-auth-key-chain KC\n ip ospf authentication-key "PcOspfK"', 'PcOspfK'],
  ],
  hp_comware: [
    ['local-user admin class manage\n password hash $h$6$CwHash$abcdefg', '$h$6$CwHash$abcdefg'],
    ['local-user ops class manage\n password cipher $c$3$CwCipher', '$c$3$CwCipher'],
    ['local-user tmp class manage\n password simple CwSimple', 'CwSimple'],
    ['super password role network-admin hash $h$6$CwSuper', '$h$6$CwSuper'],
    ['snmp-agent community read cipher $c$3$CwRead', '$c$3$CwRead'],
    ['snmp-agent community write simple CwWrite', 'CwWrite'],
    ['snmp-agent usm-user v3 mon grp cipher authentication-mode sha $c$3$CwAuth privacy-mode aes128 $c$3$CwPriv', '$c$3$CwAuth', '$c$3$CwPriv'],
    ['radius scheme R\n key authentication cipher $c$3$CwRadA', '$c$3$CwRadA'],
    ['hwtacacs scheme T\n key authentication simple CwTacA', 'CwTacA'],
    ['ospf 1\n area 0.0.0.0\ninterface Vlan-interface10\n ospf authentication-mode md5 1 cipher $c$3$CwOspf', '$c$3$CwOspf'],
    ['bgp 65000\n peer 10.0.0.3 password cipher $c$3$CwBgp', '$c$3$CwBgp'],
  ],
  aruba_aoscx: [
    ['user admin group administrators password ciphertext AQBapCxAdm', 'AQBapCxAdm'],
    ['user ops group operators password plaintext CxOpsPw', 'CxOpsPw'],
    ['snmp-server community CxC0mm', 'CxC0mm'],
    ['snmp-server host 10.0.0.1 trap version v2c community CxTrapC', 'CxTrapC'],
    ['snmpv3 user mon auth sha auth-pass ciphertext AQBapCxAuth priv aes priv-pass ciphertext AQBapCxPriv', 'AQBapCxAuth', 'AQBapCxPriv'],
    ['radius-server host 10.0.0.2 key ciphertext AQBapCxRad', 'AQBapCxRad'],
    ['tacacs-server host 10.0.0.3 key plaintext CxTacK', 'CxTacK'],
    ['router ospf 1\ninterface 1/1/1\n    ip ospf authentication-key ciphertext AQBapCxOspf', 'AQBapCxOspf'],
    ['router bgp 65000\n    neighbor 10.0.0.4 password ciphertext AQBapCxBgp', 'AQBapCxBgp'],
    ['ntp authentication-key 1 md5 ciphertext AQBapCxNtp', 'AQBapCxNtp'],
  ],
  aruba_os: [
    ['mgmt-user admin root AosMgmtHash', 'AosMgmtHash'],
    ['enable secret AosEnSec', 'AosEnSec'],
    ['snmp-server community AosC0mm', 'AosC0mm'],
    ['snmp-server user mon auth-prot sha AosAuthK priv-prot AES AosPrivK', 'AosAuthK', 'AosPrivK'],
    ['aaa authentication-server radius R\n   key AosRadK', 'AosRadK'],
    ['aaa authentication-server tacacs T\n   key AosTacK', 'AosTacK'],
    ['wlan ssid-profile corp\n   wpa-passphrase AosWpaPass', 'AosWpaPass'],
    ['ip radius nas-ip 10.0.0.1\naaa authentication-server ldap L\n   admin-passwd AosLdapPw', 'AosLdapPw'],
    ['crypto isakmp key AosIsaK address 10.0.0.9 netmask 255.255.255.255', 'AosIsaK'],
    ['ntp authentication-key 1 md5 AosNtpK', 'AosNtpK'],
  ],
  aruba_instant: [
    ['mgmt-user admin AiMgmtHash', 'AiMgmtHash'],
    ['wlan ssid-profile corp\n wpa-passphrase AiWpaPass', 'AiWpaPass'],
    ['snmp-server community AiC0mm', 'AiC0mm'],
    ['wlan auth-server R\n key AiRadK', 'AiRadK'],
    ['wlan ldap-server L\n admin-password AiLdapPw', 'AiLdapPw'],
    ['snmp-server user mon sha AiAuthK aes AiPrivK', 'AiAuthK', 'AiPrivK'],
    ['wired-port-profile P\n wpa-passphrase AiWiredPp', 'AiWiredPp'],
    ['ntp-server 10.0.0.1\nntp authentication-key 1 md5 AiNtpK', 'AiNtpK'],
    ['cloud-management\n token AiCloudTok', 'AiCloudTok'],
    ['vpn\n ipsec-psk AiIpsecPsk', 'AiIpsecPsk'],
  ],
  juniper_junos: [
    ['system {\n    root-authentication {\n        encrypted-password "$6$JnRoot$abcdefg"; ## SECRET-DATA\n    }\n}', '$6$JnRoot$abcdefg'],
    ['set system login user ops authentication encrypted-password "$6$JnOps$hijklmn"', '$6$JnOps$hijklmn'],
    ['set snmp community JnC0mm authorization read-only', 'JnC0mm'],
    ['snmp {\n    community JnC0mm2 {\n        authorization read-only;\n    }\n}', 'JnC0mm2'],
    ['set system tacplus-server 10.0.0.1 secret "$9$JnTac"', '$9$JnTac'],
    ['set system radius-server 10.0.0.2 secret "$9$JnRad"', '$9$JnRad'],
    ['set protocols bgp group PEERS authentication-key "$9$JnBgp"', '$9$JnBgp'],
    ['set protocols ospf area 0 interface ge-0/0/0 authentication md5 1 key "$9$JnOspf"', '$9$JnOspf'],
    ['set security ike policy P pre-shared-key ascii-text "$9$JnIke"', '$9$JnIke'],
    ['set snmp v3 usm local-engine user mon authentication-sha authentication-key "$9$JnAuth"', '$9$JnAuth'],
    ['set snmp v3 usm local-engine user mon privacy-aes128 privacy-key "$9$JnPriv"', '$9$JnPriv'],
    ['set system ntp authentication-key 1 type md5 value "$9$JnNtp"', '$9$JnNtp'],
    ['set system login user svc authentication ssh-rsa "ssh-rsa AAAAPUBLIC svc"\nset security pki local-certificate C private-key "$8$JnPk8"', '$8$JnPk8'],
  ],
  fortinet: [
    ['config system snmp community\n    edit 1\n        set name "FtC0mm"\n    next\nend', 'FtC0mm'],
    ['config vpn certificate local\n    edit "C"\n        set private-key "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFtPrivKeyBody\n-----END ENCRYPTED PRIVATE KEY-----"\n    next\nend', 'MIIFtPrivKeyBody'],
    ['config vpn certificate local\n    edit "D"\n        set private-key "-----BEGIN RSA PRIVATE KEY-----\nMIIEFtRsaBody\n-----END RSA PRIVATE KEY-----"\n    next\nend', 'MIIEFtRsaBody'],
    ['config user local\n    edit "u2"\n        set passwd FtPlainPw\n    next\nend', 'FtPlainPw'],
    ['config user tacacs+\n    edit "T2"\n        set key "FtPlainKey"\n    next\nend', 'FtPlainKey'],
    ['config vpn ipsec phase1-interface\n    edit "p2"\n        set psksecret "FtPlainPsk"\n    next\nend', 'FtPlainPsk'],
    ['config router ospf\n    config ospf-interface\n        edit "o1"\n            set md5-key FtMd5Plain\n        next\n    end\nend', 'FtMd5Plain'],
    ['config system snmp user\n    edit "mon2"\n        set auth-pwd FtAuthPlain\n        set priv-pwd FtPrivPlain\n    next\nend', 'FtAuthPlain', 'FtPrivPlain'],
    ['config user radius\n    edit "R2"\n        set secret "FtRadPlain"\n    next\nend', 'FtRadPlain'],
    ['config system automation-action\n    edit "hook"\n        set http-headers "Authorization: Bearer x"\n        set uri "https://u:FtUrlPw@hooks.example.com/x"\n    next\nend', 'FtUrlPw'],
  ],
  mikrotik_routeros: [
    ['/user add group=full name=ops password=RosUsrPw', 'RosUsrPw'],
    ['/snmp community add name=RosC0mm addresses=10.0.0.0/8', 'RosC0mm'],
    ['/snmp community set [ find default=yes ] authentication-password=RosAuthPw encryption-password=RosEncPw', 'RosAuthPw', 'RosEncPw'],
    ['/interface wireless security-profiles add name=corp wpa2-pre-shared-key=RosWpa2Psk', 'RosWpa2Psk'],
    ['/interface wifi security add name=s passphrase=RosWifiPp', 'RosWifiPp'],
    ['/radius add address=10.0.0.2 secret=RosRadSec service=login', 'RosRadSec'],
    ['/ip ipsec peer add address=10.0.0.9 secret=RosIpsecSec', 'RosIpsecSec'],
    ['/ppp secret add name=u1 password=RosPppPw service=pppoe', 'RosPppPw'],
    ['/routing bgp connection add name=p1 remote.address=10.0.0.3 tcp-md5-key=RosBgpMd5', 'RosBgpMd5'],
    ['/interface wireguard add name=wg0 private-key="RosWgPrivKeyBase64="', 'RosWgPrivKeyBase64='],
    ['/tool e-mail set address=10.0.0.5 password=RosSmtpPw user=alerts', 'RosSmtpPw'],
  ],
  paloalto_panos: [
    ['users {\n  admin {\n    phash $5$PanAdm$abcdefg;\n  }\n}', '$5$PanAdm$abcdefg'],
    ['snmp-setting {\n  access-setting {\n    version {\n      v2c {\n        snmp-community-string PanC0mm;\n      }\n    }\n  }\n}', 'PanC0mm'],
    ['users {\n  mon {\n    authpwd -AQ==PanAuthPw;\n    privpwd -AQ==PanPrivPw;\n  }\n}', '-AQ==PanAuthPw', '-AQ==PanPrivPw'],
    ['ike-gateway gw1 {\n  authentication {\n    pre-shared-key {\n      key -AQ==PanPsk;\n    }\n  }\n}', '-AQ==PanPsk'],
    ['server-profile {\n  radius R {\n    server s1 {\n      secret -AQ==PanRadSec;\n    }\n  }\n}', '-AQ==PanRadSec'],
    ['ldap L {\n  bind-password -AQ==PanLdapPw;\n}', '-AQ==PanLdapPw'],
    ['ospf {\n  auth-profile A {\n    md5 1 {\n      key -AQ==PanOspfK;\n    }\n  }\n}', '-AQ==PanOspfK'],
    ['certificate C {\n  private-key -AQ==PanPrivKey;\n}', '-AQ==PanPrivKey'],
    ['email-server {\n  auth-password -AQ==PanSmtpPw;\n}', '-AQ==PanSmtpPw'],
    ['bgp {\n  auth-profile B {\n    secret -AQ==PanBgpSec;\n  }\n}', '-AQ==PanBgpSec'],
    ['set mgt-config users admin phash $5$PanSet$hijk', '$5$PanSet$hijk'],
    ['<entry name="admin">\n  <phash>$5$PanXml$abcdefg</phash>\n</entry>', '$5$PanXml$abcdefg'],
  ],
  vyos: [
    ["set system login user ops authentication encrypted-password '$6$VyOps$abcdefg'", '$6$VyOps$abcdefg'],
    ["set system login user tmp authentication plaintext-password 'VyPlainPw'", 'VyPlainPw'],
    ["set service snmp community VyC0mm authorization 'ro'", 'VyC0mm'],
    ["set service snmp v3 user mon auth plaintext-password 'VyAuthPw'", 'VyAuthPw'],
    ["set service snmp v3 user mon privacy plaintext-password 'VyPrivPw'", 'VyPrivPw'],
    ["set system login radius server 192.0.2.5 key 'VyRadK'", 'VyRadK'],
    ["set protocols bgp neighbor 10.0.0.3 password 'VyBgpPw'", 'VyBgpPw'],
    ["set protocols ospf interface eth0 authentication md5 key-id 1 md5-key 'VyOspfK'", 'VyOspfK'],
    ["set vpn ipsec authentication psk P secret 'VyIpsecPsk'", 'VyIpsecPsk'],
    ["set interfaces wireguard wg0 private-key 'VyWgPrivKey='", 'VyWgPrivKey='],
    ["set interfaces wireless wlan0 security wpa passphrase 'VyWpaPass'", 'VyWpaPass'],
  ],
  tnsr: [
    ['auth user admin\n    password $6$TnAdm$abcdefg\nexit', '$6$TnAdm$abcdefg'],
    ['snmp community TnC0mm default source 10.0.0.1/32 security-name ro', 'TnC0mm'],
    ['restconf\n    global server-key TnSrvKey\nexit', 'TnSrvKey'],
    ['ipsec tunnel 0\n    crypto ike\n        authentication local\n            round 1\n                psk TnIkePsk\n', 'TnIkePsk'],
    ['route dynamic bgp\n    server vrf default\n        neighbor 10.0.0.3\n            password TnBgpPw\n', 'TnBgpPw'],
    ['route dynamic ospf\n    server vrf default\n        interface ge0\n            ip authentication-key TnOspfK\n', 'TnOspfK'],
    ['radius server R\n    secret TnRadSec\nexit', 'TnRadSec'],
    ['tacacs server T\n    secret TnTacSec\nexit', 'TnTacSec'],
    ['interface wg0\n    wireguard private-key TnWgKey=\nexit', 'TnWgKey='],
    ['ntp server 10.0.0.5\nntp key 1 md5 TnNtpK', 'TnNtpK'],
  ],
  linux: [
    ['root:$6$LxRoot$abcdefg:19000:0:99999:7:::', '$6$LxRoot$abcdefg'],
    ['-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAAbGxLxPriv\n-----END OPENSSH PRIVATE KEY-----', 'b3BlbnNzaC1rZXktdjEAAAAAbGxLxPriv'],
    ['-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEALxRsa\n-----END RSA PRIVATE KEY-----', 'MIIEowIBAAKCAQEALxRsa'],
    ['DB_PASSWORD=LxDbPw', 'LxDbPw'],
    ['export API_TOKEN=LxApiTok', 'LxApiTok'],
    ['rocommunity LxC0mm 10.0.0.0/8', 'LxC0mm'],
    ['createUser mon SHA "LxAuthPw" AES "LxPrivPw"', '"LxAuthPw"', '"LxPrivPw"'],
    ['secret = LxIniSec', 'LxIniSec'],
    ['  password: LxYamlPw', 'LxYamlPw'],
    ['proxy=http://u:LxProxyPw@10.0.0.5:3128/', 'LxProxyPw'],
    ['key = "LxTacKey"', 'LxTacKey'],
  ],
  opnsense: [
    ['<user>\n  <password>$2y$10$OpnUsrHash</password>\n</user>', '$2y$10$OpnUsrHash'],
    ['<rocommunity>OpnC0mm</rocommunity>', 'OpnC0mm'],
    ['<ipsecpsk>OpnPsk</ipsecpsk>', 'OpnPsk'],
    ['<radius_secret>OpnRadSec</radius_secret>', 'OpnRadSec'],
    ['<ldap_bindpw>OpnLdapPw</ldap_bindpw>', 'OpnLdapPw'],
    ['<prv>LS0tLS1CRUdJTiBQUklWQVRFOpnPrv</prv>', 'LS0tLS1CRUdJTiBQUklWQVRFOpnPrv'],
    ['<pre-shared-key>OpnPreShared</pre-shared-key>', 'OpnPreShared'],
    ['<apikey>OpnApiKey</apikey>', 'OpnApiKey'],
    ['<tls>T3BuVGxzS2V5</tls>', 'T3BuVGxzS2V5'],
    ['<smtppassword>OpnSmtpPw</smtppassword>', 'OpnSmtpPw'],
  ],
  pfsense: [
    ['<user>\n  <bcrypt-hash>$2y$10$PfUsrHash</bcrypt-hash>\n</user>', '$2y$10$PfUsrHash'],
    ['<rocommunity>PfC0mm</rocommunity>', 'PfC0mm'],
    ['<pre-shared-key>PfPsk</pre-shared-key>', 'PfPsk'],
    ['<radius_secret>PfRadSec</radius_secret>', 'PfRadSec'],
    ['<ldap_bindpw>PfLdapPw</ldap_bindpw>', 'PfLdapPw'],
    ['<prv>LS0tLS1CRUdJTiBQUklWQVRFPfPrv</prv>', 'LS0tLS1CRUdJTiBQUklWQVRFPfPrv'],
    ['<shared_key>PfOvpnKey</shared_key>', 'PfOvpnKey'],
    ['<passwordenc>PfEncPw</passwordenc>', 'PfEncPw'],
    ['<smtppassword>PfSmtpPw</smtppassword>', 'PfSmtpPw'],
    ['<tsig_secret>PfTsig</tsig_secret>', 'PfTsig'],
  ],
};

test('every driver but Cisco IOS has a table of secret forms here (IOS: forms-cisco.test.ts)', () => {
  const missing = DRIVERS.filter((d) => d.id !== 'cisco_ios' && !FORMS[d.id]).map((d) => d.id);
  assert.deepEqual(missing, []);
});

/**
 * FortiOS prints most stored secrets as `ENC <base64>` re-encrypted with a fresh salt on every
 * show: they are masked with the constant (a fingerprint would change on every pull), so a change
 * of one of them cannot be seen. Masked, stable across re-encryption, never fingerprinted.
 */
const FORTIOS_ENC: Form[] = [
  ['config system admin\n    edit "admin"\n        set password ENC SH2FtAdmHash\n    next\nend', 'SH2FtAdmHash'],
  ['config user local\n    edit "u1"\n        set passwd ENC FtUsrEnc\n    next\nend', 'FtUsrEnc'],
  ['config vpn ipsec phase1-interface\n    edit "p1"\n        set psksecret ENC FtPskEnc\n    next\nend', 'FtPskEnc'],
  ['config system snmp user\n    edit "mon"\n        set auth-pwd ENC FtAuthEnc\n        set priv-pwd ENC FtPrivEnc\n    next\nend', 'FtAuthEnc', 'FtPrivEnc'],
  ['config user radius\n    edit "R"\n        set secret ENC FtRadEnc\n    next\nend', 'FtRadEnc'],
  ['config user tacacs+\n    edit "T"\n        set key ENC FtTacEnc\n    next\nend', 'FtTacEnc'],
  ['config user ldap\n    edit "L"\n        set password ENC FtLdapEnc\n    next\nend', 'FtLdapEnc'],
  ['config system ha\n    set password ENC FtHaEnc\nend', 'FtHaEnc'],
  ['config router bgp\n    config neighbor\n        edit "10.0.0.3"\n            set password ENC FtBgpEnc\n        next\n    end\nend', 'FtBgpEnc'],
  ['config system email-server\n    set password ENC FtSmtpEnc\nend', 'FtSmtpEnc'],
];

test(`fortinet: ${FORTIOS_ENC.length} ENC forms masked with the constant, stable when the device re-encrypts`, () => {
  const fortinet = DRIVERS.find((d) => d.id === 'fortinet')!;
  const mask = (t: string) => `<secret:${'f'.repeat(9)}${t.length % 10}>`;
  for (const [text, ...secrets] of FORTIOS_ENC) {
    const stored = fortinet.maskSecrets(text + '\n', mask);
    for (const s of secrets) assert.ok(!stored.includes(s), `${s} stored:\n${stored}`);
    assert.doesNotMatch(stored, /<secret:/, `an ENC value was fingerprinted:\n${stored}`);
    assert.equal(fortinet.maskSecrets(text.split(secrets[0]!).join('Resalted' + secrets[0]) + '\n', mask), stored, 're-encryption changes nothing');
  }
});

for (const driver of DRIVERS.filter((d) => FORMS[d.id])) {
  const forms = FORMS[driver.id]!;
  test(`${driver.id}: ${forms.length} secret-bearing forms masked, fingerprinted, a changed secret is drift`, () => {
    assert.ok(forms.length >= 10, `${driver.id}: only ${forms.length} forms`);
    const failures: string[] = [];
    for (const form of forms) {
      try {
        checkForm(driver, form);
      } catch (err) {
        failures.push((err as Error).message.split('\n').slice(0, 4).join(' | '));
      }
    }
    assert.deepEqual(failures, []);
  });
}
