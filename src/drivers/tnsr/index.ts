/**
 * Netgate TNSR. Its CLI pages every long output (`--More--`) and offers no way to turn that off,
 * so the session answers each pager with a space; the device then erases the marker with
 * backspaces, which normalizing resolves (also when the marker sits mid-line or right before the
 * final prompt). The running config in CLI form has no closing keyword: a capture is complete
 * when it ends at the `<host> tnsr#` prompt.
 */
import { PullError } from '../../core/errors.js';
import { maskAfter, maskRestOfLine } from '../common/mask-after.js';
import { requirePromptClosed } from '../common/prompt-closed.js';
import { applyMasks, capture, commandBody, normalizeTerminalText, tidy, type MaskRule } from '../common/text.js';
import type { Driver, Facts } from '../types.js';
import { TNSR_DRIFT } from './drift.js';
import { secretMasker } from '../common/secret-masker.js';

// `host tnsr# `, `host tnsr(config)# `; the raw line may start with pager erase bytes and a CR.
const PROMPT = /^[\x08 \r]*([\w.@-]+) tnsr(?:\([\w./-]+\))?[#>] ?$/;
const VERSION_ALL = 'show version all';
const VERSION = 'show version';
const CONFIG = 'show configuration running cli';
const PAGER = /--More--\s?$/;

/** The texts the shared TNSR fixtures expect: passwords and keys vs. SNMP communities. */
export const TNSR_SECRET_MASK = '<secret hidden>';
export const TNSR_COMMUNITY_MASK = '<configuration removed>';

const MASKS: readonly MaskRule[] = [
  // auth user x / password $6$..., bgp neighbor password, ipsec psk, wireguard and ssh keys
  maskAfter(/^\s*(?:password|secret|psk|pre-shared-key|preshared-key|private-key|authentication-key|auth-key|key-string)/, TNSR_SECRET_MASK),
  maskAfter(/^\s*(?:ike authentication (?:local|remote) round \d+ psk|neighbor \S+ password|md5-key|message-digest-key \d+ md5)/, TNSR_SECRET_MASK),
  maskRestOfLine(/^\s*(?:certificate|private-key-pem)/, TNSR_SECRET_MASK),
  // snmp community community-name <name> source ... (the name is the community string)
  maskAfter(/^\s*snmp community community-name/, TNSR_COMMUNITY_MASK),
  maskAfter(/^\s*snmp (?:user|usm user) \S+ .*?(?:auth|priv)-(?:password|key)/, TNSR_SECRET_MASK),
];

/** Nothing in the running config changes by itself. */
const VOLATILE: RegExp[] = [];

function stripPager(text: string): string {
  return text.replace(/--More--/g, '');
}

function facts(versionAll: string, version: string, config: string, prompt: string): Facts {
  return {
    hostname: capture(prompt, PROMPT),
    os_version:
      capture(versionAll, /^\s*tnsr-release (\S+)/m) ??
      capture(versionAll, /^\s*tnsr (\S+)$/m) ??
      capture(version, /^Version: ([\w.-]+?)(?:\+|\s|$)/m),
    model: 'TNSR',
    serial: undefined,
    image: capture(version, /^Version: (\S+)/m),
  };
}

function body(raw: string | undefined, command: string): string {
  return commandBody(raw === undefined ? undefined : stripPager(normalizeTerminalText(raw)), command, PROMPT);
}

/** The last line of a capture: the prompt the device printed when done. */
function closingLine(raw: string): string {
  const lines = normalizeTerminalText(raw).split('\n').filter((l) => l.trim() !== '');
  return lines[lines.length - 1] ?? '';
}

export const tnsr: Driver = {
  id: 'tnsr',
  aliases: ['netgate_tnsr'],
  description: 'Netgate TNSR routers (CLI config, paged output)',
  session: {
    mode: 'shell',
    prompt: PROMPT,
    setup: [],
    responders: [{ pattern: PAGER, answer: ' ' }],
    exit: 'exit',
  },
  commands: [VERSION_ALL, VERSION, CONFIG],
  parse(outputs) {
    const raw = outputs[CONFIG];
    requirePromptClosed(raw, CONFIG, PROMPT);
    const text = body(raw, CONFIG);
    if (/^CLI syntax error|^% /.test(text)) throw new PullError('protocol', `${CONFIG}: refused by the router: ${text.split('\n')[0]}`);
    const config = tidy(text);
    if (!config) throw new PullError('incomplete-output', `${CONFIG}: empty configuration`);
    // Older releases know only `show version`, newer ones answer both; errors are fine here.
    const versionAll = outputs[VERSION_ALL] && requireClosedOrEmpty(outputs[VERSION_ALL], VERSION_ALL);
    const version = outputs[VERSION] && requireClosedOrEmpty(outputs[VERSION], VERSION);
    return { config, facts: facts(versionAll || '', version || '', config, closingLine(raw!)) };
  },
  maskSecrets: secretMasker((config) => applyMasks(config, MASKS)),
  volatile: VOLATILE,
  ignore: [],
  drift: TNSR_DRIFT,
};

function requireClosedOrEmpty(raw: string, command: string): string {
  requirePromptClosed(raw, command, PROMPT, true);
  const text = body(raw, command);
  return /^CLI syntax error/.test(text) ? '' : text;
}
