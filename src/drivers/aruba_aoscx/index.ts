/**
 * HPE Aruba Networking AOS-CX switches. Runs `show version`, `show system` and
 * `show running-config` in an interactive shell after `no page`. The running config has no
 * closing keyword, so a capture counts as complete when it ends at the switch's next prompt.
 */
import { PullError } from '../../core/errors.js';
import { maskAfter } from '../common/mask-after.js';
import { requirePromptClosed } from '../common/prompt-closed.js';
import { applyMasks, capture, commandBody, dropLines, tidy, type MaskRule } from '../common/text.js';
import type { Driver, Facts } from '../types.js';
import { AOSCX_DRIFT } from './drift.js';
import { secretMasker } from '../common/secret-masker.js';

// `sw1# `, `sw1(config-if)# `, `sw1> `; a CR may precede it (redrawn line), names may hold spaces.
const PROMPT = /^\r?[\w.@\/:()-][\w.@\/:() -]*[#>] ?$/;
const VERSION = 'show version';
const SYSTEM = 'show system';
const CONFIG = 'show running-config';
const PAGER = /-- MORE --, next page: Space, next line: Enter, quit: Control-C/;

/** The text the shared AOS-CX fixtures expect in place of a secret. */
export const AOSCX_MASK = '<secret hidden>';

const MASKS: readonly MaskRule[] = [
  // Every stored secret is shown as `... ciphertext <base64>` (or plaintext while typed in).
  maskAfter(/\b(?:ciphertext|plaintext)/, AOSCX_MASK),
  // SNMPv1/v2c communities are stored in clear text.
  maskAfter(/^\s*snmp-server community/, AOSCX_MASK),
  maskAfter(/^\s*snmp-server host \S+.*? community/, AOSCX_MASK),
];

/** Nothing in the AOS-CX running config changes by itself; pager remnants are dropped. */
const VOLATILE: RegExp[] = [PAGER];

function field(text: string, name: string): string | undefined {
  const value = capture(text, new RegExp(`^${name}\\s*:[ \\t]*(.*)$`, 'm'));
  return value && value !== '<removed>' ? value : undefined;
}

function facts(version: string, system: string, config: string): Facts {
  return {
    hostname: field(system, 'Hostname') ?? capture(config, /^hostname (\S+)/m),
    model: field(system, 'Product Name'),
    os_version:
      field(system, '(?:ArubaOS-CX|AOS-CX) Version') ??
      field(version, 'Version') ??
      capture(config, /^!Version (?:ArubaOS-CX|AOS-CX) (\S+)/m),
    serial: field(system, 'Chassis Serial Nbr'),
    image: field(version, 'Active Image'),
  };
}

export const arubaAoscx: Driver = {
  id: 'aruba_aoscx',
  aliases: ['aoscx', 'arubaoscx', 'aos-cx'],
  description: 'HPE Aruba Networking AOS-CX switches',
  session: {
    mode: 'shell',
    prompt: PROMPT,
    setup: ['no page'],
    responders: [{ pattern: PAGER, answer: ' ' }],
    exit: 'exit',
  },
  commands: [VERSION, SYSTEM, CONFIG],
  parse(outputs) {
    // Every captured output must close with the prompt; facts commands may be missing.
    requirePromptClosed(outputs[CONFIG], CONFIG, PROMPT);
    requirePromptClosed(outputs[VERSION], VERSION, PROMPT, true);
    requirePromptClosed(outputs[SYSTEM], SYSTEM, PROMPT, true);
    const config = tidy(dropLines(commandBody(outputs[CONFIG], CONFIG, PROMPT), VOLATILE));
    if (!config) throw new PullError('incomplete-output', `${CONFIG}: empty configuration`);
    if (/^Invalid input|^% /m.test(config.split('\n')[0]!)) {
      throw new PullError('protocol', `${CONFIG}: refused by the switch: ${config.split('\n')[0]}`);
    }
    const version = commandBody(outputs[VERSION], VERSION, PROMPT);
    const system = commandBody(outputs[SYSTEM], SYSTEM, PROMPT);
    return { config, facts: facts(version, system, config) };
  },
  maskSecrets: secretMasker((config) => applyMasks(config, MASKS)),
  volatile: VOLATILE,
  ignore: [],
  drift: AOSCX_DRIFT,
};
