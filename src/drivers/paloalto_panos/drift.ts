/**
 * What a change means on PAN-OS. Hunks are labelled by the brace hierarchy (`config > devices >
 * localhost.localdomain > vsys > vsys1 > rulebase > security > rules > deny-all`), so critical
 * patterns mostly match that label.
 */
import type { DriftKnowledge } from '../types.js';

export const PANOS_DRIFT: DriftKnowledge = {
  sectionStart: [/^\s*(?:"[^"]*"|[\w./:-]+)(?: [\w./:-]+)? \{$/],
  critical: [
    // Administrators, roles, authentication profiles and servers.
    /\bmgt-config\b|\b(admin-role|authentication-profile|authentication-sequence|server-profile)\b|\bphash\b/,
    /\bsnmp-setting\b|\bsnmp-community-string\b|\bsnmptrap\b/,
    // Security, NAT, decryption and policy-based-forwarding rules, zones, objects they use.
    /\brulebase\b|\bzone\b|\bzone-protection-profile\b|^\s*action (allow|deny|drop|reset)/,
    // Management access: management services, permitted IPs, interface management profiles.
    /deviceconfig > system > (service|permitted-ip)|\binterface-management-profile\b|\bdisable-(telnet|http|https|ssh)\b/,
    // Crypto: IKE/IPsec, certificates, SSL/TLS profiles, master key.
    /\b(ike|ipsec|tunnel|certificate|ssl-tls-service-profile|certificate-profile|master-key)\b|\bpre-shared-key\b|\bprivate-key\b/,
    // Logging and time.
    /\blog-settings\b|\bsyslog\b|\bntp-servers\b|\blog-forwarding\b/,
    // Routing-protocol authentication.
    /\bauth-profile\b|\bmd5\b|\bauthentication\b/,
  ],
};
