/** `?page=&per_page=` (1-based, per_page 1..1000, default 100) applied to a list. */
import { BadRequestError } from './ports.js';

export interface Page<T> {
  items: T[];
  page: number;
  per_page: number;
  total: number;
}

export function pageParams(q: Record<string, unknown>, defaultPer = 100): { page: number; per: number } {
  const num = (v: unknown, name: string, fallback: number, max: number) => {
    if (v === undefined || v === '') return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > max) throw new BadRequestError(`${name} must be an integer from 1 to ${max}`);
    return n;
  };
  return { page: num(q.page, 'page', 1, 1_000_000), per: num(q.per_page, 'per_page', defaultPer, 1000) };
}

export function paginate<T>(all: readonly T[], page: number, per: number): Page<T> {
  return { items: all.slice((page - 1) * per, page * per), page, per_page: per, total: all.length };
}
