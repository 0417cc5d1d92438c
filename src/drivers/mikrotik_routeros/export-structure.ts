/**
 * RouterOS `/export` text: a `# <date> by RouterOS <version>` header, then menu paths (`/ip
 * address`) each followed by commands (`add ...`, `set ...`). Long commands are wrapped with a
 * trailing `\` and an indented continuation. The export has no closing marker, so completeness
 * is judged from its structure: header present, and the last command whole (not inside a
 * wrapped line, quote or `[ ]`, and not ending in a bare half-word where `key=value` belongs).
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
  const last = lines[lines.length - 1] ?? '';
  if (/\\$/.test(last)) return 'output ends in a wrapped line';
  const joined = joinContinuations(lines.join('\n')).split('\n');
  const command = joined[joined.length - 1]!.trim();
  if (command.startsWith('#') || command.startsWith('/')) return undefined;
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
  // Arguments after the verb are `key=value`; a final bare word means a key was cut (`disable-runn`).
  const words = command.replace(/"(?:[^"\\]|\\.)*"|\[[^\]]*\]/g, 'x=x').split(/\s+/);
  const tail = words[words.length - 1]!;
  if (words.length > 2 && !tail.includes('=')) return `last command ends in "${tail}" (truncated?)`;
  return undefined;
}
