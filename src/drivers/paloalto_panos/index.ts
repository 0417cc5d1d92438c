/**
 * Palo Alto Networks PAN-OS firewalls in an interactive shell, as Oxidized does it:
 * `set cli pager off`, then `show system info` for facts and `show config running`, the
 * running config in PAN-OS's brace format (readable diffs, unlike XML). Completeness: the
 * config opens with `config {` and every brace and quote is closed again.
 */
import { PullError } from '../../core/errors.js';
import { requireBalancedBraces } from '../common/braces.js';
import { endsWithPrompt } from '../common/prompt-closed.js';
import { capture, commandBody, tidy } from '../common/text.js';
import type { Driver, Facts } from '../types.js';
import { PANOS_DRIFT } from './drift.js';
import { maskPanos } from './masks.js';
import { secretMasker } from '../common/secret-masker.js';
import { panosAttribution } from './attribution.js';

const INFO = 'show system info';
const CONFIG = 'show config running';

// `admin@fw1> ` (operational), `admin@fw1# ` (configure), HA `admin@fw1(active)> `.
const PROMPT = /^[\w.+-]+@[\w.-]+(?:\([\w-]+\))?[>#] ?$/;

const VOLATILE: RegExp[] = [];

function facts(info: string, config: string): Facts {
  const field = (name: string) => capture(info, new RegExp(`^${name}:[ \\t]*(\\S.*)$`, 'm'));
  return {
    hostname: field('hostname') ?? capture(config, /^\s*hostname "?([^";]+)"?;/m),
    model: field('model'),
    os_version: field('sw-version'),
    serial: field('serial'),
  };
}

export const paloaltoPanos: Driver = {
  id: 'paloalto_panos',
  aliases: ['panos', 'paloalto', 'pan-os'],
  description: 'Palo Alto Networks PAN-OS firewalls',
  session: {
    mode: 'shell',
    prompt: PROMPT,
    setup: ['set cli pager off'],
    exit: 'exit',
  },
  commands: [INFO, CONFIG],
  parse(outputs) {
    const body = commandBody(outputs[CONFIG], CONFIG, PROMPT);
    const first = body.split('\n').find((l) => l.trim()) ?? '';
    if (!/^config \{$/.test(first.trim())) {
      // No config at all: an error message if the prompt came back, else a capture cut short.
      if (!endsWithPrompt(outputs[CONFIG] ?? '', PROMPT)) throw new PullError('incomplete-output', `${CONFIG}: no complete output`);
      throw new PullError('protocol', `${CONFIG}: unexpected output: ${JSON.stringify(first.slice(0, 60))}`);
    }
    requireBalancedBraces(body, CONFIG);
    const config = tidy(body);
    return { config, facts: facts(commandBody(outputs[INFO], INFO, PROMPT), config) };
  },
  maskSecrets: secretMasker(maskPanos),
  volatile: VOLATILE,
  ignore: [],
  drift: PANOS_DRIFT,
  attribution: panosAttribution,
};
