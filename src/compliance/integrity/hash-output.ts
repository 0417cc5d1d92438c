/**
 * Image hash commands per platform and a pure parser of their outputs (research §4, H16):
 * IOS-XE / EOS / ASA `verify /sha512 <file>` prints `verify /sha512 (<file>) = <hex>`; NX-OS
 * `show file <file> sha512sum` prints the bare hex; Junos `file checksum sha-256 <file>` prints
 * `SHA256 (<file>) = <hex>`. Device output is hostile: only a hex run of the expected length counts.
 */
export interface ImageHash {
  algorithm: 'sha512' | 'sha256' | 'md5';
  hash: string;
  file?: string;
}

const LENGTH: Record<ImageHash['algorithm'], number> = { sha512: 128, sha256: 64, md5: 32 };

/** The command that hashes `image` on `platform`, or undefined where none is known. */
export function hashCommand(platform: string, image: string): string | undefined {
  if (!/^[\w./:+-]+$/.test(image)) return undefined; // a file name from device facts: never let it carry shell syntax
  switch (platform) {
    case 'cisco_ios':
    case 'arista_eos':
    case 'cisco_asa':
      return `verify /sha512 ${image}`;
    case 'cisco_nxos':
      return `show file ${image} sha512sum`;
    case 'juniper_junos':
      return `file checksum sha-256 ${image}`;
    default:
      return undefined;
  }
}

export function parseHashOutput(platform: string, output: string): ImageHash | undefined {
  const text = output.replace(/\r/g, '');
  const labelled = /(?:verify \/(sha512|md5)|(SHA256|SHA512|MD5)) \(([^)\n]+)\) = ([0-9a-fA-F]+)\s*$/m.exec(text);
  if (labelled) {
    const algorithm = (labelled[1] ?? labelled[2]!).toLowerCase() as ImageHash['algorithm'];
    const hash = labelled[4]!.toLowerCase();
    return hash.length === LENGTH[algorithm] ? { algorithm, hash, file: labelled[3] } : undefined;
  }
  if (platform === 'cisco_nxos') {
    const bare = /^\s*([0-9a-fA-F]{128})\s*$/m.exec(text);
    if (bare) return { algorithm: 'sha512', hash: bare[1]!.toLowerCase() };
  }
  return undefined;
}

export interface KnownGoodEntry {
  /** Image file name (without the `flash:` / `bootflash:` prefix or folder). */
  image: string;
  sha512?: string;
  sha256?: string;
  md5?: string;
}

export type IntegrityVerdict =
  | { status: 'match'; image: string }
  | { status: 'mismatch'; image: string; expected: string; got: string }
  | { status: 'unknown-image'; image: string }
  | { status: 'no-hash'; image: string };

/** `bootflash:/a/b.bin` -> `b.bin`. */
export function imageBaseName(image: string): string {
  return image.replace(/^[\w-]+:/, '').split('/').pop() ?? image;
}

export function compareWithKnownGood(image: string, result: ImageHash | undefined, table: readonly KnownGoodEntry[]): IntegrityVerdict {
  const name = imageBaseName(image);
  if (!result) return { status: 'no-hash', image: name };
  const entry = table.find((e) => imageBaseName(e.image) === name);
  const expected = entry?.[result.algorithm]?.toLowerCase();
  if (!entry || !expected) return { status: 'unknown-image', image: name };
  return expected === result.hash ? { status: 'match', image: name } : { status: 'mismatch', image: name, expected, got: result.hash };
}
