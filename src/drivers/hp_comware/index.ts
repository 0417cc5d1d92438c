/**
 * HPE / H3C Comware (5 and 7). `display current-configuration` opens with ` version x` and closes
 * with `return`; a config with that header must reach its `return`. Without the header (a
 * partial capture such as the shared fixture's snippet) the capture must at least end at the
 * prompt, like every output here.
 */
import { PullError } from '../../core/errors.js';
import { requirePromptClosed } from '../common/prompt-closed.js';
import { applyMasks, capture, commandBody, normalizeTerminalText, tidy } from '../common/text.js';
import type { Driver, Facts } from '../types.js';
import { COMWARE_DRIFT } from './drift.js';
import { COMWARE_MASKS } from './masks.js';
import { secretMasker } from '../common/secret-masker.js';

// <sysname> in user view, [sysname] and [sysname-GigabitEthernet1/0/1] in system view.
const PROMPT = /^(?:<[\w.@()\/:-]+>|\[[\w.@()\/:-]+\])\s?$/;
const CONFIG = 'display current-configuration';
const VERSION = 'display version';
const MANUINFO = 'display device manuinfo';

/** The sysname as the closing prompt shows it, for configs that do not set one. */
function promptName(raw: string | undefined): string | undefined {
  const lines = normalizeTerminalText(raw ?? '').trimEnd().split('\n');
  return capture(lines.at(-1) ?? '', /^[<[]([^>\]]+)[>\]]/);
}

function facts(version: string, manuinfo: string, config: string, rawConfig: string | undefined): Facts {
  return {
    hostname: capture(config, /^\s*sysname (\S+)/m) ?? promptName(rawConfig),
    model: capture(version, /^BOARD TYPE:\s*(.+)$/m) ?? capture(version, /^(.+?) uptime is /m),
    os_version: capture(version, /Comware (?:Platform )?Software,? Version (.+)$/m),
    serial: capture(manuinfo, /^DEVICE_SERIAL_NUMBER\s*:\s*(\S+)/m),
  };
}

export const hpComware: Driver = {
  id: 'hp_comware',
  aliases: ['comware', 'h3c'],
  description: 'HPE / H3C Comware switches and routers',
  session: {
    mode: 'shell',
    prompt: PROMPT,
    setup: ['screen-length disable'],
    responders: [{ pattern: /---- More ----\s*$/, answer: ' ' }],
    exit: 'quit',
  },
  commands: [VERSION, MANUINFO, CONFIG],
  parse(outputs) {
    // In a shell every output closes with the prompt: a capture without one was cut off.
    for (const command of [VERSION, MANUINFO]) requirePromptClosed(outputs[command], command, PROMPT, true);
    requirePromptClosed(outputs[CONFIG], CONFIG, PROMPT);
    const config = tidy(commandBody(outputs[CONFIG], CONFIG, PROMPT));
    if (/^ version \d/m.test(config) && config.trimEnd().split('\n').at(-1) !== 'return') {
      throw new PullError('incomplete-output', `${CONFIG}: output does not end with "return" (truncated?)`);
    }
    const version = commandBody(outputs[VERSION], VERSION, PROMPT);
    const manuinfo = commandBody(outputs[MANUINFO], MANUINFO, PROMPT);
    return { config, facts: facts(version, manuinfo, config, outputs[CONFIG]) };
  },
  maskSecrets: secretMasker((config) => applyMasks(config, COMWARE_MASKS)),
  // Comware prints no timestamps or counters in its configuration.
  volatile: [],
  ignore: [],
  drift: COMWARE_DRIFT,
};
