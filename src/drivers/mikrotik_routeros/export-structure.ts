/**
 * RouterOS `/export` text: a `# <date> by RouterOS <version>` header, then menu paths (`/ip
 * address`) each followed by commands (`add ...`, `set ...`). Long commands are wrapped with a
 * trailing `\` and an indented continuation. The export has no closing marker, so completeness
 * is judged from its structure: header present, a command after the last menu line, and that
 * command whole (not inside a wrapped line, quote or `[ ]`, not ending in a bare half-word where
 * `key=value` belongs or in an empty `key=`). A cut inside a plain value or exactly at the end of
 * a line cannot be seen; in exec mode the transport's exit-status check covers lost connections.
 */

/** Joins wrapped lines (`... \` + newline + indentation) into one logical line, as Oxidized does. */
export function joinContinuations(text: string): string {
  return text.replace(/\\\n[ \t]*/g, '');
}

const COMMAND = /^(?:add|set|remove|move|enable|disable|unset|:\w+)\b/;

/** Why the export looks cut short, or undefined when it looks whole. */
export function exportTruncation(raw: string): string | undefined {
  const lines = raw.split('\n');
  while (lines.length && !lines[lines.length - 1]!.trim()) lines.pop();
  if (!lines.some((l) => /^# .*\bby RouterOS\b/.test(l))) return 'export header "# ... by RouterOS" missing';
  if (!lines.some((l) => l.startsWith('/'))) return 'no menu section (/...) after the header';
  const last = lines[lines.length - 1] ?? '';
  if (/\\$/.test(last)) return 'output ends in a wrapped line';
  const joined = joinContinuations(lines.join('\n')).split('\n');
  const command = joined[joined.length - 1]!.trim();
  // The export never prints a menu without a command under it.
  if (command.startsWith('/')) return `output ends at the menu line ${JSON.stringify(command)} (truncated?)`;
  if (command.startsWith('#')) return undefined;
  if (!COMMAND.test(command)) return `last line is not a command: ${JSON.stringify(command.slice(0, 40))}`;
  let quoted = false;
  let brackets = 0;
  for (let i = 0; i < command.length; i++) {
    const c = command[i];
    if (c === '\\') i++;
    else if (c === '"') quoted = !quoted;
    else if (!quoted && c === '[') brackets++;
    else if (!quoted && c === ']') brackets--;
  }
  if (quoted || brackets !== 0) return 'last command ends inside a quote or [ ] (truncated?)';
  // `add` takes only `key=value` arguments; `set` one selector (`0`, `ether1`, `[ find ... ]`)
  // then at least one `key=value`. A bare word where a key belongs means a key was cut.
  const [verb, ...args] = command.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/\[[^\]]*\]/g, '[]').split(/\s+/);
  const props = verb === 'set' && args[0] && !args[0].includes('=') ? args.slice(1) : args;
  if ((verb === 'add' || verb === 'set') && props.length === 0) return `"${verb}" without arguments (truncated?)`;
  const bare = props.find((w) => !w.includes('='));
  if ((verb === 'add' || verb === 'set') && bare) return `last command ends in "${bare}" (truncated?)`;
  // RouterOS prints an empty value as `key=""`, never as a bare `key=`.
  if (props.length && props[props.length - 1]!.endsWith('=')) return 'last command ends in an empty "key=" (truncated?)';
  return undefined;
}
