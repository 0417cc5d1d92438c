/**
 * Hostile device output. One device prints 40 MB (too-large; the others are stored and alerted as
 * usual), one puts NUL bytes in a line, one U+2028 / NEL / bidi overrides (a forged "+" diff line),
 * one terminal escapes and BEL. The store stays text (no "Binary files differ"), every alert diff
 * line is one line with a diff marker, and no CLI output or log carries a raw control, escape or
 * bidi character.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FaultCase } from '../lib/case.js';
import { markersAlerted } from '../lib/checks.js';
import { FaultFleet } from '../lib/fleet.js';
import { runCli } from '../lib/proc.js';
import { startReceiver } from '../lib/receiver.js';

const FORGED = 'username forged privilege 15';
const HOSTILE_LINES: Record<string, string[]> = {
  r2: [' description nul\u0000inside\u0000'],
  r3: [` description sep\u2028+${FORGED}`, ' description nel\u0085-line vty 0 4', ' description \u202Edesrever\u202C and \u2066isolate\u2069'],
  r4: [' description \u001b[31mred\u001b[0m \u0007bell \u001b]0;pwned\u0007 \u001b[2J'],
};
// C0 controls but tab/newline, DEL, bidi embeddings/overrides/isolates. U+2028/U+2029 are allowed in
// CLI output (`show` prints the stored text; terminals do not break lines on them). C1 controls
// (U+0080-U+009F, NEL among them) are counted, not failed: `show` and `diff` print them as stored
// (issue 11 asks NEL to be an ordinary character); see docs/faults.md, findings.
// eslint-disable-next-line no-control-regex
const RAW_UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;
const RAW_C1 = /[\u0080-\u009f]/;

function bigConfig(bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const s = `interface GigabitEthernet1/0/${i}\n description flood ${'x'.repeat(60)}\n!\n`;
    parts.push(s);
    size += s.length;
  }
  return `Building configuration...\n\n${parts.join('')}end\n`;
}

export const hostileOutput: FaultCase = {
  name: 'hostile-output',
  runs: 2,
  describe: '40 MB config, NUL, U+2028/NEL/bidi, terminal escapes; one normal change beside them',
  async run(ctx) {
    const hook = await startReceiver();
    const fleet = await FaultFleet.start({ devices: 5, alerts: [{ type: 'webhook', name: 'hook', url: hook.url }] });
    try {
      const first = await runCli(['pull'], fleet.dir);
      if (first.code !== 0) return ctx.violation(`first pull exit ${first.code}`);
      const [big, , , , normal] = fleet.sims;
      const command = big!.configCommand();
      big!.setAnswer(command, bigConfig(40 * 1024 * 1024));
      for (const sim of fleet.sims) if (HOSTILE_LINES[sim.name]) sim.addConfigLines(HOSTILE_LINES[sim.name]!, { after: /^interface / });
      for (let i = 0; i < ctx.runs; i++) {
        const tag = `run ${i + 1}`;
        const markers = new Map([[fleet.inject(normal!, 'hostile'), normal!.name]]);
        const r = await runCli(['pull'], fleet.dir, {}, 300_000);
        const bigLine = r.stdout.split('\n').find((l) => l.startsWith(big!.name + ' '));
        if (!bigLine || !/FAILED too-large/.test(bigLine)) ctx.violation(`${tag}: 40 MB device not failed as too-large: ${bigLine ?? r.stdout.slice(0, 300)}`);
        for (const sim of fleet.sims.slice(1)) {
          const line = r.stdout.split('\n').find((l) => l.startsWith(sim.name + ' '));
          if (!line || /FAILED|NOT STORED/.test(line)) ctx.violation(`${tag}: ${sim.name} affected: ${line ?? 'no result line'}`);
        }
        if (r.code !== 1 && r.code !== 3) ctx.violation(`${tag}: pull exit ${r.code}`);
        if (RAW_UNSAFE.test(r.stdout + r.stderr)) ctx.violation(`${tag}: raw control/bidi character in pull output or log`);
        for (const p of markersAlerted(hook.alerts, markers)) ctx.violation(`${tag}: ${p}`);
      }
      // The store stays text.
      for (const sim of fleet.sims.slice(1, 4)) {
        const path = fleet.stateDevices().find((d) => d.name === sim.name)!.path;
        const text = readFileSync(join(fleet.store, path), 'utf8');
        if (text.includes('\u0000')) ctx.violation(`${sim.name}: NUL byte stored`);
        const numstat = fleet.git('log', '--numstat', '--format=', '--', path);
        if (/^-\t-\t/m.test(numstat)) ctx.violation(`${sim.name}: git treats the stored config as binary`);
      }
      // Alerts: every diff line carries a marker; a separator inside a line never makes a forged "+" line.
      for (const a of hook.alerts.filter((a) => a.diff)) {
        for (const line of a.diff!.split('\n')) {
          if (line && !/^([ +\-@\\]|diff |index |--- |\+\+\+ )/.test(line)) ctx.violation(`${a.device}: alert diff line without a marker: ${JSON.stringify(line.slice(0, 80))}`);
          if (line.startsWith('+' + FORGED)) ctx.violation(`${a.device}: forged diff line in the alert`);
        }
      }
      const alerted = new Set(hook.alerts.filter((a) => a.kind.startsWith('drift-')).map((a) => a.device));
      for (const name of Object.keys(HOSTILE_LINES)) if (!alerted.has(name)) ctx.violation(`${name}: hostile change not alerted`);
      // The CLI never echoes raw controls or bidi.
      let commands = 0;
      const c1Outputs: string[] = [];
      for (const name of Object.keys(HOSTILE_LINES)) {
        for (const args of [['show', name], ['diff', name], ['log', name], ['status'], ['status', '--json'], ['drift'], ['outbox']]) {
          const out = await runCli(args, fleet.dir);
          commands++;
          if (RAW_C1.test(out.stdout)) c1Outputs.push(args[0]!);
          if (RAW_UNSAFE.test(out.stdout + out.stderr)) {
            const chars = [...new Set((out.stdout + out.stderr).match(new RegExp(RAW_UNSAFE.source, 'g')))];
            ctx.violation(`driftwatch ${args.join(' ')}: raw ${chars.map((c) => 'U+' + c.charCodeAt(0).toString(16).padStart(4, '0')).join(' ')} in output`);
          }
        }
      }
      ctx.figure('cli_outputs_checked', commands);
      ctx.figure('raw_c1_in', [...new Set(c1Outputs)].join('+') || 'none');
      ctx.figure('alerts', hook.alerts.length);
    } finally {
      await fleet.close();
      await hook.close();
    }
  },
};
