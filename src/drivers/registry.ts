/**
 * The explicit list of drivers. Adding a platform = one folder under drivers/ + one line here
 * (a test checks that every folder is registered and has fixtures).
 */
import type { Driver } from './types.js';
import { ciscoIos } from './cisco_ios/index.js';
import { arubaAoscx } from './aruba_aoscx/index.js';
import { linux } from './linux/index.js';
import { opnsense } from './opnsense/index.js';
import { pfsense } from './pfsense/index.js';
import { arubaOs } from './aruba_os/index.js';
import { arubaInstant } from './aruba_instant/index.js';

export const DRIVERS: readonly Driver[] = [ciscoIos, arubaAoscx, linux, opnsense, pfsense, arubaOs, arubaInstant];

const byName = new Map<string, Driver>();
for (const driver of DRIVERS) {
  for (const name of [driver.id, ...driver.aliases]) {
    if (byName.has(name)) throw new Error(`driver name ${name} registered twice`);
    byName.set(name, driver);
  }
}

/** Canonical platform id for a name or alias, or undefined when unknown. */
export function resolvePlatform(name: string): string | undefined {
  return byName.get(name.toLowerCase())?.id;
}

export function getDriver(platform: string): Driver {
  const driver = byName.get(platform.toLowerCase());
  if (!driver) throw new Error(`unknown platform ${platform}`);
  return driver;
}

/** Canonical ids, for error messages and docs. */
export function knownPlatforms(): string[] {
  return DRIVERS.map((d) => d.id);
}
