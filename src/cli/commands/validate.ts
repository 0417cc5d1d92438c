import type { Command } from 'commander';
import { loadConfigOrExit } from '../context.js';

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check the config file and list every problem (file:line, device); exit 2 when invalid')
    .action(() => {
      const cfg = loadConfigOrExit(program.opts().config);
      process.stdout.write(`${cfg.file}: ok (${cfg.devices.length} devices, ${cfg.alerts.length} alert channels)\n`);
    });
}
