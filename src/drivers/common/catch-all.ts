/**
 * The fail-safe under every driver's own rules: any token that follows a secret-bearing keyword is
 * masked, on every platform, with an explicit list of the places those keywords do not introduce a
 * secret (tested in test/secrets/catch-all.test.ts). Runs after the vendor rules, so it only ever
 * adds masks: over-masking costs a little readability, under-masking leaks a secret.
 *
 * Hot path: one PREFILTER scan of the whole text finds the few lines that mention a keyword; only
 * those are tokenized.
 */
import { isPlaceholder } from '../../secrets/placeholders.js';
import { MASK } from './text.js';

/** Keywords after which (past type digits and algorithm names) the next token is a secret. */
const KEYWORDS = new Set([
  'password', 'passwd', 'secret', 'key', 'key-string', 'set-key', 'psk', 'wpa-psk', 'wpa2-psk', 'pre-shared-key',
  'preshared-key', 'pre-shared-secret', 'community', 'passphrase', 'authentication-key', 'auth-key', 'auth-password',
  'priv-password', 'privacy-password', 'authentication-password', 'privacy-key', 'message-digest-key', 'md5-key',
  'shared-secret', 'shared-key', 'secret-key', 'private-key', 'token', 'api-key', 'apikey', 'encrypted-password',
  'server-key', 'psksecret', 'localkey', 'remotekey', 'ppk-secret', 'bind-password', 'bindpw', 'mgmt-password',
  'enable-password', 'radius-secret', 'tacacs-key', 'hash-password', 'plain-text-password', 'digest-secret',
  'area-password', 'domain-password', 'password-encrypt', 'spi', 'privacy-passphrase', 'phash', 'rocommunity',
  'rwcommunity', 'rocommunity6', 'rwcommunity6', 'trapcommunity', 'authpwd', 'privpwd', 'ipsec-psk',
]);

/** `lsp-password`, `admin-passwd`, `wpa-passphrase`, `radius_secret`...: compound names of secrets. */
const KEYWORD_SUFFIX = /[-_](?:password|passwd|secret|psk|passphrase|pwd)$/;

/** FASTPATH / NETGEAR SNMPv3: `auth-sha KEY priv-aes128 KEY`. */
const ALGORITHM_KEYWORD = /^(?:auth-(?:md5|sha\S*)|priv-(?:des\S*|3des|aes\S*))$/;

const isKeyword = (word: string) => KEYWORDS.has(word) || (KEYWORD_SUFFIX.test(word) && !word.startsWith('no-')) || ALGORITHM_KEYWORD.test(word);

/** SNMPv3 `auth sha KEY priv aes 128 KEY`, HSRP/VRRP `authentication text KEY`: keywords only before these. */
const NEEDS_NEXT: Record<string, RegExp> = {
  auth: /^(?:md5|sha\S*|hmac-\S+)$/i,
  priv: /^(?:des\S*|3des|aes\S*)$/i,
  authentication: /^(?:text|plain-text|simple)$/i,
};

/** Between keyword and secret: encryption type digits, algorithm and encoding words. */
const MODIFIER = /^(?:\d+|encrypted|unencrypted|hidden|clear|cleartext|plain|plaintext|plain-text|ascii|ascii-text|hex|hexadecimal|md5|sha|sha1|sha-1|sha-?256|sha-?384|sha-?512|hmac-\S+|aes\S*|des|3des|text|simple|local|remote|level|key-string|sha512|cipher|hash|0x|esp|ah|null|type|value|auth|acct|=|:|\d+\.\d+\.\d+\.\d+)$/i;

/** A candidate that is one of these is a keyword's argument, not a secret: leave the line alone there. */
const NOT_A_SECRET = /^(?:chain|generate|zeroize|import|export|storage|pubkey-chain|config-key|encryption|address|hostname|required|none|default|\{|\[|\(|-|\||min-length|policy|length|lifetime|timeout|retransmit|mode|authentication|encrypt|decrypt|server|group|view|context|sha|md5|hash|format|ring|exchange|priv|key-id|keyid|add|set|edit|print|remove|find|ssh-rsa|ssh-ed25519|ssh-dss|ecdsa-sha2-\S+)$/i;

/** Keyword in a context where it names no secret (previous token). */
const NOT_AFTER = new Set(['crypto', 'tunnel', 'no-auth', 'match', 'show', 'ssh', 'ip-ssh', 'hotkey', 'trusted', 'dh', 'rsa']);

/** BGP/route-map communities are routing data, not SNMP secrets. */
const ROUTING_COMMUNITY = /^(?:\d+:\d+|no-export|no-advertise|internet|local-as|none|additive|gshut|large|extended|\d+)$/i;

/** Whole lines where a keyword is no secret (`key 1` as a key-chain id, `password encryption aes`). */
const NOT_SECRET_LINES = [/^\s*key \d+\s*$/, /^\s*(?:no )?password encryption aes\b/, /\bcommunity \S+ members\b/, /^\s*(?:set|match) community\b/, /\bpublic-keys? \S+ key\b/];

/** Lines without one of these skip the catch-all (most lines: one test each). `auth `/`priv ` are SNMPv3 and HSRP forms. */
export const PREFILTER = /pass|secret|key|psk|communit|token|phrase|bindpw|phash|pwd|createUser|auth-|priv-|\bauth |\bpriv |\bspi |authentication (?:text|plain|simple)|:\/\//i;

// Placeholders with a blank (`<secret hidden>`) are one token, so a second pass sees them as masked.
const TOKEN = /<secret hidden>|<configuration removed>|<secret removed>|"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|\S+/g;
const KEY_VALUE = /(^|\s)([\w.-]*(?:password|passwd|secret|key|psk|passphrase|community|token))=("(?:[^"\\\n]|\\.)*"|[^\s"]\S*)/gi;

/** Forms whose secrets are positional rather than after a keyword; every capture group is a secret. */
const LINE_RULES = [
  // net-snmp: createUser NAME SHA "auth pass" AES "priv pass"
  /^\s*createUser\s+\S+\s+(?:MD5|SHA\S*)\s+("[^"]*"|\S+)(?:\s+(?:DES|AES\S*)\s+("[^"]*"|\S+))?/d,
  // RouterOS: /snmp community add name=COMMUNITY (the community is the entry's name)
  /^\/snmp community (?:add|set)\b.*?\bname=("[^"]*"|[^\s"]\S*)/d,
  // XML: <...password>value</...password>, <psk>, <phash>, <...community...>, <...key> (not public keys)
  /<((?!public)[\w.-]*(?:password|passwd|pwd|secret|key|psk|phash|passphrase|community|community-string|bindpw|token))(?:\s[^>]*)?>([^<]+)<\/\1>/d,
];

const URL_PASSWORD = /(\b[a-z][\w+.-]*:\/\/[^\s:/@"']+:)([^\s@"'/]+)@/gi;

interface Span {
  start: number;
  end: number;
}

/**
 * The vendor rule already masked this keyword's value: a placeholder within the next few tokens
 * (after words like `ciphertext`, `role`, `read`, `256`), before any other keyword.
 */
function maskedSoon(tokens: { text: string }[], i: number, bare: (i: number) => string): boolean {
  for (let j = i + 1; j < Math.min(tokens.length, i + 7); j++) {
    if (isPlaceholder(tokens[j]!.text.replace(/[;,]$/, ''))) return true;
    if (isKeyword(bare(j))) return false;
  }
  return false;
}

function secretSpans(line: string, out: Span[]): void {
  const tokens: { text: string; start: number }[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(line); m; m = TOKEN.exec(line)) tokens.push({ text: m[0], start: m.index });
  const bare = (i: number) => tokens[i]?.text.replace(/[;,]$/, '').toLowerCase() ?? '';
  for (let i = 0; i < tokens.length; i++) {
    const word = bare(i);
    const needs = NEEDS_NEXT[word];
    if (!isKeyword(word) && !(needs && needs.test(bare(i + 1)))) continue;
    if (i > 0 && NOT_AFTER.has(bare(i - 1))) continue;
    if (maskedSoon(tokens, i, bare)) continue;
    let j = i + 1;
    let lastNumber = -1;
    while (j < tokens.length && MODIFIER.test(bare(j)) && !isPlaceholder(tokens[j]!.text)) {
      if (/^\d+$/.test(bare(j))) lastNumber = j;
      j++;
    }
    // `password 1234`: a number alone after the keyword is the secret itself (but `key 1` is an id).
    if (j >= tokens.length) {
      if (lastNumber === -1 || word === 'key' || word === 'authentication-key') continue;
      j = lastNumber;
    }
    const t = tokens[j]!;
    const core = t.text.replace(/[;,]$/, '');
    if (isPlaceholder(core) || isPlaceholder(t.text) || NOT_A_SECRET.test(core) || isKeyword(core.toLowerCase())) continue;
    if (word === 'community' && ROUTING_COMMUNITY.test(core)) continue;
    out.push({ start: t.start, end: t.start + core.length });
    i = j;
  }
}

/** The catch-all over one line; `mask` is the constant written (the caller turns it into fingerprints). */
export function catchAllLine(line: string, mask: string = MASK): string {
  if (!PREFILTER.test(line) || NOT_SECRET_LINES.some((r) => r.test(line))) return line;
  const spans: Span[] = [];
  // `name=value` (RouterOS, INI files); the `=` test keeps the regex off the usual line.
  for (const m of line.includes('=') ? line.matchAll(KEY_VALUE) : []) {
    const value = m[3]!;
    if (value === '""' || isPlaceholder(value) || /^public/i.test(m[2]!)) continue;
    const start = m.index + m[1]!.length + m[2]!.length + 1;
    spans.push({ start, end: start + value.length });
  }
  // scheme://user:password@host (archive targets, proxies, backup URLs): the user stays visible.
  for (const m of line.includes('://') ? line.matchAll(URL_PASSWORD) : []) {
    if (isPlaceholder(m[2]!)) continue;
    const start = m.index + m[1]!.length;
    spans.push({ start, end: start + m[2]!.length });
  }
  for (const rule of LINE_RULES) {
    const m = rule.exec(line);
    if (!m?.indices) continue;
    // The XML rule's first group is the element name.
    for (let g = rule === LINE_RULES[2] ? 2 : 1; g < m.length; g++) {
      const at = m.indices[g];
      if (at && m[g] !== undefined && !isPlaceholder(m[g]!)) spans.push({ start: at[0], end: at[1] });
    }
  }
  if (!spans.length) secretSpans(line, spans);
  if (!spans.length) return line;
  spans.sort((a, b) => b.start - a.start);
  let out = line;
  for (const s of spans) out = out.slice(0, s.start) + mask + out.slice(s.end);
  return out;
}

const PEM_PRIVATE = /^(\s*)-----BEGIN ([A-Z0-9 ]*PRIVATE KEY|ENCRYPTED PRIVATE KEY)-----/;
const PREFILTER_G = new RegExp(PREFILTER.source, 'gi');

/** PEM private-key bodies, one mask per line (public certificates stay). */
function maskPemPrivateKeys(text: string, mask: string): string {
  const lines = text.split('\n');
  let inPem = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!inPem) {
      inPem = line.includes('-----BEGIN') && PEM_PRIVATE.test(line);
      continue;
    }
    if (/-----END [A-Z0-9 ]*PRIVATE KEY-----/.test(line)) inPem = false;
    else if (!isPlaceholder(line.trim())) lines[i] = (/^\s*/.exec(line)?.[0] ?? '') + mask;
  }
  return lines.join('\n');
}

/**
 * The whole text: PEM private keys, then every line that mentions a keyword. One regex scan of
 * the text finds those lines (no split and join of a 1,000-line config for its ten secret lines).
 */
export function catchAll(text: string, mask: string = MASK): string {
  const src = text.includes('PRIVATE KEY-----') ? maskPemPrivateKeys(text, mask) : text;
  const out: string[] = [];
  let copied = 0;
  PREFILTER_G.lastIndex = 0;
  for (let m = PREFILTER_G.exec(src); m; m = PREFILTER_G.exec(src)) {
    const start = src.lastIndexOf('\n', m.index) + 1;
    const nl = src.indexOf('\n', m.index);
    const end = nl === -1 ? src.length : nl;
    const line = src.slice(start, end);
    const masked = catchAllLine(line, mask);
    if (masked !== line) {
      out.push(src.slice(copied, start), masked);
      copied = end;
    }
    PREFILTER_G.lastIndex = end;
  }
  if (!out.length) return src;
  out.push(src.slice(copied));
  return out.join('');
}
