/**
 * Cisco ASA. Like Oxidized, reads `more system:running-config` rather than `show running-config`:
 * it shows keys and passwords in clear where `show` prints `*****`, so their changes are seen
 * (they are masked before storing). The saved-config comment lines (`: Saved`, `: Written by`...)
 * are dropped; `: end` closes a complete config.
 *
 * Multiple-context mode: list the context config URLs of a device in its inventory `files`
 * (e.g. `disk0:/ctx1.cfg`). The pull then runs `changeto system`, stores the system config and
 * appends each context's saved config (`more <url>`), as Oxidized does.
 */
import { PullError } from '../../core/errors.js';
import { chassisEntry } from '../common/cisco-inventory.js';
import { applyMasks, capture, commandBody, dropLines, tidy } from '../common/text.js';
import type { Driver, Facts } from '../types.js';
import { ASA_DRIFT } from './drift.js';
import { ASA_MASKS } from './masks.js';
import { secretMasker } from '../common/secret-masker.js';

// Multiple-context prompts carry the context: `fw/admin#`, `fw/ctx1(config)#`.
const PROMPT = /^\r*[\w.@()\/:-]+[#>]\s?$/;
const CONFIG = 'more system:running-config';
const VERSION = 'show version';
const INVENTORY = 'show inventory';
const SINGLE_CONTEXT = [VERSION, INVENTORY, CONFIG];
/** `changeto` applies the target context's own pager setting, hence the second `terminal pager 0`. */
const SYSTEM_CONTEXT = ['changeto system', 'terminal pager 0', ...SINGLE_CONTEXT];
const CONTEXT_FILE = /^more (?!system:)(\S+)$/;

/** Saved-config comments: `: Saved`, `: Serial Number`, `: Hardware`, `: Written by <user> at <time>`, `: end`. */
const VOLATILE = [/^:(?: .*)?$/];

/** One ASA config (running or a context's saved file) cleaned, refused without its `: end`. */
function asaConfig(raw: string | undefined, command: string): string {
  const body = commandBody(raw, command, PROMPT);
  if (body.trimEnd().split('\n').at(-1)?.trim() !== ': end') {
    throw new PullError('incomplete-output', `${command}: output does not end with ": end" (truncated?)`);
  }
  return tidy(dropLines(body, VOLATILE));
}

function facts(version: string, inventory: string, config: string): Facts {
  const chassis = chassisEntry(inventory);
  return {
    hostname: capture(config, /^hostname (\S+)/m),
    model: capture(version, /^Hardware:\s+([^,\s]+)/m) ?? chassis?.pid,
    os_version: capture(version, /^Cisco Adaptive Security Appliance Software Version (\S+)/m),
    serial: capture(version, /^Serial Number:\s*(\S+)/m) ?? chassis?.serial,
    image: capture(version, /^System image file is "([^"]+)"/m),
  };
}

export const ciscoAsa: Driver = {
  id: 'cisco_asa',
  aliases: ['asa'],
  description: 'Cisco ASA firewalls (single context, or system plus listed contexts)',
  session: {
    mode: 'shell',
    prompt: PROMPT,
    setup: ['terminal pager 0'],
    responders: [{ pattern: /<--- More --->\s*$/, answer: ' ' }],
    enable: { unprivilegedPrompt: /^\r*[\w.@()\/:-]+>\s?$/, command: 'enable', passwordPrompt: /^Password:\s?$/ },
    exit: 'exit',
  },
  commands: SINGLE_CONTEXT,
  commandsFor: (device) => (device.files?.length ? [...SYSTEM_CONTEXT, ...device.files.map((url) => `more ${url}`)] : SINGLE_CONTEXT),
  parse(outputs) {
    let config = asaConfig(outputs[CONFIG], CONFIG);
    for (const [command, raw] of Object.entries(outputs)) {
      const url = CONTEXT_FILE.exec(command)?.[1];
      if (url) config += `! context config ${url}\n` + asaConfig(raw, command);
    }
    const version = commandBody(outputs[VERSION], VERSION, PROMPT);
    const inventory = commandBody(outputs[INVENTORY], INVENTORY, PROMPT);
    return { config, facts: facts(version, inventory, config) };
  },
  maskSecrets: secretMasker((config) => applyMasks(config, ASA_MASKS)),
  volatile: VOLATILE,
  // A checksum of the rest of the config: its change alone says nothing.
  ignore: [/^Cryptochecksum:/],
  drift: ASA_DRIFT,
};
