/**
 * VyOS in an interactive shell (operational mode): `show version` for facts and
 * `show configuration commands | no-more`, one `set` line per configured leaf. The flat form
 * has no closing marker, so a capture is complete when it ends at the next prompt.
 */
import { PullError } from '../../core/errors.js';
import { requirePromptClosed } from '../common/prompt-closed.js';
import { capture, commandBody, tidy } from '../common/text.js';
import type { Driver, Facts } from '../types.js';
import { VYOS_DRIFT } from './drift.js';
import { maskVyos } from './masks.js';
import { secretMasker } from '../common/secret-masker.js';
import { vyosAttribution } from './attribution.js';

const VERSION = 'show version';
const CONFIG = 'show configuration commands | no-more';

/**
 * `user@fw1:~$ ` (operational), `user@fw1# ` (configuration), `user@fw1> ` (old Vyatta). After
 * `less` exits the prompt may carry the keypad-mode escape `ESC >`, which the shared terminal
 * cleaner does not remove, hence the optional prefix.
 */
const PROMPT = /^(?:\x1b[=>])?[\w.-]+@[\w.-]+(?::[^\s$#>]*)?[$#>] ?$/;
/** Keypad-mode switches `less` sends around paged output (`ESC =`, `ESC >`). */
const KEYPAD = /\x1b[=>]/g;

const VOLATILE: RegExp[] = [];

function body(raw: string | undefined, command: string): string {
  return commandBody(raw?.replace(KEYPAD, ''), command, PROMPT);
}

function facts(version: string, config: string): Facts {
  const field = (name: string) => capture(version, new RegExp(`^${name}:[ \\t]*(.+)$`, 'm'));
  return {
    hostname: capture(config, /^set system host-name '?([^'\s]+)'?$/m),
    model: field('Hardware model'),
    os_version: capture(field('Version') ?? '', /^VyOS (\S+)/) ?? field('Version'),
    serial: field('Hardware S/N'),
  };
}

export const vyos: Driver = {
  id: 'vyos',
  aliases: ['vyatta'],
  description: 'VyOS routers (show configuration commands)',
  session: {
    mode: 'shell',
    prompt: PROMPT,
    // Keeps `show version` out of `less`; the config command already says `| no-more`.
    setup: ['set terminal length 0'],
    exit: 'exit',
  },
  commands: [VERSION, CONFIG],
  parse(outputs) {
    requirePromptClosed(outputs[CONFIG]?.replace(KEYPAD, ''), CONFIG, PROMPT);
    const config = tidy(body(outputs[CONFIG], CONFIG));
    const first = config.split('\n')[0] ?? '';
    if (!/^(set |#)/.test(first)) {
      throw new PullError('protocol', `${CONFIG}: unexpected output: ${JSON.stringify(first.slice(0, 60))}`);
    }
    return { config, facts: facts(body(outputs[VERSION], VERSION), config) };
  },
  maskSecrets: secretMasker(maskVyos),
  volatile: VOLATILE,
  ignore: [],
  drift: VYOS_DRIFT,
  attribution: vyosAttribution,
};
