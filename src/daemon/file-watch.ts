/**
 * Calls `onChange` when a file's modification time changes (checked every `intervalMs`): the
 * inventory, today the YAML file, is refreshed without a SIGHUP. Polling, not fs.watch: editors
 * replace files by rename, and network filesystems do not deliver events.
 */
import { statSync } from 'node:fs';

export function watchFile(file: string, intervalMs: number, onChange: () => void): { stop(): void } {
  let seen = mtimeOf(file);
  const timer = setInterval(() => {
    const m = mtimeOf(file);
    if (m && m !== seen) {
      seen = m;
      onChange();
    }
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

function mtimeOf(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}
