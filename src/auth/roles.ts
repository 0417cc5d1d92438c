/** viewer reads; approver also approves drift and manages expected changes; admin also manages tokens. */
import type { Role } from '../state/tokens-repo.js';

const RANK: Record<Role, number> = { viewer: 1, approver: 2, admin: 3 };

export const allows = (have: Role, need: Role): boolean => RANK[have] >= RANK[need];

export interface Principal {
  /** Token name: what the audit log records as "who". */
  name: string;
  role: Role;
  tokenId: number;
}
