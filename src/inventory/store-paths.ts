/**
 * Devices must not share a file in the store. Names are unique (case-insensitively), but a device
 * `sw1` (file `sw1.cfg`) next to a group `sw1.cfg` (folder `sw1.cfg/`) would overwrite each other
 * every pull, and on macOS/Windows checkouts `Core/` and `core/` are one folder. Paths are computed
 * as the store computes them (collect/snapshot-path.ts).
 */
import { snapshotPath } from '../collect/snapshot-path.js';
import type { ConfigProblem } from '../config/problems.js';
import type { RecordOrigin } from './types.js';

export interface PlacedDevice {
  name: string;
  group?: string;
  origin: RecordOrigin;
}

/** Pure: a problem for every device whose store path collides with another device's or group's. */
export function storePathCollisions(devices: readonly PlacedDevice[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const groups = new Map<string, PlacedDevice>();
  for (const d of devices) {
    if (!d.group) continue;
    const first = groups.get(d.group.toLowerCase());
    if (!first) groups.set(d.group.toLowerCase(), d);
    else if (first.group !== d.group) {
      problems.push(problemAt(d, 'group', `group "${d.group}" differs from group "${first.group}" (device ${first.name}) only in letter case: one folder on macOS/Windows checkouts; use one spelling`));
    }
  }
  for (const d of devices) {
    const path = snapshotPath(d);
    const folderOwner = d.group ? undefined : groups.get(path.toLowerCase());
    if (folderOwner) {
      problems.push(problemAt(d, 'name', `store file ${path} is also the folder of group "${folderOwner.group}" (device ${folderOwner.name}): the two would overwrite each other; rename the device or the group`));
    }
  }
  return problems;
}

function problemAt(d: PlacedDevice, key: string, message: string): ConfigProblem {
  return { file: d.origin.file, line: d.origin.lineOf(key), device: d.name, message };
}
