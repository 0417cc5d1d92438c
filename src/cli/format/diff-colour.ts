/** A unified diff for the terminal: device text neutralised, then + green, - red, @@ cyan. */
import type { Paint } from './colour.js';
import { safeLine } from './sanitize.js';

/** Lines without the final newline (the caller ends the output). */
export function renderDiff(diff: string, p: Paint): string {
  if (!diff) return '';
  return diff
    .replace(/\n$/, '')
    .split('\n')
    .map((raw) => {
      const line = safeLine(raw);
      if (line.startsWith('+++') || line.startsWith('---')) return p.bold(line);
      if (line.startsWith('+')) return p.green(line);
      if (line.startsWith('-')) return p.red(line);
      if (line.startsWith('@@')) return p.cyan(line);
      return line;
    })
    .join('\n');
}
