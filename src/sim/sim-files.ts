/**
 * What a simulator writes beside its devices file `<dir>/<base>.yaml`: its own git store and state
 * (so simulated devices never commit into the user's ./store or ./driftwatch.db), its host key
 * (kept across restarts), and, when detached, its pid and log.
 */
import { basename, dirname, extname, join } from 'node:path';

export interface SimFiles {
  devices: string;
  hostKey: string;
  pid: string;
  log: string;
  ready: string;
  /** As written in the devices file: relative to its folder. */
  storeRef: string;
  stateRef: string;
}

export function simFilesBeside(devicesFile: string): SimFiles {
  const dir = dirname(devicesFile);
  const base = basename(devicesFile, extname(devicesFile)) || 'sim';
  return {
    devices: devicesFile,
    hostKey: join(dir, `${base}.hostkey`),
    pid: join(dir, `${base}.pid`),
    log: join(dir, `${base}.log`),
    ready: join(dir, `${base}.ready`),
    storeRef: `./${base}-store`,
    stateRef: `./${base}.db`,
  };
}
