/** API token creation and checking (pure apart from randomness): the secret is shown once, only its hash is kept. */
import { createHash, randomBytes } from 'node:crypto';
import { ROLES, type Role, type TokenRow, type TokensRepo } from '../state/tokens-repo.js';

const PREFIX = 'dw_';

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

export function newTokenSecret(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

export function parseRole(s: string): Role {
  if (!(ROLES as readonly string[]).includes(s)) throw new Error(`role must be one of ${ROLES.join(', ')} (got ${JSON.stringify(s)})`);
  return s as Role;
}

/** `90d`, `12h`, `30m`, `2w` to milliseconds. */
export function parseExpiry(s: string): number {
  const m = /^(\d{1,6})([mhdw])$/.exec(s.trim());
  if (!m) throw new Error(`--expires must look like 90d, 12h, 30m or 2w (got ${JSON.stringify(s)})`);
  const unit = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 }[m[2] as 'm' | 'h' | 'd' | 'w'];
  const ms = Number(m[1]) * unit;
  if (ms <= 0) throw new Error('--expires must be more than zero');
  return ms;
}

export function createToken(repo: TokensRepo, opts: { name: string; role: Role; expiresInMs?: number; now: Date }): { token: string; row: TokenRow } {
  const name = opts.name.replace(/[\x00-\x1f\x7f]+/g, ' ').trim().slice(0, 100);
  if (!name) throw new Error('--name must not be empty');
  const token = newTokenSecret();
  const expiresAt = opts.expiresInMs ? new Date(opts.now.getTime() + opts.expiresInMs) : null;
  const row = repo.insert({ name, role: opts.role, hash: hashToken(token), now: opts.now, expiresAt });
  return { token, row };
}

/** The live token for a presented secret, or undefined (wrong, revoked, expired). */
export function verifyToken(repo: TokensRepo, presented: string, now: Date): TokenRow | undefined {
  if (!presented.startsWith(PREFIX) || presented.length > 200) return undefined;
  return repo.findActive(hashToken(presented), now);
}
