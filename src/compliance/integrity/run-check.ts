/**
 * The integrity check's thin I/O edge: one SSH session running the platform's hash command (on
 * the `integrity.schedule`, never on every pull), then the pure parse and comparison.
 */
import { getDriver } from '../../drivers/registry.js';
import { commandBody } from '../../drivers/common/text.js';
import { collectOutputs } from '../../transport/session.js';
import type { SessionOptions } from '../../transport/types.js';
import { compareWithKnownGood, hashCommand, parseHashOutput, type IntegrityVerdict, type KnownGoodEntry } from './hash-output.js';

export async function runIntegrityCheck(session: SessionOptions, platform: string, image: string, knownGood: readonly KnownGoodEntry[]): Promise<IntegrityVerdict> {
  const command = hashCommand(platform, image);
  if (!command) return { status: 'no-hash', image };
  const driver = getDriver(platform);
  const outputs = await collectOutputs(session, driver.session, [command]);
  const body = commandBody(outputs[command], command, driver.session.prompt);
  return compareWithKnownGood(image, parseHashOutput(platform, body), knownGood);
}
