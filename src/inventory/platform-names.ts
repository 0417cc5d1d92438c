/** The platform error lists what is accepted: ids with their aliases, and the nearest name for a typo. */
import { DRIVERS } from '../drivers/registry.js';
import { nearest } from '../config/suggest.js';
import { printable } from '../config/printable.js';

/** `cisco_ios (ios), juniper_junos (junos), ...` */
export function platformList(): string {
  return DRIVERS.map((d) => (d.aliases.length ? `${d.id} (${d.aliases.join(', ')})` : d.id)).join(', ');
}

export function unknownPlatformMessage(name: string): string {
  const near = nearest(name, DRIVERS.flatMap((d) => [d.id, ...d.aliases]));
  return `unknown platform "${printable(name)}"${near ? `; did you mean ${near}?` : ''}; known platforms (aliases in brackets): ${platformList()}`;
}
