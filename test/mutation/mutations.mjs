// Each entry: a bug someone could plausibly write, where it goes, and the tests that must catch it.
export const MUTATIONS = [
  {
    name: 'drift decision: an updated drift is treated as the same drift',
    file: 'src/drift/lifecycle.ts',
    find: "open.diffHash === hash ? { action: 'still-open', driftId: open.id } : { action: 'update', driftId: open.id, diffHash: hash }",
    replace: "{ action: 'still-open', driftId: open.id }",
    tests: ['test/drift/lifecycle'],
  },
  {
    name: 'drift decision: a window launders a drift that was already open',
    file: 'src/drift/lifecycle.ts',
    find: "if (open) return open.diffHash === hash",
    replace: "if (open && !input.authorization) return open.diffHash === hash",
    tests: ['test/drift/lifecycle'],
  },
  {
    name: 'drift decision: changes that are not drift keep the old baseline',
    file: 'src/drift/lifecycle.ts',
    find: "if (!result.drifted) return open ? { action: 'advance-baseline', resolveId: open.id } : { action: 'advance-baseline' };",
    replace: "if (!result.drifted) return open ? { action: 'resolve', driftId: open.id } : { action: 'none' };",
    tests: ['test/drift/lifecycle'],
  },
  {
    name: 'crash safety: drift evaluated only from what this pull committed',
    file: 'src/app/cycle/steps/evaluate-drift.ts',
    find: 'r.current = ctx.state.lastCommit(r.device.name) ?? r.pull.commit ?? undefined;',
    replace: 'r.current = r.pull.commit ?? r.baseline ?? undefined;',
    tests: ['test/app/reconcile'],
  },
  {
    name: 'daemon reload keeps the old config',
    file: 'src/daemon/daemon.ts',
    find: 'this.app = { ...this.app, cfg: next };',
    replace: 'void next;',
    tests: ['test/daemon/reload'],
  },
  {
    name: 'authentication failures classified as protocol errors',
    file: 'src/transport/classify.ts',
    find: "'auth'",
    replace: "'protocol'",
    tests: ['test/transport', 'test/cli/pull'],
  },
];
