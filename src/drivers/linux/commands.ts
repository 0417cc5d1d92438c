/**
 * The exec commands the linux driver sends, and how a command string is read back into the item
 * it asked for. Each command runs under `sh -c` (whatever the login shell), sends errors to the
 * captured stdout, and ends with a marker line carrying the exit status: the marker is the
 * closing structure that tells a complete answer from a cut one.
 */

/** Closing line of every answer: `### driftwatch: exit <status>`. */
export const END_MARKER = /\n?### driftwatch: exit (\d+)\n?$/;
const END = 'printf "\\n### driftwatch: exit %s\\n" "$?"';

/** POSIX single quoting; the form `'\''` is understood by sh, bash, zsh, dash and fish alike. */
export function shQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function shUnquote(quoted: string): string | undefined {
  if (!/^'(?:[^']|'\\'')*'$/.test(quoted)) return undefined;
  return quoted.slice(1, -1).replace(/'\\''/g, "'");
}

const FILE_SCRIPT = `exec 2>&1; cat -- "$1"; ${END}`;
const COMMAND_SCRIPT = `exec 2>&1; (eval "$1"); ${END}`;
const FACTS_SCRIPT = [
  'exec 2>/dev/null',
  'printf "hostname=%s\\n" "$(hostname || cat /etc/hostname)"',
  'printf "kernel=%s\\n" "$(uname -sr)"',
  'printf "os=%s\\n" "$(sed -n "s/^PRETTY_NAME=//p" /etc/os-release | tr -d "\\"")"',
  'printf "model=%s\\n" "$(cat /sys/class/dmi/id/product_name || tr -d "\\000" < /proc/device-tree/model)"',
  'printf "serial=%s\\n" "$(cat /sys/class/dmi/id/product_serial || tr -d "\\000" < /proc/device-tree/serial-number)"',
  'true',
  END,
].join('; ');

export const FACTS_COMMAND = `sh -c ${shQuote(FACTS_SCRIPT)} driftwatch-facts`;

export function fileCommand(path: string): string {
  return `sh -c ${shQuote(FILE_SCRIPT)} driftwatch-file ${shQuote(path)}`;
}

export function shellCommand(command: string): string {
  return `sh -c ${shQuote(COMMAND_SCRIPT)} driftwatch-command ${shQuote(command)}`;
}

export type Item = { kind: 'facts' } | { kind: 'file'; path: string } | { kind: 'command'; command: string };

/** The item a command string asks for; anything not built here counts as a plain command. */
export function itemOf(command: string): Item {
  if (command === FACTS_COMMAND) return { kind: 'facts' };
  for (const [kind, script] of [['file', FILE_SCRIPT], ['command', COMMAND_SCRIPT]] as const) {
    const head = `sh -c ${shQuote(script)} driftwatch-${kind} `;
    if (!command.startsWith(head)) continue;
    const arg = shUnquote(command.slice(head.length));
    if (arg === undefined) break;
    return kind === 'file' ? { kind, path: arg } : { kind, command: arg };
  }
  return { kind: 'command', command };
}
