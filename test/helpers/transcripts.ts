/**
 * Where the shared real-device transcripts live. Tests read them in place; where the folder is
 * absent (a clone without ../shared) the tests that need them skip with a clear message.
 * Override with DRIFTWATCH_TRANSCRIPTS=/path/to/device-transcripts.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export const TRANSCRIPTS_DIR = resolve(
  process.env.DRIFTWATCH_TRANSCRIPTS ?? join(repoRoot, '..', 'shared', 'fixtures', 'device-transcripts'),
);

export const transcriptsAvailable = existsSync(TRANSCRIPTS_DIR);

/** Pass as the `skip` option of a test: false when transcripts exist, else the reason. */
export const skipWithoutTranscripts: string | false = transcriptsAvailable
  ? false
  : `shared transcripts not found at ${TRANSCRIPTS_DIR} (set DRIFTWATCH_TRANSCRIPTS)`;

/** File names in the transcripts folder matching `model#*#kind` (kind e.g. `simulation.yaml`). */
export function transcriptFiles(model: string, kind: string): string[] {
  if (!transcriptsAvailable) return [];
  return readdirSync(TRANSCRIPTS_DIR)
    .filter((f) => f.startsWith(`${model}#`) && f.endsWith(`#${kind}`))
    .sort();
}

export function transcriptPath(file: string): string {
  return join(TRANSCRIPTS_DIR, file);
}
