/**
 * Fortinet FortiOS (FortiGate, also FortiManager/FortiAnalyzer CLIs) in an interactive shell.
 * Paging cannot be switched off without changing the config (`config system console`), so
 * `--More--` is answered by a responder and the config is read through `| grep .`, which is
 * never paged. FortiManager is read with plain `show` (so Oxidized's recording of it), hence
 * `show` follows as a fallback; the static command list means a FortiGate answers it too (a
 * second, paged copy that parse ignores). With VDOMs enabled the top-level `show` already
 * prints `config global` and every VDOM.
 */
import { PullError } from '../../core/errors.js';
import { capture, commandBody, dropLines, tidy } from '../common/text.js';
import type { Driver, Facts } from '../types.js';
import { FORTIOS_DRIFT } from './drift.js';
import { maskFortios } from './masks.js';
import { scanFortiStructure } from './structure.js';
import { secretMasker } from '../common/secret-masker.js';
import { fortiAttribution } from './attribution.js';

const STATUS = 'get system status';
const CONFIG = 'show | grep .';
const CONFIG_PLAIN = 'show';

// `FW1 # `, `FW1 (global) # `, `FW1 (port1) # `, HA `fw(Primary) # `, FortiADC `(M) lb-01 $ `.
const PROMPT = /^(?:\([\w.-]+\) )?[\w.~-]+(?:\([\w.-]+\))?(?: \([\w.-]+\))? ?[#$>] ?$/;
const PAGER = /--More--\s*$/;

/** Lines FortiOS rewrites on every save although nothing changed. */
const VOLATILE = [/^#conf_file_ver=/, /^\s*--More--\s*$/];

/**
 * Kept but not drift: the config header (firmware build, last saving user) and the Internet
 * Service Database names that FortiGuard updates create and renumber by themselves. Ignore
 * rules are per line, so an ISDB update that adds a name still shows its `edit "<name>"` line.
 */
const IGNORE = [
  /^#(config-version|buildno|branch_pt)=/,
  /^config firewall internet-service-name$/,
  /^\s*set internet-service-id \d+$/,
];

/** `get system status` lines: FortiGate uses `Key: value`, FortiManager `Key   : value`. */
function statusField(status: string, name: string): string | undefined {
  return capture(status, new RegExp(`^${name}\\s*:[ \\t]*(.+)$`, 'm'));
}

function facts(status: string, config: string): Facts {
  // FortiGate: `Version: FortiGate-91G v7.4.7,build2731,250120 (GA.M)`;
  // FortiManager: `Platform Type : FMG-VM64` and `Version : v7.4.6-build2588 241218 (GA.M)`.
  const version = statusField(status, 'Version') ?? '';
  const release = /v(\d+\.\d+\.\d+)[,-]build(\d+)/.exec(version);
  return {
    hostname: statusField(status, 'Hostname') ?? capture(config, /^\s*set hostname "?([^"\n]+)"?$/m),
    model: statusField(status, 'Platform Type') ?? capture(version, /^(\S+) v\d/),
    os_version: release ? `${release[1]},build${release[2]}` : undefined,
    serial: statusField(status, 'Serial-Number') ?? statusField(status, 'Serial Number'),
  };
}

/** A `show` output that holds a config (not an error such as "command parse error"). */
function looksLikeConfig(body: string): boolean {
  return /^(?:#config-version=|config )/m.test(body);
}

function checkComplete(body: string, command: string): void {
  const s = scanFortiStructure(body);
  const fail = (why: string) => {
    throw new PullError('incomplete-output', `${command}: ${why}`);
  };
  if (s.mismatch) throw new PullError('protocol', `${command}: ${s.mismatch} (garbled output?)`);
  if (s.blocks === 0) fail('no config block in the output');
  if (s.inString) fail('output ends inside a quoted value (truncated?)');
  if (s.open.length) fail(`"${s.open[s.open.length - 1]}" not closed by "end" (truncated?)`);
  // Anything after the last `end` is a block cut in its first line (`end` then `con`).
  if (s.lastLine !== 'end') fail(`output ends with "${s.lastLine ?? ''}" instead of "end" (truncated?)`);
}

export const fortinet: Driver = {
  id: 'fortinet',
  aliases: ['fortios', 'fortigate'],
  description: 'Fortinet FortiGate firewalls (FortiOS, VDOMs) and FortiManager',
  session: {
    mode: 'shell',
    prompt: PROMPT,
    setup: [],
    responders: [
      { pattern: PAGER, answer: ' ' },
      // Post-login disclaimer (`set post-login-banner enable`).
      { pattern: /\(Press 'a' to accept\):?\s*$/, answer: 'a' },
    ],
    exit: 'exit',
  },
  commands: [STATUS, CONFIG, CONFIG_PLAIN],
  parse(outputs) {
    const candidates = [CONFIG, CONFIG_PLAIN].map((command) => ({
      command,
      body: dropLines(commandBody(outputs[command], command, PROMPT), VOLATILE),
    }));
    const chosen = candidates.find((c) => looksLikeConfig(c.body));
    if (!chosen) throw new PullError('incomplete-output', `${CONFIG}: no configuration in the output`);
    checkComplete(chosen.body, chosen.command);
    const config = tidy(chosen.body);
    const status = dropLines(commandBody(outputs[STATUS], STATUS, PROMPT), VOLATILE);
    return { config, facts: facts(status, config) };
  },
  // ENC values are re-encrypted on every show: fingerprints of them would change on every pull.
  maskSecrets: secretMasker(maskFortios, { reEncrypted: /\bENC $/ }),
  volatile: VOLATILE,
  ignore: IGNORE,
  drift: FORTIOS_DRIFT,
  attribution: fortiAttribution,
};
