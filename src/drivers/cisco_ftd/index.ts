/**
 * Cisco Firepower Threat Defense (FTD, FXOS "firelinuxos"). Shell at the `>` CLISH prompt:
 * `show version system` (facts) and `show running-config all`, which closes with `: end`.
 */
import { PullError } from '../../core/errors.js';
import { maskAfter } from '../common/mask-after.js';
import { requirePromptClosed } from '../common/prompt-closed.js';
import { applyMasks, capture, commandBody, dropLines, tidy, type MaskRule } from '../common/text.js';
import type { Driver, Facts } from '../types.js';
import { FTD_DRIFT } from './drift.js';
import { secretMasker } from '../common/secret-masker.js';

// CLISH `> `; the diagnostic (LINA) CLI `firepower> ` / `firepower# ` when reached from it.
const PROMPT = /^\r*(?:[\w.-]+)?[>#] ?$/;
const VERSION = 'show version system';
const CONFIG = 'show running-config all';
const PAGER = /<--- More --->\s*$/;

/** `: Written by <user> at <time>` changes on every `write memory`. */
const VOLATILE = [/^: Written by /, /<--- More --->/];

const MASKS: readonly MaskRule[] = [
  maskAfter(/^\s*enable password/),
  maskAfter(/^\s*username \S+ (?:password|attributes password)/),
  maskAfter(/^\s*snmp-server community/),
  maskAfter(/^\s*snmp-server host \S+ \S+ (?:.*? )?community/),
  maskAfter(/^\s*snmp-server user \S+ .*? auth (?:md5|sha\d*)/),
  maskAfter(/^\s*snmp-server user \S+ .*? priv (?:des|3des|aes(?: \d+)?)/),
  maskAfter(/^\s*(?:ikev1 |ikev2 (?:local|remote)-authentication )?pre-shared-key/),
  maskAfter(/^\s*(?:key|ldap-login-password|authentication-key|failover key|password|server-secret|radius-common-pw)(?: \d+)?/),
  maskAfter(/^\s*(?:ospf message-digest-key \d+ md5|ospf authentication-key|neighbor \S+ password)(?: \d+)?/),
];

function facts(version: string, config: string): Facts {
  return {
    hostname: capture(config, /^hostname (\S+)/m) ?? capture(version, /^-+\[ (\S+) \]-+$/m),
    model: capture(version, /^Hardware:\s+([^,\s]+)/m),
    os_version: capture(version, /^Model\s*:.* Version (\S+)/m) ?? capture(config, /^NGFW Version (\S+)/m),
    serial: capture(version, /^Serial Number: (\S+)/m),
    image: capture(version, /^System image file is "([^"]+)"/m),
  };
}

export const ciscoFtd: Driver = {
  id: 'cisco_ftd',
  aliases: ['firelinuxos', 'ftd', 'fxos_ftd'],
  description: 'Cisco Firepower Threat Defense (FTD)',
  session: {
    mode: 'shell',
    prompt: PROMPT,
    setup: [],
    responders: [{ pattern: PAGER, answer: ' ' }],
    exit: 'exit',
  },
  commands: [VERSION, CONFIG],
  parse(outputs) {
    requirePromptClosed(outputs[CONFIG], CONFIG, PROMPT);
    requirePromptClosed(outputs[VERSION], VERSION, PROMPT, true);
    const config = tidy(dropLines(commandBody(outputs[CONFIG], CONFIG, PROMPT), VOLATILE));
    const lines = config.trimEnd().split('\n');
    if (lines[lines.length - 1] !== ': end') {
      throw new PullError('incomplete-output', `${CONFIG}: output does not end with ": end" (truncated?)`);
    }
    return { config, facts: facts(commandBody(outputs[VERSION], VERSION, PROMPT), config) };
  },
  maskSecrets: secretMasker((config) => applyMasks(config, MASKS)),
  volatile: VOLATILE,
  ignore: [],
  drift: FTD_DRIFT,
};
