/**
 * HP / Aruba ProCurve (ArubaOS-Switch: 2530, 2930F, 3810, 5400R...). The CLI paints the screen
 * with VT100 sequences; NEL (`ESC E`) and the scroll-region dance before a new line stand for
 * line breaks, as in Oxidized's model. The config has no closing marker: it counts as complete
 * when it carries its `Running configuration:` header and the capture ends at the prompt.
 */
import { PullError } from '../../core/errors.js';
import { requirePromptClosed } from '../common/prompt-closed.js';
import { applyMasks, capture, commandBody, dropLines, tidy } from '../common/text.js';
import type { Driver, Facts } from '../types.js';
import { PROCURVE_DRIFT } from './drift.js';
import { PROCURVE_MASKS } from './masks.js';
import { secretMasker } from '../common/secret-masker.js';

// Default hostnames hold spaces: "ProCurve Switch 2810-24G#", "HP-2530-24G(config)#".
const PROMPT = /^\w[\w .()\/-]*[#>] ?$/;
const CONFIG = 'show running-config';
const SYSTEM = 'show system-information';

const LINE_BREAKS = /\x1b\[1M\x1b\[\??\d+(?:;\d+)*[A-Za-z]\x1b\[1L|\x1bE/g;

/** Output as a terminal shows it, with ProCurve's escape-coded line breaks turned into newlines. */
function body(raw: string | undefined, command: string): string {
  return commandBody(raw?.replace(LINE_BREAKS, '\n'), command, PROMPT);
}

/** The banner of `show running-config`, not configuration. */
const VOLATILE = [/^Running configuration:$/];

function facts(system: string, config: string): Facts {
  return {
    hostname: capture(config, /^hostname "?([^"\n]+)"?$/m) ?? capture(system, /^\s*System Name\s*:\s*(.+)$/m),
    // "; J9776A Configuration Editor; Created on release #YA.16.10.0009"
    model: capture(config, /^; (\S+) Configuration Editor;/m),
    os_version: capture(system, /^\s*Software revision\s*:\s*(\S+)/m) ?? capture(config, /Created on release #(\S+)/),
    serial: capture(system, /^\s*Serial Number\s*:\s*(\S+)/m),
  };
}

export const hpProcurve: Driver = {
  id: 'hp_procurve',
  aliases: ['procurve', 'aruba_procurve'],
  description: 'HP / Aruba ProCurve (ArubaOS-Switch) switches',
  session: {
    mode: 'shell',
    prompt: PROMPT,
    setup: ['no page'],
    responders: [
      { pattern: /Press any key to continue/, answer: ' ' },
      { pattern: /-- MORE --/, answer: ' ' },
    ],
    enable: { unprivilegedPrompt: /^\w[\w .()\/-]*> ?$/, command: 'enable', passwordPrompt: /^Password:\s?$/ },
    // logout asks "Do you want to log out [y/n]?" and, with unsaved changes, whether to save.
    exit: 'logout\ny\nn',
  },
  commands: [SYSTEM, CONFIG],
  parse(outputs) {
    // In a shell every output closes with the prompt: a capture without one was cut off.
    requirePromptClosed(outputs[SYSTEM]?.replace(LINE_BREAKS, '\n'), SYSTEM, PROMPT, true);
    requirePromptClosed(outputs[CONFIG]?.replace(LINE_BREAKS, '\n'), CONFIG, PROMPT);
    const text = body(outputs[CONFIG], CONFIG);
    if (!/^Running configuration:$/m.test(text)) {
      throw new PullError('incomplete-output', `${CONFIG}: no "Running configuration:" header (not a config?)`);
    }
    const config = tidy(dropLines(text, VOLATILE));
    return { config, facts: facts(body(outputs[SYSTEM], SYSTEM), config) };
  },
  maskSecrets: secretMasker((config) => applyMasks(config, PROCURVE_MASKS)),
  volatile: VOLATILE,
  ignore: [],
  drift: PROCURVE_DRIFT,
};
