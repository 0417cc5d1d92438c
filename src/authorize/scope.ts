/** Which devices a window or an expectation applies to. */

/** The parts of a device that scopes look at (a config Device fits). */
export interface DeviceRef {
  name: string;
  group?: string;
  tags: readonly string[];
}

export interface Scope {
  devices: readonly string[];
  groups: readonly string[];
  tags: readonly string[];
}

/** A device is in scope if any of its name, group or tags is listed; an empty scope takes every device. */
export function inScope(device: DeviceRef, scope: Scope): boolean {
  if (!scope.devices.length && !scope.groups.length && !scope.tags.length) return true;
  return (
    scope.devices.includes(device.name) ||
    (device.group !== undefined && scope.groups.includes(device.group)) ||
    device.tags.some((t) => scope.tags.includes(t))
  );
}
