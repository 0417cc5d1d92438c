/**
 * NVIDIA/Mellanox Onyx (MLNX-OS) switches. Shell: `no cli session paging enable`, `show version`,
 * `show inventory`, then `enable` and `show running-config`. Some releases page anyway with a
 * less-style `lines 1-23` prompt that is redrawn with `CR ESC[K`; those redraws are resolved
 * before the usual cleaning. Complete when the output closes at the `[standalone: master] #` prompt.
 */
import { PullError } from '../../core/errors.js';
import { maskAfter } from '../common/mask-after.js';
import { requirePromptClosed } from '../common/prompt-closed.js';
import { applyMasks, capture, commandBody, dropLines, tidy, type MaskRule } from '../common/text.js';
import type { Driver, Facts } from '../types.js';
import { MLNXOS_DRIFT } from './drift.js';
import { secretMasker } from '../common/secret-masker.js';

// `switch [standalone: master] # `, ` [mlag-vip: master] (config) # `, `switch > `
const PROMPT = /^\r*(?:[\w.-]+)? ?\[[\w .:-]+\] ?(?:\([\w -]+\) ?)?[#>] ?$/;
const VERSION = 'show version';
const INVENTORY = 'show inventory';
const CONFIG = 'show running-config';
const PAGER = /^lines \d+-\d+(?:\/\d+)?(?: \(END\))?\s*$|^\(END\)\s*$/;

const VOLATILE = [/^## Generated at \d{4}\/\d\d\/\d\d /, PAGER];

const MASKS: readonly MaskRule[] = [
  maskAfter(/^\s*username \S+ password(?: \d+)?/),
  maskAfter(/^\s*snmp-server community/),
  maskAfter(/^\s*snmp-server host \S+ (?:traps|informs)(?: .*?)? version (?:1|2c)/),
  maskAfter(/^\s*snmp-server user \S+ v3 (?:.*? )?auth \S+/),
  maskAfter(/^\s*snmp-server user \S+ v3 (?:.*? )?priv \S+/),
  maskAfter(/^\s*(?:radius-server|tacacs-server|ldap)(?: host \S+)?(?: .*?)? (?:key|bind-password)(?: \d+)?/),
  maskAfter(/^\s*ntp (?:authentication-key \d+ (?:md5|sha1)|trusted-key)(?: \d+)?/),
  maskAfter(/^\s*(?:ip ospf (?:authentication-key|message-digest-key \d+ md5)|neighbor \S+ password|router bgp \S+(?: vrf \S+)? neighbor \S+ password)(?: \d+)?/),
  maskAfter(/^\s*crypto \S+ (?:private-key|pre-shared-key)(?: .*?)? (?:private-key-pem|key)/),
];

/**
 * What a terminal shows for Onyx's full-screen redraws: `CR ESC[K` wipes the current line (the
 * pager prompt), `ESC =` / `ESC >` (keypad modes) print nothing.
 */
function resolveRedraws(raw: string | undefined): string | undefined {
  return raw?.replace(/[^\n]*\r\x1b\[K/g, '').replace(/\x1b[=>]/g, '');
}

function facts(version: string, inventory: string, config: string, prompt: string): Facts {
  const chassis = /^CHASSIS\s+(\S+)\s+(\S+)/m.exec(inventory);
  return {
    hostname: capture(config, /^## Hostname: (\S+)/m) ?? capture(prompt, /^\s*([\w.-]+) \[/),
    model: chassis?.[1] ?? capture(version, /^Product model:\s*(\S+)/m),
    os_version: capture(version, /^Product release:\s*(\S+)/m),
    serial: chassis?.[2],
    image: capture(version, /^Version summary:\s*(.+)$/m),
  };
}

export const mellanoxMlnxos: Driver = {
  id: 'mellanox_mlnxos',
  aliases: ['mlnxos', 'onyx', 'mellanox'],
  description: 'NVIDIA/Mellanox Onyx (MLNX-OS) switches',
  session: {
    mode: 'shell',
    prompt: PROMPT,
    setup: ['no cli session paging enable'],
    responders: [{ pattern: PAGER, answer: ' ' }],
    enable: { unprivilegedPrompt: /^\r*(?:[\w.-]+)? ?\[[\w .:-]+\] ?>\s?$/, command: 'enable', passwordPrompt: /^Password:\s?$/ },
    exit: 'exit',
  },
  commands: [VERSION, INVENTORY, CONFIG],
  parse(outputs) {
    const raw = resolveRedraws(outputs[CONFIG]);
    requirePromptClosed(raw, CONFIG, PROMPT);
    const version = resolveRedraws(outputs[VERSION]);
    const inventory = resolveRedraws(outputs[INVENTORY]);
    requirePromptClosed(version, VERSION, PROMPT, true);
    requirePromptClosed(inventory, INVENTORY, PROMPT, true);
    const body = commandBody(raw, CONFIG, PROMPT);
    const config = tidy(dropLines(body, VOLATILE));
    if (!/^## Running database /m.test(config)) {
      throw new PullError(config ? 'protocol' : 'incomplete-output', `${CONFIG}: no configuration (${config.split('\n')[0] ?? 'empty'})`);
    }
    const prompt = raw!.trimEnd().split('\n').pop()!.replace(/\r/g, '');
    return { config, facts: facts(commandBody(version, VERSION, PROMPT), commandBody(inventory, INVENTORY, PROMPT), config, prompt) };
  },
  maskSecrets: secretMasker((config) => applyMasks(config, MASKS)),
  volatile: VOLATILE,
  ignore: [],
  drift: MLNXOS_DRIFT,
};
