/**
 * Recorded-style answers to image hash commands (IOS-XE/EOS `verify /sha512`, NX-OS `sha512sum`,
 * Junos `file checksum`), so a simulated device can take part in the integrity check. Give the
 * result to `SimDevice.setAnswer(command, ...)`. Pure.
 */
export function imageHashAnswer(platform: string, command: string, file: string, hex: string, prompt: string): string {
  const body =
    platform === 'cisco_nxos'
      ? [hex]
      : platform === 'juniper_junos'
        ? [`SHA256 (${file}) = ${hex}`]
        : ['.'.repeat(60) + 'Done!', `verify /sha512 (${file}) = ${hex}`];
  return `${command}\n${body.join('\n')}\n\n${prompt}`;
}
