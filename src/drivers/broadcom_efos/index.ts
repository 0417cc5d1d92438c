/**
 * Broadcom EFOS switches (FASTPATH family; e.g. NetApp BES-53248 cluster switches). Shell:
 * `enable`, `terminal length 0`, then `show running-config`. The config has no closing keyword,
 * so it counts as complete when the output closes at the `(name) #` prompt.
 */
import { PullError } from '../../core/errors.js';
import { maskAfter } from '../common/mask-after.js';
import { requirePromptClosed } from '../common/prompt-closed.js';
import { applyMasks, capture, commandBody, dropLines, tidy, type MaskRule } from '../common/text.js';
import type { Driver } from '../types.js';
import { FASTPATH_DRIFT } from './drift.js';
import { secretMasker } from '../common/secret-masker.js';

// `(Switch)>`, `(Switch) #`, `(Switch) (Config)#`, `(Switch) (Interface 0/1)#`
const PROMPT = /^\r*\([\w.@ +-]+\) ?(?:\([\w ./-]+\) ?)?[#>] ?$/;
const CONFIG = 'show running-config';

const VOLATILE = [/^!System Up Time\b/, /^!Current System Time:/];

const MASKS: readonly MaskRule[] = [
  maskAfter(/^\s*username \S+ (?:password|secret)/),
  maskAfter(/^\s*enable (?:password|secret)/),
  maskAfter(/^\s*snmp-server community/),
  maskAfter(/^\s*snmp-server host \S+ .*?community/),
  maskAfter(/^\s*snmptrap/),
  maskAfter(/^\s*snmp-server user \S+ .*?auth-\S+/),
  maskAfter(/^\s*snmp-server user \S+ .*?priv-\S+/),
  maskAfter(/^\s*(?:radius-server|tacacs-server|radius server)(?: .*?)? key(?: (?:auth|acct) \S+)?(?: \d+| encrypted)?/),
  maskAfter(/^\s*ip ospf authentication (?:simple|encrypt)/),
  maskAfter(/^\s*(?:key|authentication-key|message-digest-key \d+ md5)(?: \d+)?/),
  maskAfter(/^\s*neighbor \S+ password/),
];

export const broadcomEfos: Driver = {
  id: 'broadcom_efos',
  aliases: ['efos'],
  description: 'Broadcom EFOS switches (FASTPATH family, e.g. NetApp BES-53248)',
  session: {
    mode: 'shell',
    prompt: PROMPT,
    setup: ['terminal length 0'],
    responders: [{ pattern: /--More-- or \(q\)uit\s*$|--More--\s*$/, answer: ' ' }],
    enable: { unprivilegedPrompt: /^\r*\([\w.@ +-]+\) ?>\s?$/, command: 'enable', passwordPrompt: /^Password:\s?$/ },
    exit: 'logout',
  },
  commands: [CONFIG],
  parse(outputs) {
    requirePromptClosed(outputs[CONFIG], CONFIG, PROMPT);
    const config = tidy(dropLines(commandBody(outputs[CONFIG], CONFIG, PROMPT), VOLATILE));
    if (!/^!Current Configuration:/m.test(config)) {
      throw new PullError(config ? 'protocol' : 'incomplete-output', `${CONFIG}: no configuration (${config.split('\n')[0] ?? 'empty'})`);
    }
    return {
      config,
      facts: {
        hostname: capture(config, /^hostname "?([^"\n]+?)"?$/m),
        os_version: capture(config, /^!System Software Version "([^"]+)"/m),
        image: capture(config, /^!System Description "([^"]+)"/m),
      },
    };
  },
  maskSecrets: secretMasker((config) => applyMasks(config, MASKS)),
  volatile: VOLATILE,
  ignore: [],
  drift: FASTPATH_DRIFT,
};
