/**
 * FortiOS secret masking. FortiOS prints stored secrets as `set <key> ENC <base64>` and
 * re-encrypts them with a fresh salt on every `show`, so an unmasked value would look like a
 * change on every pull: masking them is what makes those lines stable. Private keys are
 * multi-line quoted PEM blocks; SNMPv1/v2c community names are secrets too.
 */
import { walkFortiLines } from './structure.js';
import { applyMasks, MASK, type MaskRule } from '../common/text.js';

const RULES: readonly MaskRule[] = [
  // A whole quoted private key (possibly many lines) becomes one token.
  {
    pattern: /^(\s*set [\w-]*private-key )"-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z0-9 ]*PRIVATE KEY-----\s*"/gm,
    replace: `$1${MASK}`,
  },
  // set password ENC <base64>, set psksecret ENC ..., set auth-pwd ENC ...
  { pattern: /^(\s*set [\w-]+ ENC )\S+/gm, replace: `$1${MASK}` },
  // The same keys shown in clear text (older builds, `private-data-encryption` off, FortiManager).
  {
    pattern:
      /^(\s*set (?![\w-]*public)(?:[\w-]*-)?(?:password|passwd|secret|psksecret|passphrase|key|pwd|md5-key|key-string|auth-pwd|priv-pwd)(?:[1-4])? )(?!ENC )(?:"(?:[^"\\\n]|\\.)*"|[^\s"]+)$/gm,
    replace: `$1${MASK}`,
  },
];

const PRIVATE_ARMOR = /-----(?:BEGIN|END) [A-Z0-9 ]*PRIVATE KEY-----/g;
const PUBLIC_BEGIN = /-----BEGIN (?:CERTIFICATE|CERTIFICATE REQUEST|PUBLIC KEY|X509 CRL|PKCS7)-----/;
const PUBLIC_END = /-----END (?:CERTIFICATE|CERTIFICATE REQUEST|PUBLIC KEY|X509 CRL|PKCS7)-----/;
const BASE64_LINE = /^[A-Za-z0-9+/]{16,}={0,2}"?\s*$/;

/**
 * Defence in depth for key material the block rule did not catch (an unusual key header, a key
 * split by the terminal): armor lines of private keys and bare base64 lines outside a public
 * certificate are masked one by one.
 */
function maskStrayKeyLines(text: string): string {
  let inPublic = false;
  return text
    .split('\n')
    .map((line) => {
      if (PUBLIC_BEGIN.test(line)) inPublic = true;
      if (inPublic) {
        if (PUBLIC_END.test(line)) inPublic = false;
        return line;
      }
      if (BASE64_LINE.test(line)) return MASK;
      return line.replace(PRIVATE_ARMOR, MASK);
    })
    .join('\n');
}

/** `config system snmp community` / `edit <id>` / `set name "<community>"`. */
function maskSnmpCommunities(text: string): string {
  const out: string[] = [];
  const blocks: string[] = [];
  walkFortiLines(text, (line, quoted) => {
    const t = line.trim();
    if (!quoted) {
      if (t.startsWith('config ')) blocks.push(t);
      else if (t === 'end') blocks.pop();
      else if (blocks[blocks.length - 1] === 'config system snmp community' && /^set name /.test(t)) {
        line = line.replace(/^(\s*set name )(?:"(?:[^"\\]|\\.)*"|\S+)/, `$1${MASK}`);
      }
    }
    out.push(line);
  });
  return out.join('\n');
}

export function maskFortios(config: string): string {
  return maskSnmpCommunities(maskStrayKeyLines(applyMasks(config, RULES)));
}
