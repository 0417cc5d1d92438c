/** The transcripts the conformance suites run: shared recordings and each driver's own fixtures/. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DRIVERS, getDriver, resolvePlatform } from '../../src/drivers/registry.js';
import type { Driver } from '../../src/drivers/types.js';
import { TRANSCRIPTS_DIR, transcriptsAvailable } from './transcripts.js';

export interface Case {
  /** Display name (file name). */
  name: string;
  /** Absolute path of the `simulation.yaml`. */
  path: string;
  driver: Driver;
}

const DRIVERS_DIR = fileURLToPath(new URL('../../src/drivers/', import.meta.url));

/** A driver's own fixture folder (src/drivers/<id>/fixtures), if any. */
export function fixtureDir(driver: Driver): string | undefined {
  const dir = join(DRIVERS_DIR, driver.id, 'fixtures');
  return existsSync(dir) ? dir : undefined;
}

/** Default-setting transcripts (`#simulation.yaml`, not `custom_*`) whose model resolves to a driver. */
export function conformanceCases(): { cases: Case[]; unsupported: string[] } {
  const cases: Case[] = [];
  const unsupported: string[] = [];
  if (transcriptsAvailable) {
    for (const name of readdirSync(TRANSCRIPTS_DIR).filter((f) => f.endsWith('#simulation.yaml')).sort()) {
      const platform = resolvePlatform(name.split('#')[0]!);
      if (platform) cases.push({ name, path: join(TRANSCRIPTS_DIR, name), driver: getDriver(platform) });
      else unsupported.push(name);
    }
  }
  for (const driver of DRIVERS) {
    const dir = fixtureDir(driver);
    for (const name of dir ? readdirSync(dir).filter((f) => f.endsWith('#simulation.yaml')).sort() : []) {
      cases.push({ name: `${driver.id}/fixtures/${name}`, path: join(dir!, name), driver });
    }
  }
  return { cases, unsupported };
}

/** prompt.yaml files, shared and per driver. */
export function promptFiles(): string[] {
  const shared = transcriptsAvailable ? readdirSync(TRANSCRIPTS_DIR).filter((f) => f.endsWith('#prompt.yaml')).map((f) => join(TRANSCRIPTS_DIR, f)) : [];
  const own = DRIVERS.flatMap((d) => {
    const dir = fixtureDir(d);
    return dir ? readdirSync(dir).filter((f) => f.endsWith('#prompt.yaml')).map((f) => join(dir, f)) : [];
  });
  return [...shared, ...own];
}
