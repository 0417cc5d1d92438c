/**
 * Cisco NX-OS (Nexus). Runs `show version`, `show inventory all` (older releases refuse `all`,
 * so plain `show inventory` too) and `show running-config` in a shell. NX-OS prints no closing
 * marker after the config: it counts as complete when it carries its `!Command:` header and the
 * capture ends at the prompt.
 */
import { PullError } from '../../core/errors.js';
import { chassisEntry } from '../common/cisco-inventory.js';
import { requirePromptClosed } from '../common/prompt-closed.js';
import { applyMasks, capture, commandBody, dropLines, tidy } from '../common/text.js';
import type { Driver, Facts } from '../types.js';
import { NXOS_DRIFT } from './drift.js';
import { NXOS_MASKS } from './masks.js';
import { secretMasker } from '../common/secret-masker.js';
import { nxosAttribution } from './attribution.js';

const PROMPT = /^[\w.@()\/:-]+#\s?$/;
const CONFIG = 'show running-config';
const VERSION = 'show version';
const INVENTORY_ALL = 'show inventory all';
const INVENTORY = 'show inventory';

/** Header lines that change on every pull or on any config session, even an idempotent one. */
const VOLATILE = [/^!Time: /, /^!Running configuration last done at: /];

function facts(version: string, inventory: string, config: string): Facts {
  const chassis = chassisEntry(inventory);
  return {
    hostname: capture(config, /^hostname (\S+)/m) ?? capture(version, /^\s*Device name:\s*(\S+)/m),
    model: chassis?.pid ?? capture(version, /^\s*cisco (?:Nexus\S* )?(\S+) [Cc]hassis/m),
    os_version: capture(version, /^\s*NXOS: version (\S+)/m) ?? capture(version, /^\s*system:\s+version (\S+)/m),
    serial: chassis?.serial ?? capture(version, /^\s*Processor Board ID (\S+)/m),
    image: capture(version, /^\s*NXOS image file is:\s*(\S+)/m) ?? capture(version, /^\s*system image file is:\s*(\S+)/m),
  };
}

export const ciscoNxos: Driver = {
  id: 'cisco_nxos',
  aliases: ['nxos'],
  description: 'Cisco NX-OS (Nexus) switches',
  session: {
    mode: 'shell',
    prompt: PROMPT,
    setup: ['terminal length 0'],
    responders: [{ pattern: /--More--\s*$/, answer: ' ' }],
    exit: 'exit',
  },
  commands: [VERSION, INVENTORY_ALL, INVENTORY, CONFIG],
  parse(outputs) {
    // In a shell every output closes with the prompt: a capture without one was cut off. The
    // fact commands may be absent (refused or not run); the config may not.
    for (const command of [VERSION, INVENTORY_ALL, INVENTORY]) requirePromptClosed(outputs[command], command, PROMPT, true);
    requirePromptClosed(outputs[CONFIG], CONFIG, PROMPT);
    const body = commandBody(outputs[CONFIG], CONFIG, PROMPT);
    if (!/^!Command: show running-config/m.test(body)) {
      throw new PullError('incomplete-output', `${CONFIG}: no "!Command: show running-config" header (not a config?)`);
    }
    const config = tidy(dropLines(body, VOLATILE));
    const version = commandBody(outputs[VERSION], VERSION, PROMPT);
    // Whichever inventory command the release accepted; the refused one holds only an error.
    const inventory = [INVENTORY_ALL, INVENTORY].map((c) => commandBody(outputs[c], c, PROMPT)).join('\n\n');
    return { config, facts: facts(version, inventory, config) };
  },
  maskSecrets: secretMasker((config) => applyMasks(config, NXOS_MASKS)),
  volatile: VOLATILE,
  ignore: [],
  drift: NXOS_DRIFT,
  attribution: nxosAttribution,
};
