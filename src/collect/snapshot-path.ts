import type { Device } from '../config/schema.js';

/** Where a device's config lives in the store: `<group>/<name>.cfg` or `<name>.cfg`. Names are validated safe. */
export function snapshotPath(device: Pick<Device, 'name' | 'group'>): string {
  return device.group ? `${device.group}/${device.name}.cfg` : `${device.name}.cfg`;
}
