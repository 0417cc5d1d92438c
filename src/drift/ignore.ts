/** Lines whose change alone is not drift: the driver's list plus the user's global, group and device regexes. */
import type { Config, Device } from '../config/schema.js';
import type { Driver } from '../drivers/types.js';

export function ignoreRules(cfg: Pick<Config, 'ignore' | 'group_ignore'>, device: Pick<Device, 'group' | 'ignore'>, driver: Pick<Driver, 'ignore'>): RegExp[] {
  const user = [...cfg.ignore, ...(device.group ? (cfg.group_ignore[device.group] ?? []) : []), ...device.ignore];
  return [...driver.ignore, ...user.map((p) => new RegExp(p))];
}

/** The text the drift engine compares: ignored lines removed. */
export function withoutIgnored(text: string, rules: readonly RegExp[]): string {
  if (!rules.length) return text;
  return text
    .split('\n')
    .filter((line) => !rules.some((r) => r.test(line)))
    .join('\n');
}
