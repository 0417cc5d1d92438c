/** A unified diff for the terminal: device text neutralised, then + green, - red, @@ cyan. */
import type { Paint } from './colour.js';
import { safeLine } from './sanitize.js';

export function renderDiff(diff: string, p: Paint): string {
  const lines = diff.split('\n');
  const last = lines.length - 1;
  return lines
    .map((raw, i) => {
      if (i === last && raw === '') return '';
      const line = safeLine(raw);
      if (line.startsWith('+++') || line.startsWith('---')) return p.bold(line);
      if (line.startsWith('+')) return p.green(line);
      if (line.startsWith('-')) return p.red(line);
      if (line.startsWith('@@')) return p.cyan(line);
      return line;
    })
    .join('\n');
}
