/** A driver's parse over one shared transcript (recorded answers of the driver's commands). */
import type { Driver, ParsedConfig } from '../../src/drivers/types.js';
import { loadTranscript } from '../../src/sim/transcript.js';
import { replayOutputs } from './replay.js';
import { transcriptPath } from './transcripts.js';

export function outputsOfTranscript(driver: Driver, file: string): Record<string, string> {
  return replayOutputs(loadTranscript(transcriptPath(file)), driver.session, driver.commands);
}

export function parseTranscript(driver: Driver, file: string): ParsedConfig {
  return driver.parse(outputsOfTranscript(driver, file));
}
