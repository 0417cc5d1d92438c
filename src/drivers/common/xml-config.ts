/**
 * Helpers for firewalls whose whole configuration is one XML file (pfSense, OPNsense): the
 * file is complete when its root element is closed, and secrets are element values.
 */
import { PullError } from '../../core/errors.js';
import { escapeRegExp } from './mask-after.js';
import { MASK, normalizeTerminalText, tidy } from './text.js';

/** Element names whose text is a secret in pfSense / OPNsense configs. */
export const XML_SECRET_ELEMENTS = [
  'password', 'passwd', 'pass', 'auth_pass', 'bcrypt-hash', 'sha512-hash', 'md5-hash', 'nt-hash', 'passwordenc',
  'prv', 'privatekey', 'private-key', 'secret', 'shared_key', 'shared-key', 'psk', 'pre-shared-key', 'ipsecpsk',
  'tls', 'tlsauth', 'tls_key', 'static_key', 'radius_secret', 'radius_secret2', 'ldap_bindpw', 'bindpw',
  'rocommunity', 'rwcommunity', 'community', 'snmp_password', 'snmp_community', 'apikey', 'api_key', 'key',
  'encryption_password', 'authentication_password', 'presharedkey', 'tsig_secret', 'ddns_domainkey',
];

/**
 * `<tag>value</tag>` (also with attributes, CDATA or across lines) to `<tag><masked></tag>`.
 * Empty elements stay as they are; an already masked value is not touched again.
 */
export function maskXmlElements(xml: string, elements: readonly string[] = XML_SECRET_ELEMENTS, mask: string = MASK): string {
  const names = elements.map(escapeRegExp).join('|');
  const pattern = new RegExp(`(<(${names})(?:\\s[^>]*)?>)(?!${escapeRegExp(mask)}</)((?:<!\\[CDATA\\[[\\s\\S]*?\\]\\]>|[^<])+)(</\\2>)`, 'g');
  return xml.replace(pattern, (_m, open: string, _name: string, value: string, close: string) =>
    value.trim() === '' ? `${open}${value}${close}` : `${open}${mask}${close}`,
  );
}

/**
 * The XML document of a `cat` capture, refused as incomplete unless the `root` element is both
 * opened and closed (the closing tag is the file's own end marker).
 */
export function xmlDocument(raw: string | undefined, root: string, what: string): string {
  const text = normalizeTerminalText(raw ?? '');
  const open = new RegExp(`<${root}(?:\\s[^>]*)?>`).exec(text);
  const close = text.lastIndexOf(`</${root}>`);
  if (!open) {
    if (/No such file|Permission denied|not found/i.test(text)) throw new PullError('protocol', `${what}: ${text.trim().split('\n')[0]}`);
    throw new PullError('incomplete-output', `${what}: no <${root}> element (truncated?)`);
  }
  if (close < open.index) throw new PullError('incomplete-output', `${what}: </${root}> missing (truncated?)`);
  const start = text.lastIndexOf('<?xml', open.index);
  return tidy(text.slice(start === -1 ? open.index : start, close + root.length + 3));
}

/**
 * Lines of the `<revision>` record (and of rules' `<created>` / `<updated>` stamps) that a mere
 * "Save" rewrites: kept in the store for people reading history, not counted as drift.
 */
export const XML_REVISION_IGNORE: RegExp[] = [
  /^\s*<time>\d+(?:\.\d+)?<\/time>$/,
  /^\s*<username>(?:<!\[CDATA\[)?(?:[^<>@\s]+@[\w.:]+(?: \([^)]*\))?|\(system\)|[\w.-]+@[\w.:-]+)(?:\]\]>)?<\/username>$/,
  /^\s*<description>(?:<!\[CDATA\[)?(?:[^<>]*@[\w.:]+(?: \([^)]*\))?: |\/[\w./-]+\.php made changes|\(system\): )[^<>]*?(?:\]\]>)?<\/description>$/,
];
