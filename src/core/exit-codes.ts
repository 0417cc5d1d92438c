/** The exit codes other tools rely on (DESIGN.md). */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  drift: 3,
} as const;
