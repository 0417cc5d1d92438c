/** What a fault case is: a name, how many runs by default, and a body that reports violations. */
export interface CaseContext {
  /** Runs to do (the default times FAULTS_SCALE). */
  runs: number;
  /** Record a broken invariant (the run goes on). */
  violation(what: string): void;
  /** A measured figure for the summary (e.g. sigterm_ms_max). */
  figure(name: string, value: number | string): void;
  log(line: string): void;
}

export interface FaultCase {
  name: string;
  /** Runs at FAULTS_SCALE=1. */
  runs: number;
  describe: string;
  run(ctx: CaseContext): Promise<{ runs: number } | void>;
}
