/**
 * Juniper Junos (MX, EX, SRX, QFX). One exec channel per command, as Oxidized records it:
 * `show version`, `show chassis hardware` for facts, `show configuration | display omit` for
 * the config (`display omit` also shows statements marked `apply-flags omit`). Exec channels
 * have no pager and no prompt, so the output is the bare configuration.
 */
import { PullError } from '../../core/errors.js';
import { requireBalancedBraces } from '../common/braces.js';
import { capture, dropLines, normalizeTerminalText, tidy } from '../common/text.js';
import type { Driver, Facts } from '../types.js';
import { JUNOS_DRIFT } from './drift.js';
import { maskJunos } from './masks.js';
import { secretMasker } from '../common/secret-masker.js';
import { junosAttribution } from './attribution.js';

const VERSION = 'show version';
const HARDWARE = 'show chassis hardware';
const CONFIG = 'show configuration | display omit';

// `user@host> ` (operational), `user@host# ` (configuration), `%` from the FreeBSD shell.
const PROMPT = /^[\w.+-]+@[\w.:()-]+[>#%] ?$/;

/** Nothing the device prints inside the config changes by itself. */
const VOLATILE: RegExp[] = [];

/**
 * `## Last commit: <time> by <user>` changes on every commit, even an empty one; it is kept
 * because it names who committed last, but its change alone is not drift.
 */
const IGNORE = [/^## Last commit: /, /^## Last changed: /];

function facts(version: string, hardware: string, config: string): Facts {
  return {
    hostname: capture(version, /^Hostname: (\S+)/m) ?? capture(config, /^\s*host-name "?([^";\s]+)"?;/m),
    model: capture(version, /^Model: (\S+)/m) ?? capture(hardware, /^Chassis\s+.*\s(\S+)\s*$/m),
    os_version:
      capture(version, /^Junos: (\S+)/m) ??
      capture(version, /^JUNOS .*\[([^\]]+)\]/m) ??
      capture(config, /^version ([^;]+);/m),
    // `Chassis  [version] [part]  <serial>  <description>`: the serial is the second-to-last column.
    serial: capture(hardware, /^Chassis[ \t].*?(\S+)[ \t]+\S+[ \t]*$/m),
  };
}

export const juniperJunos: Driver = {
  id: 'juniper_junos',
  aliases: ['junos', 'juniper'],
  description: 'Juniper Junos routers, switches and SRX firewalls (exec channel)',
  session: {
    mode: 'exec',
    prompt: PROMPT,
    // Exec channels have no pager; nothing to set up.
    setup: [],
  },
  commands: [VERSION, HARDWARE, CONFIG],
  parse(outputs) {
    const body = normalizeTerminalText(outputs[CONFIG] ?? '');
    if (/^\s*(error|syntax error|unknown command)/im.test(body.split('\n').find((l) => l.trim()) ?? '')) {
      throw new PullError('protocol', `${CONFIG}: refused by the device: ${body.trim().split('\n')[0]}`);
    }
    requireBalancedBraces(body, CONFIG, { hashComments: true, blockComments: true });
    const config = tidy(dropLines(body, VOLATILE));
    const version = normalizeTerminalText(outputs[VERSION] ?? '');
    const hardware = normalizeTerminalText(outputs[HARDWARE] ?? '');
    return { config, facts: facts(version, hardware, config) };
  },
  maskSecrets: secretMasker(maskJunos),
  volatile: VOLATILE,
  ignore: IGNORE,
  drift: JUNOS_DRIFT,
  attribution: junosAttribution,
};
