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
import { juniperJunos } from './juniper_junos/index.js';
import { fortinet } from './fortinet/index.js';
import { mikrotikRouteros } from './mikrotik_routeros/index.js';
import { vyos } from './vyos/index.js';
import { paloaltoPanos } from './paloalto_panos/index.js';
import { ciscoNxos } from './cisco_nxos/index.js';
import { ciscoXr } from './cisco_xr/index.js';
import { ciscoAsa } from './cisco_asa/index.js';
import { aristaEos } from './arista_eos/index.js';
import { hpProcurve } from './hp_procurve/index.js';
import { hpComware } from './hp_comware/index.js';
import { fsOs } from './fs_os/index.js';
import { broadcomEfos } from './broadcom_efos/index.js';
import { netgearProsafe } from './netgear_prosafe/index.js';
import { ciscoFtd } from './cisco_ftd/index.js';
import { tnsr } from './tnsr/index.js';
import { mellanoxMlnxos } from './mellanox_mlnxos/index.js';

export const DRIVERS: readonly Driver[] = [
  // Cisco and Cisco-like CLIs
  ciscoIos,
  ciscoNxos,
  ciscoXr,
  ciscoAsa,
  ciscoFtd,
  aristaEos,
  hpProcurve,
  hpComware,
  fsOs,
  broadcomEfos,
  netgearProsafe,
  // Aruba
  arubaAoscx,
  arubaOs,
  arubaInstant,
  // Other network OSes
  juniperJunos,
  fortinet,
  paloaltoPanos,
  mikrotikRouteros,
  vyos,
  tnsr,
  mellanoxMlnxos,
  // Firewalls distributions and hosts
  opnsense,
  pfsense,
  linux,
];

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
