import type { Command } from 'commander';
import { deliverDue } from '../../app/deliver.js';
import { integrityExitCode, runIntegrity, type IntegrityOutcome } from '../../app/use-cases/integrity.js';
import { CliExit, loadConfigOrExit, selectDevices, withApp } from '../context.js';
import { stdoutPaint, type Paint } from '../format/colour.js';
import { safeLine } from '../format/sanitize.js';

/** One line per device; the image name comes from the device (hostile), the hashes are hex by then. */
function line(o: IntegrityOutcome, p: Paint): string {
  const name = safeLine(o.device).padEnd(24);
  switch (o.status) {
    case 'match':
      return `${name} ${p.green('match')}          ${safeLine(o.image)}`;
    case 'mismatch':
      return `${name} ${p.red('MISMATCH')}       ${safeLine(o.image)}: expected ${o.expected.slice(0, 16)}… got ${o.got.slice(0, 16)}…`;
    case 'unknown-image':
      return `${name} ${p.red('UNKNOWN IMAGE')}  ${safeLine(o.image)} is not in the known-good table`;
    case 'no-hash':
      return `${name} ${p.yellow('no hash')}        ${safeLine(o.image)}: the device's answer held no hash`;
    case 'error':
      return `${name} ${p.red('FAILED')}         ${safeLine(o.error)}`;
    default:
      return `${name} ${p.dim('skipped')}        ${safeLine(o.reason)}`;
  }
}

export function registerIntegrity(program: Command): void {
  program
    .command('integrity')
    .argument('[device...]')
    .option('--json', 'one JSON object per device per line')
    .description("hash each device's running image (platform hash command) and compare it with integrity.known_good; alerts on a changed verdict")
    .addHelpText(
      'after',
      '\nThe daemon runs this on integrity.schedule, never on every pull. Exit 3 on a mismatch or unknown image, 1 when a check could not be made, else 0.',
    )
    .action(async (names: string[], opts: { json?: boolean }) => {
      const cfg = loadConfigOrExit(program.opts().config);
      const devices = selectDevices(cfg, names);
      const code = await withApp(cfg, async (app) => {
        const report = await runIntegrity(app, devices);
        if (report.alerts.length) await deliverDue(app);
        if (opts.json) for (const o of report.outcomes) process.stdout.write(JSON.stringify(o) + '\n');
        else {
          const paint = stdoutPaint();
          const checked = report.outcomes.filter((o) => o.status !== 'skipped').length;
          process.stdout.write([...report.outcomes.map((o) => line(o, paint)), `${checked} of ${report.outcomes.length} devices checked, ${report.alerts.length} alert(s) queued`].join('\n') + '\n');
        }
        return integrityExitCode(report.outcomes);
      });
      if (code) throw new CliExit(code);
    });
}
