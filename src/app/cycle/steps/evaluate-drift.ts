/**
 * Compare each device's latest stored commit with its baseline and decide its drift lifecycle.
 * Every device is evaluated, not only those this pull changed: a device whose stored config
 * differs from its baseline always gets a decision (this is what makes a crash between the git
 * commit and the state write harmless). Texts are read from git only where the commits differ.
 */
import { compareConfigs } from '../../../drift/compare.js';
import { ignoreRules } from '../../../drift/ignore.js';
import { decideDrift, needsComparison } from '../../../drift/lifecycle.js';
import { getDriver } from '../../../drivers/registry.js';
import type { Config, Device } from '../../../config/schema.js';
import type { DriftResult } from '../../../drift/compare.js';
import type { CycleContext, CycleStep, DeviceRecord } from '../record.js';
import { alignPlaceholders, type FingerprintRules } from '../../../secrets/migration.js';
import { rekeyPlan } from '../../../secrets/rekey.js';
import { secretsRepo } from '../../../state/secrets-repo.js';

/** Compare two versions of a device's stored config with that device's ignore rules and its driver's knowledge. */
export function compareDevice(cfg: Config, device: Device, path: string, baseline: string, current: string, secrets?: FingerprintRules): DriftResult {
  const driver = getDriver(device.platform);
  return compareConfigs(baseline, current, { ignore: ignoreRules(cfg, device, driver), knowledge: driver.drift, path, secrets });
}

export const evaluateDrift: CycleStep = {
  name: 'evaluate-drift',
  async run(records, ctx) {
    const compare: DeviceRecord[] = [];
    for (const r of records) {
      // The latest commit the state knows now, not this pull's: a newer pull of the device (syslog,
      // beside this cycle) may have stored a newer config meanwhile.
      r.current = ctx.state.lastCommit(r.device.name) ?? r.pull.commit ?? undefined;
      const baseline = ctx.state.getBaseline(r.device.name);
      r.baseline = baseline?.commit;
      r.baselineAt = baseline?.approvedAt;
      r.open = ctx.state.getOpenDrift(r.device.name);
      if (needsComparison(r)) compare.push(r);
    }
    const texts = await ctx.archive.readMany(compare.flatMap((r) => [{ path: r.pull.path, rev: r.baseline! }, { path: r.pull.path, rev: r.current! }]));
    const rekey = rekeyState(ctx);
    for (const [i, r] of compare.entries()) {
      let baseline = texts[2 * i] ?? '';
      const current = texts[2 * i + 1] ?? '';
      // After `secrets rekey` every fingerprint changes once: that is the new key, not drift.
      const plan = rekey.plan(r);
      if (plan === 'first-pull') {
        r.comparison = compareDevice(ctx.cfg, r.device, r.pull.path, baseline, current, { rekeyed: true });
        rekey.remember(r);
        continue;
      }
      if (plan === 'via-reference') {
        const [reference] = await ctx.archive.readMany([{ path: r.pull.path, rev: rekey.reference(r)! }]);
        baseline = alignPlaceholders(baseline, reference ?? '', { rekeyed: true });
      }
      r.comparison = compareDevice(ctx.cfg, r.device, r.pull.path, baseline, current);
    }
  },
};

/** After authorization had its say: the one decision per device. */
export const decide: CycleStep = {
  name: 'decide',
  run(records) {
    for (const r of records) {
      r.decision = decideDrift({
        current: r.current,
        baseline: r.baseline,
        open: r.open ? { id: r.open.id, diffHash: r.open.diffHash ?? '' } : undefined,
        result: r.comparison,
        authorization: r.authorization,
      });
    }
  },
};

/** The rekey facts of this cycle: one marker read, a reference per device. */
function rekeyState(ctx: CycleContext) {
  const repo = secretsRepo(ctx.state.db);
  const latestRekeyAt = repo.latestRekey();
  return {
    plan: (r: DeviceRecord) =>
      latestRekeyAt ? rekeyPlan({ latestRekeyAt, baselineAt: r.baselineAt ? new Date(r.baselineAt) : undefined, referenceRekeyAt: repo.reference(r.device.name)?.rekeyAt }) : 'normal',
    reference: (r: DeviceRecord) => repo.reference(r.device.name)?.commit,
    remember: (r: DeviceRecord) => ctx.inTransaction.push(() => repo.setReference(r.device.name, { rekeyAt: latestRekeyAt!, commit: r.current! })),
  };
}
