/**
 * MikroTik RouterOS 7 over exec channels (one per command, as Oxidized records it): resource
 * and package facts, then `/export show-sensitive` (RouterOS 7 hides secrets from a plain
 * `/export`; they are masked here instead, so a changed secret still shows up as a changed
 * line). RouterOS 6 has no `show-sensitive` and is refused with a clear message.
 */
import { PullError } from '../../core/errors.js';
import { capture, dropLines, normalizeTerminalText, tidy } from '../common/text.js';
import type { Driver, Facts } from '../types.js';
import { ROUTEROS_DRIFT } from './drift.js';
import { exportTruncation, joinContinuations } from './export-structure.js';
import { maskRouteros } from './masks.js';
import { secretMasker } from '../common/secret-masker.js';
import { routerosAttribution } from './attribution.js';

const RESOURCE = '/system resource print';
const PACKAGE = '/system package update print';
const EXPORT = '/export show-sensitive';

// `[admin@MikroTik] > `, `[admin@rtr1] /ip address> `
const PROMPT = /^\[[^\]@\s]+@[^\]]+\] ?(?:\/[\w /-]*)?> ?$/;

/** The export's first line carries the time it was taken. */
const VOLATILE = [/^# (?:\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}|\w{3}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}) by RouterOS /];

function field(text: string, name: string): string | undefined {
  return capture(text, new RegExp(`^\\s*${name}: (.+)$`, 'm'));
}

function facts(resource: string, config: string): Facts {
  return {
    hostname: capture(config, /^\/system identity\nset name="?([^"\n]+)"?$/m),
    model: capture(config, /^# model = (.+)$/m) ?? field(resource, 'board-name'),
    os_version: capture(field(resource, 'version') ?? '', /^(\S+)/),
    serial: capture(config, /^# serial number = (.+)$/m),
  };
}

/**
 * The package channel and installed version, as comment lines above the export: a firmware
 * upgrade is a change worth a commit. `latest-version` and `status` change whenever MikroTik
 * publishes a release, so they are left out.
 */
function packageHeader(pkg: string): string {
  const lines = ['channel', 'installed-version'].flatMap((k) => {
    const v = field(pkg, k);
    return v ? [`# ${k}: ${v}`] : [];
  });
  return lines.length ? lines.join('\n') + '\n' : '';
}

export const mikrotikRouteros: Driver = {
  id: 'mikrotik_routeros',
  aliases: ['routeros', 'mikrotik'],
  description: 'MikroTik RouterOS 7 routers and switches (exec channel)',
  session: {
    mode: 'exec',
    prompt: PROMPT,
    setup: [],
  },
  commands: [RESOURCE, PACKAGE, EXPORT],
  parse(outputs) {
    const raw = normalizeTerminalText(outputs[EXPORT] ?? '');
    if (/expected end of command|bad command name|syntax error/i.test(raw.split('\n').slice(0, 3).join('\n'))) {
      throw new PullError('protocol', `${EXPORT}: refused (RouterOS 6 has no show-sensitive; only RouterOS 7 is supported)`);
    }
    const cut = exportTruncation(raw);
    if (cut) throw new PullError('incomplete-output', `${EXPORT}: ${cut}`);
    const exported = dropLines(joinContinuations(raw), VOLATILE);
    const config = tidy(packageHeader(normalizeTerminalText(outputs[PACKAGE] ?? '')) + exported);
    return { config, facts: facts(normalizeTerminalText(outputs[RESOURCE] ?? ''), config) };
  },
  maskSecrets: secretMasker(maskRouteros),
  volatile: VOLATILE,
  ignore: [],
  drift: ROUTEROS_DRIFT,
  attribution: routerosAttribution,
};
