/** Drift knowledge shared by the XML-config firewalls (pfSense, OPNsense). */
import type { DriftKnowledge } from '../types.js';

export const XML_FIREWALL_DRIFT: DriftKnowledge = {
  // Second-level elements (one tab or two spaces in) own everything below them.
  sectionStart: [/^(?:\t| {2})<(?!\/)[\w.-]+(?:\s[^>]*)?>\s*$/],
  critical: [
    /<\/?(user|group|priv|authserver|password|bcrypt-hash|sha512-hash|authorizedkeys|apikeys|scope|uid|gid)\b/,
    /<\/?(snmpd|rocommunity|rwcommunity|trapserver|trapstring)\b/,
    /<\/?(filter|rule|nat|outbound|alias|aliases|type>(pass|block|reject)|source|destination|protocol|disabled|interface|floating|quick)\b/,
    /<\/?(webgui|ssh|sshd|enablesshd|sshdkeyonly|disablehttpredirect|althostnames|nodnsrebindcheck|noantilockout|port|protocol>https?)\b/,
    /<\/?(cert|ca|crl|prv|crt|ipsec|phase1|phase2|openvpn|wireguard|psk|pre-shared-key|tls)\b/,
    /<\/?(syslog|remoteserver|remoteserver2|remoteserver3|timeservers|ntpd)\b/,
    /<\/?(md5|password|authentication|auth_pass|carp|hasync)\b/,
  ],
};
