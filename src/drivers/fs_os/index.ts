/**
 * FS.com (Fiberstore) switches running FSOS, an IOS-like CLI. The config has no closing `end`:
 * it counts as complete when it carries its `Current configuration:` header and the capture ends
 * at the prompt.
 */
import { IOS_DRIFT } from '../cisco_ios/drift.js';
import { PullError } from '../../core/errors.js';
import { requirePromptClosed } from '../common/prompt-closed.js';
import { applyMasks, capture, commandBody, dropLines, tidy } from '../common/text.js';
import type { Driver, Facts } from '../types.js';
import { FSOS_MASKS } from './masks.js';
import { secretMasker } from '../common/secret-masker.js';

const PROMPT = /^[\w.@()\/:-]+[#>]\s?$/;
const CONFIG = 'show running-config';
const VERSION = 'show version';

// The prompt is listed because Oxidized's FSOS output keeps the closing prompt line; it is not config.
const VOLATILE = [/^Building configuration\.\.\.$/, PROMPT];

function facts(version: string, config: string): Facts {
  // "S3400-48T4SP Software, Version 2.0.2J Build 120538, RELEASE SOFTWARE"
  const software = /^(\S+) Software, Version ([^,]+)/m.exec(version);
  return {
    hostname: capture(config, /^hostname (\S+)/m),
    model: software?.[1],
    os_version: software?.[2]?.trim(),
    serial: capture(version, /^Serial num:\s*([^,\s]+)/m),
    image: capture(version, /^System image file is "([^"]+)"/m),
  };
}

export const fsOs: Driver = {
  id: 'fs_os',
  aliases: ['fsos'],
  description: 'FS.com (Fiberstore) switches running FSOS',
  session: {
    mode: 'shell',
    prompt: PROMPT,
    setup: ['terminal length 0', 'terminal width 0'],
    responders: [{ pattern: /--More--\s*$/, answer: ' ' }],
    enable: { unprivilegedPrompt: /^[\w.@()\/:-]+>\s?$/, command: 'enable', passwordPrompt: /^Password:\s?$/ },
    exit: 'exit',
  },
  commands: [VERSION, CONFIG],
  parse(outputs) {
    // In a shell every output closes with the prompt: a capture without one was cut off.
    requirePromptClosed(outputs[VERSION], VERSION, PROMPT, true);
    requirePromptClosed(outputs[CONFIG], CONFIG, PROMPT);
    const body = commandBody(outputs[CONFIG], CONFIG, PROMPT);
    if (!/^Current configuration:/m.test(body)) {
      throw new PullError('incomplete-output', `${CONFIG}: no "Current configuration:" header (not a config?)`);
    }
    const config = tidy(dropLines(body, VOLATILE));
    const version = commandBody(outputs[VERSION], VERSION, PROMPT);
    return { config, facts: facts(version, config) };
  },
  maskSecrets: secretMasker((config) => applyMasks(config, FSOS_MASKS)),
  volatile: VOLATILE,
  ignore: [],
  // Same section and security syntax as IOS.
  drift: IOS_DRIFT,
};
