/**
 * ArubaOS (AOS 6/8) mobility controllers and conductors. Interactive shell: `no paging`, then
 * `show version`, `show inventory`, `show running-config`. The config closes with `end`.
 * `encrypt disable` (which makes the controller print secrets in clear) is deliberately not sent:
 * secrets are masked either way, so they need not cross the wire in clear.
 */
import { PullError } from '../../core/errors.js';
import { maskAfter } from '../common/mask-after.js';
import { requirePromptClosed } from '../common/prompt-closed.js';
import { applyMasks, capture, commandBody, dropLines, tidy, type MaskRule } from '../common/text.js';
import type { Driver, Facts } from '../types.js';
import { ARUBA_OS_DRIFT } from './drift.js';
import { secretMasker } from '../common/secret-masker.js';

// `(host) [mynode] #`, `(host) *[/] #`, `(host) ^[mm] (config) #`, plain `host# ` on older code.
const PROMPT = /^\r*(?:\([\w.@ -]+\) ?[*^]?\[[\w\/.-]+\]|[\w.@()-]+)(?: ?\([\w -]*config[\w -]*\))? ?[#>] ?$/;
const VERSION = 'show version';
const INVENTORY = 'show inventory';
const CONFIG = 'show running-config';

const VOLATILE = [/^Building Configuration\.\.\.$/];

/** `authentication <secret>` (VRRP) but not `authentication pre-share` (IKE policy) and friends. */
const AUTH_KEYWORDS = '(?:pre-share|rsa-sig|ecdsa-\\S+|dot1x|open|shared|none|md5|sha\\S*|eap-\\S+|aes\\S*)\\b';

const MASKS: readonly MaskRule[] = [
  maskAfter(/^\s*ike authentication pre-share/),
  maskAfter(/^\s*snmp-server community/),
  maskAfter(/^\s*snmp-server host \S+ version (?:1|2c)/),
  maskAfter(/^\s*snmp-server user \S+ .*?auth-prot \S+/),
  maskAfter(/^\s*snmp-server user \S+ .*?priv-prot \S+/),
  maskAfter(/^\s*mgmt-user \S+ \S+/),
  maskAfter(/^\s*(?:key|pre-shared-key|ap-console-password|bkup-passwords|wpa-passphrase|wpa-hexkey|enable secret|secret|psk|shared-secret|pppoe-passwd|cpsec-ca-pass|mesh-key)/),
  maskAfter(/^\s*(?:peer-ip-address|masterip|localip|master-ip|conductor-ip) \S+(?: .*?)? ipsec/),
  maskAfter(/^\s*crypto isakmp key/),
  { pattern: new RegExp(`^(\\s*authentication)([ \\t]+)(?!${AUTH_KEYWORDS}|<masked>)\\S+`, 'gm'), replace: '$1$2<masked>' },
];

function facts(version: string, inventory: string, config: string): Facts {
  return {
    hostname: capture(config, /^hostname "?([^"\s]+)"?/m),
    model: capture(version, /\(MODEL: ([^)]+)\)/) ?? capture(inventory, /^SC Model#\s*:\s*(\S+)/m),
    os_version: capture(version, /\(MODEL: [^)]+\), Version (\S+)/),
    serial: capture(inventory, /^System Serial#\s*:\s*(\S+)/m),
  };
}

export const arubaOs: Driver = {
  id: 'aruba_os',
  aliases: ['aosw', 'arubaos'],
  description: 'ArubaOS mobility controllers and conductors (AOS 6/8)',
  session: {
    mode: 'shell',
    prompt: PROMPT,
    setup: ['no paging'],
    responders: [{ pattern: /--More-- \(q\) quit \(u\) pageup \(\/\) search \(n\) repeat|--More--\s*$/, answer: ' ' }],
    exit: 'exit',
  },
  commands: [VERSION, INVENTORY, CONFIG],
  parse(outputs) {
    requirePromptClosed(outputs[CONFIG], CONFIG, PROMPT);
    requirePromptClosed(outputs[VERSION], VERSION, PROMPT, true);
    requirePromptClosed(outputs[INVENTORY], INVENTORY, PROMPT, true);
    const config = tidy(dropLines(commandBody(outputs[CONFIG], CONFIG, PROMPT), VOLATILE));
    const lines = config.trimEnd().split('\n');
    if (lines[lines.length - 1] !== 'end') {
      throw new PullError('incomplete-output', `${CONFIG}: output does not end with "end" (truncated?)`);
    }
    const version = commandBody(outputs[VERSION], VERSION, PROMPT);
    const inventory = commandBody(outputs[INVENTORY], INVENTORY, PROMPT);
    return { config, facts: facts(version, inventory, config) };
  },
  maskSecrets: secretMasker((config) => applyMasks(config, MASKS)),
  volatile: VOLATILE,
  ignore: [],
  drift: ARUBA_OS_DRIFT,
};
