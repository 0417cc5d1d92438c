import type { Command } from 'commander';
import { snapshotPath } from '../../collect/snapshot-path.js';
import { EXIT } from '../../core/exit-codes.js';
import { compareDevice } from '../../watch/drift-step.js';
import { CliExit, findDevice, loadConfigOrExit, openStores } from '../context.js';

export function registerDiff(program: Command): void {
  program
    .command('diff')
    .argument('<device>')
    .description('show how the current stored config differs from the approved baseline (ignored lines left out)')
    .action(async (name: string) => {
      const cfg = loadConfigOrExit(program.opts().config, true);
      const device = findDevice(cfg, name);
      const { archive, state } = await openStores(cfg);
      try {
        const baseline = state.getBaseline(device.name);
        if (!baseline) throw new CliExit(EXIT.failure, `${name}: no baseline yet (run driftwatch pull ${name} first)`);
        const path = snapshotPath(device);
        const [before, after] = await archive.readMany([{ path, rev: baseline.commit }, { path, rev: 'HEAD' }]);
        const result = compareDevice(cfg, device, path, before ?? '', after ?? '');
        if (!result.drifted) {
          process.stdout.write(`${name}: no drift from baseline ${baseline.commit.slice(0, 12)}\n`);
          return;
        }
        process.stdout.write(`${name}: ${result.severity} drift +${result.added} -${result.removed} from baseline ${baseline.commit.slice(0, 12)}\n${result.diff}`);
      } finally {
        state.close();
      }
    });
}
