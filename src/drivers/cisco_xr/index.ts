/**
 * Cisco IOS-XR. Every show command starts with a timestamp line, the config with `Building
 * configuration...` and `!! Last configuration change at ...`: all dropped. The config closes
 * with `end`.
 */
import { PullError } from '../../core/errors.js';
import { chassisEntry } from '../common/cisco-inventory.js';
import { applyMasks, capture, commandBody, dropLines, tidy } from '../common/text.js';
import type { Driver, Facts } from '../types.js';
import { XR_DRIFT } from './drift.js';
import { XR_MASKS } from './masks.js';
import { secretMasker } from '../common/secret-masker.js';
import { xrAttribution } from './attribution.js';

// RP/0/RSP0/CPU0:pe1#, RP/0/RP0/CPU0:pe1(config)#
const PROMPT = /^[\w.@\/:-]+(?:\([\w.\/:-]+\))?#\s?$/;
const CONFIG = 'show running-config';
const VERSION = 'show version';
const INVENTORY = 'show inventory';

/** `Mon Dec  1 14:37:06.789 UTC`: XR's per-command timestamp. */
const TIMESTAMP = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d+ \d\d:\d\d:\d\d(\.\d+)? \S+$/;

const VOLATILE = [TIMESTAMP, /^Building configuration\.\.\.$/, /^!! Last configuration change at /];

function facts(version: string, inventory: string, config: string): Facts {
  const chassis = chassisEntry(inventory);
  return {
    hostname: capture(config, /^hostname (\S+)/m),
    model: chassis?.pid ?? capture(version, /^cisco (\S+) .*processor/im),
    os_version: capture(version, /^Cisco IOS XR Software, Version (\S+)/m),
    serial: chassis?.serial,
  };
}

export const ciscoXr: Driver = {
  id: 'cisco_xr',
  aliases: ['iosxr', 'xr', 'cisco_iosxr'],
  description: 'Cisco IOS-XR routers',
  session: {
    mode: 'shell',
    prompt: PROMPT,
    setup: ['terminal length 0', 'terminal width 0'],
    responders: [{ pattern: /--More--\s*$/, answer: ' ' }],
    exit: 'exit',
  },
  commands: [VERSION, INVENTORY, CONFIG],
  parse(outputs) {
    const body = commandBody(outputs[CONFIG], CONFIG, PROMPT);
    const config = tidy(dropLines(body, VOLATILE));
    if (config.trimEnd().split('\n').at(-1) !== 'end') {
      throw new PullError('incomplete-output', `${CONFIG}: output does not end with "end" (truncated?)`);
    }
    const version = commandBody(outputs[VERSION], VERSION, PROMPT);
    const inventory = commandBody(outputs[INVENTORY], INVENTORY, PROMPT);
    return { config, facts: facts(version, inventory, config) };
  },
  maskSecrets: secretMasker((config) => applyMasks(config, XR_MASKS)),
  volatile: VOLATILE,
  ignore: [],
  drift: XR_DRIFT,
  attribution: xrAttribution,
};
