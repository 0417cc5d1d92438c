/**
 * Aruba Instant access points (the virtual controller holds the cluster config). Shell:
 * `show version`, `show activate status` (serial) and `show running-config no-encrypt` (the form
 * recorded in the shared transcripts and used by Oxidized; it prints secrets in clear, and every
 * one of them is masked before storage). Complete when the output closes at the prompt.
 */
import { PullError } from '../../core/errors.js';
import { maskAfter } from '../common/mask-after.js';
import { requirePromptClosed } from '../common/prompt-closed.js';
import { applyMasks, capture, commandBody, normalizeTerminalText, tidy, type MaskRule } from '../common/text.js';
import type { Driver, Facts } from '../types.js';
import { ARUBA_INSTANT_DRIFT } from './drift.js';
import { secretMasker } from '../common/secret-masker.js';

// `AP-1# `, ` AP-1# ` (a leading space when a core file is present), `AP-1 (config) # `.
const PROMPT = /^\s*[\w.@()-]+(?: ?\([\w -]*config[\w -]*\))? ?[#>] ?$/;
const VERSION = 'show version';
const ACTIVATE = 'show activate status';
const CONFIG = 'show running-config no-encrypt';

/** The text the shared Instant fixture expects in place of a secret. */
export const INSTANT_MASK = '<secret removed>';

const MASKS: readonly MaskRule[] = [
  maskAfter(/^\s*snmp-server community/, INSTANT_MASK),
  maskAfter(/^\s*snmp-server host \S+ version (?:1|2c)/, INSTANT_MASK),
  // snmp-server user NAME AUTH-PROTO AUTH-PASS PRIV-PROTO PRIV-PASS: the auth password first (see maskAfter's skip)
  maskAfter(/^\s*snmp-server user \S+ \S+/, INSTANT_MASK),
  maskAfter(/^\s*snmp-server user \S+ \S+ \S+ \S+ \S+/, INSTANT_MASK),
  maskAfter(/^\s*hash-mgmt-user \S+ password hash/, INSTANT_MASK),
  maskAfter(/^\s*mgmt-user \S+/, INSTANT_MASK),
  maskAfter(/^\s*user \S+/, INSTANT_MASK),
  maskAfter(/^\s*(?:virtual-controller-key|wpa-passphrase|wpa-hexkey|key|cppm-key|pppoe-passwd|psk|mesh-key|shared-key|console-password|ap-console-password|captive-portal-key|wep-key\d?)/, INSTANT_MASK),
];

function facts(version: string, activate: string, prompt: string): Facts {
  return {
    hostname: capture(prompt, /^\s*([\w.@()-]+?)(?: ?\(.*\))? ?[#>] ?$/),
    model: capture(version, /\(MODEL: ([^)]+)\)/),
    os_version: capture(version, /\(MODEL: [^)]+\), Version (\S+)/),
    serial: capture(activate, /^IAP Serial Number\s*:\s*(\S+)/m),
  };
}

function closingLine(raw: string): string {
  const lines = normalizeTerminalText(raw).split('\n').filter((l) => l.trim() !== '');
  return lines[lines.length - 1] ?? '';
}

export const arubaInstant: Driver = {
  id: 'aruba_instant',
  aliases: ['arubainstant', 'aruba_iap'],
  description: 'Aruba Instant access points (virtual controller config)',
  session: {
    mode: 'shell',
    prompt: PROMPT,
    setup: [],
    responders: [{ pattern: /--More--\s*$/, answer: ' ' }],
    exit: 'exit',
  },
  commands: [VERSION, ACTIVATE, CONFIG],
  parse(outputs) {
    const raw = outputs[CONFIG];
    requirePromptClosed(raw, CONFIG, PROMPT);
    requirePromptClosed(outputs[VERSION], VERSION, PROMPT, true);
    requirePromptClosed(outputs[ACTIVATE], ACTIVATE, PROMPT, true);
    const config = tidy(commandBody(raw, CONFIG, PROMPT));
    if (!/^version \S/.test(config)) {
      throw new PullError(config ? 'protocol' : 'incomplete-output', `${CONFIG}: no configuration (${config.split('\n')[0] ?? 'empty'})`);
    }
    const version = commandBody(outputs[VERSION], VERSION, PROMPT);
    const activate = commandBody(outputs[ACTIVATE], ACTIVATE, PROMPT);
    return { config, facts: facts(version, activate, closingLine(raw!)) };
  },
  maskSecrets: secretMasker((config) => applyMasks(config, MASKS)),
  volatile: [],
  ignore: [],
  drift: ARUBA_INSTANT_DRIFT,
};
