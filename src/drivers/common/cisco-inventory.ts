/**
 * `show inventory` as NX-OS, ASA and IOS-XR print it: NAME/DESCR then PID/VID/SN per part.
 * The chassis entry carries the model (PID) and the serial number of the box.
 */
export interface InventoryEntry {
  name: string;
  descr: string;
  pid?: string;
  serial?: string;
}

const ENTRY = /^NAME:\s*"?([^",]*)"?,\s*DESCR:\s*"?([^"\n]*?)"?\s*\n\s*PID:\s*(\S*)\s*,\s*VID:[^,\n]*,\s*SN:\s*(\S*)/gim;

const present = (value: string | undefined) => (value && value !== 'N/A' ? value : undefined);

export function inventoryEntries(inventory: string): InventoryEntry[] {
  return [...inventory.matchAll(ENTRY)].map((m) => ({
    name: m[1]!.trim(),
    descr: m[2]!.trim(),
    pid: present(m[3]),
    serial: present(m[4]),
  }));
}

/** The entry describing the chassis (XR calls it "Rack 0"), else the first one. */
export function chassisEntry(inventory: string): InventoryEntry | undefined {
  const entries = inventoryEntries(inventory);
  return entries.find((e) => /chassis|^rack 0$/i.test(e.name) || /chassis$/i.test(e.descr)) ?? entries[0];
}
