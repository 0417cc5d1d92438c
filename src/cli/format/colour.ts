/**
 * Colour only where a person looks: a terminal, unless NO_COLOR says otherwise. FORCE_COLOR
 * (tests, `less -R`) turns it on even on a pipe and wins over NO_COLOR, as in Node itself.
 */
export interface Paint {
  enabled: boolean;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  bold(s: string): string;
  dim(s: string): string;
}

/** Pure decision from the environment and whether the stream is a terminal. */
export function colourWanted(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false'].includes(force.toLowerCase());
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY && env.TERM !== 'dumb';
}

const sgr = (on: boolean, open: number, close: number) => (s: string) => (on && s ? `\x1b[${open}m${s}\x1b[${close}m` : s);

export function makePaint(enabled: boolean): Paint {
  return {
    enabled,
    red: sgr(enabled, 31, 39),
    green: sgr(enabled, 32, 39),
    yellow: sgr(enabled, 33, 39),
    cyan: sgr(enabled, 36, 39),
    bold: sgr(enabled, 1, 22),
    dim: sgr(enabled, 2, 22),
  };
}

/** The paint for stdout of this process. */
export function stdoutPaint(): Paint {
  return makePaint(colourWanted(process.env, process.stdout.isTTY === true));
}

/** Severity words in their colour: critical red, warning yellow, the rest plain. */
export function severity(p: Paint, sev: string): string {
  if (sev === 'critical') return p.bold(p.red(sev));
  if (sev === 'warning') return p.yellow(sev);
  return sev;
}

const ANSI = /\x1b\[[0-9;]*m/g;

/** Width on screen (our own colour codes take none). */
export function visibleWidth(s: string): number {
  return s.replace(ANSI, '').length;
}

export function padVisible(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - visibleWidth(s)));
}
