/**
 * Arista EOS. Pipes do the paging (`| no-more`) and drop the per-pull `! Time:` comment, as
 * Oxidized does; the config closes with `end`. The `! device:` comment at the top gives the
 * model and EOS version, `show inventory` the serial number.
 */
import { PullError } from '../../core/errors.js';
import { applyMasks, capture, commandBody, dropLines, tidy } from '../common/text.js';
import type { Driver, Facts } from '../types.js';
import { EOS_DRIFT } from './drift.js';
import { EOS_MASKS } from './masks.js';
import { secretMasker } from '../common/secret-masker.js';
import { eosAttribution } from './attribution.js';

const PROMPT = /^[\w.@()\/:-]+[#>]\s?$/;
const CONFIG = 'show running-config | no-more | exclude ! Time:';
const INVENTORY = 'show inventory | no-more';

/** Kept out even if the `exclude` pipe was not honoured. */
const VOLATILE = [/^! Time: /];

/**
 * A value from an EOS table: the column of `header` in the row after the dashed ruler, e.g.
 * "Serial Number" in `HW Version  Serial Number  Mfg Date / ---  ---  --- / 11.03  SSJ0  2021-05-14`.
 */
export function tableValue(text: string, header: string): string | undefined {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.includes(header));
  const ruler = lines[at + 1];
  const row = lines[at + 2];
  if (at < 0 || !ruler || !row || !/^[\s-]+$/.test(ruler)) return undefined;
  const start = lines[at]!.indexOf(header);
  for (const m of ruler.matchAll(/-+/g)) {
    const end = m.index + m[0].length;
    if (m.index <= start && start < end) return row.slice(m.index, end).trim() || undefined;
  }
  return undefined;
}

function facts(inventory: string, config: string): Facts {
  const device = /^! device: \S+ \(([^,]+), EOS-([^)\s]+)\)/m.exec(config);
  return {
    hostname: capture(config, /^hostname (\S+)/m),
    model: device?.[1] ?? tableValue(inventory, 'Model'),
    os_version: device?.[2],
    serial: tableValue(inventory, 'Serial Number'),
  };
}

export const aristaEos: Driver = {
  id: 'arista_eos',
  aliases: ['eos'],
  description: 'Arista EOS switches',
  session: {
    mode: 'shell',
    prompt: PROMPT,
    // The commands page themselves off; these only help where a pipe is not honoured.
    setup: ['terminal length 0', 'terminal width 32767'],
    responders: [{ pattern: /--More--\s*$/, answer: ' ' }],
    enable: { unprivilegedPrompt: /^[\w.@()\/:-]+>\s?$/, command: 'enable', passwordPrompt: /^Password:\s?$/ },
    exit: 'exit',
  },
  commands: [INVENTORY, CONFIG],
  parse(outputs) {
    const body = commandBody(outputs[CONFIG], CONFIG, PROMPT);
    const config = tidy(dropLines(body, VOLATILE));
    if (config.trimEnd().split('\n').at(-1) !== 'end') {
      throw new PullError('incomplete-output', `${CONFIG}: output does not end with "end" (truncated?)`);
    }
    const inventory = commandBody(outputs[INVENTORY], INVENTORY, PROMPT);
    return { config, facts: facts(inventory, config) };
  },
  maskSecrets: secretMasker((config) => applyMasks(config, EOS_MASKS)),
  volatile: VOLATILE,
  ignore: [],
  drift: EOS_DRIFT,
  attribution: eosAttribution,
};
