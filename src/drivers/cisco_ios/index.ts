/**
 * Cisco IOS and IOS-XE. Runs `show version` (facts) and `show running-config` in an
 * interactive shell, keeps the config from its first real line to the closing `end`.
 */
import { PullError } from '../../core/errors.js';
import { CISCO_MASKS, CISCO_MASK_KEYWORDS } from '../common/cisco-masks.js';
import { applyLineMasks, capture, commandBody, configBody } from '../common/text.js';
import type { ChangeAttribution, Driver, Facts } from '../types.js';
import { IOS_DRIFT } from './drift.js';
import { secretMasker } from '../common/secret-masker.js';
import { iosAttribution } from './attribution.js';

const PROMPT = /^([\w.@()\/:-]+[#>])\s?$/;
const CONFIG = 'show running-config';
const VERSION = 'show version';

/** Lines that change without anyone touching the config. */
const VOLATILE = [
  /^Building configuration\.\.\.$/,
  /^Current configuration : \d+ bytes$/,
  /^! (Last configuration change|NVRAM config last updated) at /,
  /^! No configuration change since last restart/,
  /^ntp clock-period \d+/,
];

function facts(version: string, config: string): Facts {
  return {
    hostname: capture(config, /^hostname (\S+)/m),
    model:
      capture(version, /^[Cc]isco (\S+) \(.*\) processor/m) ??
      capture(version, /^Model [Nn]umber\s*:\s*(\S+)/m),
    os_version: capture(version, /^Cisco IOS XE Software, Version (\S+)/m) ?? capture(version, /Cisco IOS Software.*, Version ([^,\s]+)/),
    serial:
      capture(version, /^System [Ss]erial [Nn]umber\s*:\s*(\S+)/m) ??
      capture(version, /^Processor board ID (\S+)/m),
    image: capture(version, /^System image file is "([^"]+)"/m),
  };
}

/** `! Last configuration change at 09:37:40 CEST Tue Aug 20 2024 by alice`: when and who (the line itself is volatile). */
function lastChange(raw: string): ChangeAttribution | undefined {
  const m = /^! Last configuration change at (.+?)(?: by (\S+))?\s*$/m.exec(raw.slice(0, 4096).replace(/\r/g, ''));
  if (!m) return undefined;
  return { at: m[1]!.trim(), user: m[2] };
}

export const ciscoIos: Driver = {
  id: 'cisco_ios',
  aliases: ['ios', 'iosxe', 'cisco_xe', 'cisco_iosxe'],
  description: 'Cisco IOS and IOS-XE routers and switches',
  session: {
    mode: 'shell',
    typeAhead: true,
    prompt: PROMPT,
    setup: ['terminal length 0', 'terminal width 0'],
    responders: [{ pattern: /\s?--More--\s?$/, answer: ' ' }],
    enable: { unprivilegedPrompt: /^[\w.@()\/:-]+>\s?$/, command: 'enable', passwordPrompt: /^Password:\s?$/ },
    exit: 'exit',
  },
  commands: [VERSION, CONFIG],
  factsCommands: [VERSION],
  parse(outputs) {
    const config = configBody(outputs[CONFIG], CONFIG, PROMPT, VOLATILE);
    const lines = config.trimEnd().split('\n');
    if (lines[lines.length - 1] !== 'end') {
      throw new PullError('incomplete-output', `${CONFIG}: output does not end with "end" (truncated?)`);
    }
    const version = commandBody(outputs[VERSION], VERSION, PROMPT);
    return { config, facts: facts(version, config), changedBy: lastChange(outputs[CONFIG] ?? '') };
  },
  maskSecrets: secretMasker((config) => applyLineMasks(config, CISCO_MASKS, CISCO_MASK_KEYWORDS)),
  volatile: VOLATILE,
  ignore: [],
  drift: IOS_DRIFT,
  attribution: iosAttribution,
};
