/**
 * Explains a failed algorithm negotiation. ssh2 only says "no matching key exchange algorithm";
 * its debug stream carries what the device offered, which makes the message actionable ("the
 * device offers only legacy diffie-hellman-group1-sha1: set legacy_algorithms: true").
 * The device's lists are hostile input: names are filtered and the lists bounded.
 */
import { PullError } from '../core/errors.js';
import { isLegacyAlgorithm } from './algorithms.js';

type Part = 'key exchange' | 'host key' | 'cipher' | 'MAC';

const REMOTE: Array<[RegExp, Part]> = [
  [/^Handshake: \(remote\) KEX method: (.*)$/, 'key exchange'],
  [/^Handshake: \(remote\) Host key format: (.*)$/, 'host key'],
  [/^Handshake: \(remote\) C->S cipher: (.*)$/, 'cipher'],
  [/^Handshake: \(remote\) C->S MAC: (.*)$/, 'MAC'],
];

const FAILURE: Array<[RegExp, Part]> = [
  [/no matching key exchange/i, 'key exchange'],
  [/no matching host key/i, 'host key'],
  [/no matching [CS]->[CS] cipher/i, 'cipher'],
  [/no matching [CS]->[CS] MAC/i, 'MAC'],
];

const clean = (list: string) =>
  list
    .split(',')
    .map((s) => s.replace(/[^\w@.+-]/g, '').slice(0, 64))
    .filter(Boolean)
    .slice(0, 24);

/** Listens to ssh2's `debug` lines until the first handshake is done. */
export class OfferLog {
  private readonly offered = new Map<Part, string[]>();
  private done = false;

  readonly debug = (line: string): void => {
    if (this.done || !line.startsWith('Handshake: (remote)')) return;
    for (const [re, part] of REMOTE) {
      const m = re.exec(line);
      if (m) this.offered.set(part, clean(m[1]!));
    }
  };

  /** After the handshake: later packets are of no interest. */
  stop(): void {
    this.done = true;
  }

  /** An `algorithm-mismatch` error for a failed negotiation, or undefined for any other error. */
  explain(message: string, where: string, legacyAllowed: boolean): PullError | undefined {
    const part = FAILURE.find(([re]) => re.test(message))?.[1];
    if (!part) return undefined;
    const offered = this.offered.get(part) ?? [];
    const legacy = offered.filter(isLegacyAlgorithm);
    const list = offered.length ? offered.join(', ') : 'nothing readable';
    const text =
      !legacyAllowed && legacy.length
        ? `no common ${part} algorithm: the device offers only ${list}; ${legacy.join(', ')} ${legacy.length > 1 ? 'are' : 'is'} legacy (SHA-1/CBC/DSA), refused unless the device has legacy_algorithms: true`
        : `no common ${part} algorithm: the device offers ${list}`;
    return new PullError('algorithm-mismatch', `${where}: ${text}; refused before authentication`);
  }
}
