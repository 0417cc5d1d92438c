/**
 * NETGEAR ProSAFE / Smart Managed Pro and M-series switches. Shell: `terminal length 0`, then
 * `show version` and `show running-config`. Newer firmware frames the config with
 * `SYSTEM CONFIG FILE ::= BEGIN`; a capture is complete when it closes at the switch prompt.
 */
import { PullError } from '../../core/errors.js';
import { FASTPATH_DRIFT } from '../broadcom_efos/drift.js';
import { maskAfter } from '../common/mask-after.js';
import { requirePromptClosed } from '../common/prompt-closed.js';
import { applyMasks, capture, commandBody, dropLines, tidy, type MaskRule } from '../common/text.js';
import type { Driver, Facts } from '../types.js';
import { secretMasker } from '../common/secret-masker.js';

// `(GS748Tv4) #`, `(M4300) (Config)#`, `19sw011# `, `19sw011> `
const PROMPT = /^\r*(?:\([\w .+-]+\) ?|[\w.@-]+)(?:\([\w ./-]+\) ?)?[#>] ?$/;
const VERSION = 'show version';
const CONFIG = 'show running-config';

/** The text the shared NETGEAR fixture expects in place of a secret. */
export const NETGEAR_MASK = '<hidden>';

const VOLATILE = [/^! System Up Time:/, /^!System Up Time\b/, /^!Current System Time:/];

const MASKS: readonly MaskRule[] = [
  maskAfter(/^\s*username \S+ (?:secret|password)(?: encrypted)?/, NETGEAR_MASK),
  maskAfter(/^\s*users passwd \S+(?: encrypted)?/, NETGEAR_MASK),
  maskAfter(/^\s*enable (?:password|secret)(?: encrypted)?/, NETGEAR_MASK),
  maskAfter(/^\s*snmp user \S+ \S+ auth \S+(?: encrypted)?/, NETGEAR_MASK),
  maskAfter(/^\s*snmp user \S+ .*? priv \S+(?: encrypted)?/, NETGEAR_MASK),
  maskAfter(/^\s*snmp(?:-server)? community(?: \d+)?/, NETGEAR_MASK),
  maskAfter(/^\s*snmp host \S+ .*?version \S+/, NETGEAR_MASK),
  maskAfter(/^\s*snmptrap/, NETGEAR_MASK),
  maskAfter(/^\s*(?:radius-server|tacacs-server|radius server)(?: .*?)? key(?: (?:auth|acct) \S+)?(?: encrypted)?/, NETGEAR_MASK),
  maskAfter(/^\s*(?:key|authentication-key)(?: encrypted)?/, NETGEAR_MASK),
];

function facts(version: string, config: string): Facts {
  return {
    hostname: capture(config, /^! System Name: (.+)$/m) ?? capture(config, /^(?:system name|hostname) "?([^"\n]+?)"?$/m),
    model: capture(config, /^! Model: (.+)$/m) ?? capture(version, /^Machine Model\.*\s*(.+)$/m),
    os_version: capture(version, /^Firmware Version\s*:\s*(\S+)/m) ?? capture(version, /^Software Version\.*\s*(\S+)/m),
    serial: capture(version, /^SN\s*:\s*(\S+)/m) ?? capture(version, /^Serial Number\.*\s*(\S+)/m) ?? capture(config, /^! Serial Number: (\S+)/m),
  };
}

export const netgearProsafe: Driver = {
  id: 'netgear_prosafe',
  aliases: ['netgear'],
  description: 'NETGEAR ProSAFE and managed switches',
  session: {
    mode: 'shell',
    prompt: PROMPT,
    setup: ['terminal length 0'],
    responders: [{ pattern: /--More-- or \(q\)uit\s*$|--More--\s*$/, answer: ' ' }],
    enable: { unprivilegedPrompt: /^\r*(?:\([\w .+-]+\) ?|[\w.@-]+)>\s?$/, command: 'enable', passwordPrompt: /^Password:\s?$/ },
    exit: 'quit',
  },
  commands: [VERSION, CONFIG],
  parse(outputs) {
    requirePromptClosed(outputs[CONFIG], CONFIG, PROMPT);
    requirePromptClosed(outputs[VERSION], VERSION, PROMPT, true);
    const config = tidy(dropLines(commandBody(outputs[CONFIG], CONFIG, PROMPT), VOLATILE));
    if (!/^(?:SYSTEM CONFIG FILE ::= BEGIN|!Current Configuration:)/m.test(config)) {
      throw new PullError(config ? 'protocol' : 'incomplete-output', `${CONFIG}: no configuration (${config.split('\n')[0] ?? 'empty'})`);
    }
    return { config, facts: facts(commandBody(outputs[VERSION], VERSION, PROMPT), config) };
  },
  maskSecrets: secretMasker((config) => applyMasks(config, MASKS)),
  volatile: VOLATILE,
  ignore: [],
  drift: FASTPATH_DRIFT,
};
