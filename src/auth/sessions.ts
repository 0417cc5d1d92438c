/**
 * Web sessions, in memory (a daemon restart logs everyone out, which is fine for a review page).
 * The session id is a 256-bit random cookie value; each session has its own CSRF token. Sessions
 * end at a fixed lifetime from login, and as soon as their token is revoked or expires (checked
 * on every request by the caller through `tokenId`).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Principal } from './roles.js';

export interface Session {
  id: string;
  csrf: string;
  principal: Principal;
  expiresAt: number;
}

const MAX_SESSIONS = 10_000;

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly lifetimeMs: number,
    private readonly now: () => Date,
  ) {}

  create(principal: Principal): Session {
    this.sweep();
    if (this.sessions.size >= MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value!);
    const s: Session = { id: randomBytes(32).toString('base64url'), csrf: randomBytes(32).toString('base64url'), principal, expiresAt: this.now().getTime() + this.lifetimeMs };
    this.sessions.set(s.id, s);
    return s;
  }

  get(id: string | undefined): Session | undefined {
    if (!id) return undefined;
    const s = this.sessions.get(id);
    if (!s) return undefined;
    if (s.expiresAt <= this.now().getTime()) {
      this.sessions.delete(id);
      return undefined;
    }
    return s;
  }

  destroy(id: string): void {
    this.sessions.delete(id);
  }

  /** Seconds left, for the cookie's Max-Age. */
  secondsLeft(s: Session): number {
    return Math.max(0, Math.floor((s.expiresAt - this.now().getTime()) / 1000));
  }

  private sweep(): void {
    const t = this.now().getTime();
    for (const [id, s] of this.sessions) if (s.expiresAt <= t) this.sessions.delete(id);
  }
}

/** Constant-time string compare (CSRF tokens). */
export function sameSecret(a: string | undefined, b: string | undefined): boolean {
  if (typeof a !== 'string' || typeof b !== 'string' || !a || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

export const randomSecret = (): string => randomBytes(32).toString('base64url');
