/**
 * The cycle's steps after the pulls, in order. A new step (compliance, authorization context) is
 * a file in steps/ and one line here.
 */
import type { CycleStep } from './record.js';
import { applyDecisions } from './steps/apply-decisions.js';
import { driftAlerts } from './steps/drift-alerts.js';
import { decide, evaluateDrift } from './steps/evaluate-drift.js';
import { pullHealth } from './steps/pull-health.js';
import { announcements } from './steps/announcements.js';
import { authorize } from './steps/authorize.js';
import { compliance } from './steps/compliance.js';
import { softwareVersions } from './steps/software-versions.js';
import { handshakes } from './steps/handshakes.js';

export const CYCLE_STEPS: readonly CycleStep[] = [
  evaluateDrift, // latest commit vs baseline, compared where they differ
  authorize, // maintenance windows and expected changes (tickets)
  decide, // the one drift decision per device
  announcements, // syslog claims and "changed without announcing it"
  driftAlerts, // what each decision raises
  pullHealth, // host keys, failing devices, store failures
  compliance, // hardening verdicts: regressions alert even when the change was authorized
  softwareVersions, // versions-file findings (below minimum, end of life), each alerted once
  handshakes, // the latest SSH handshake per device (status, API)
  applyDecisions, // git refs, then state + outbox in one transaction
];
