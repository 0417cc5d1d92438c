/** HTML escaping and the page frame (pure). Every value from devices, the store or the inventory goes through esc(). */
import type { Principal } from '../auth/roles.js';

const ENT: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const SPECIAL = /[&<>"']/;
export const esc = (v: unknown): string => {
  const s = typeof v === 'string' ? v : String(v ?? '');
  return SPECIAL.test(s) ? s.replace(/[&<>"']/g, (c) => ENT[c]!) : s; // most values need nothing
};

/** A query string from non-empty values. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

export const short = (commit: string | null | undefined): string => (commit ? commit.slice(0, 12) : '—');

export const badge = (state: string): string => `<span class="badge badge-${esc(state)}">${esc(state)}</span>`;

export interface Frame {
  title: string;
  active?: 'overview' | 'review' | 'audit' | 'device';
  user?: Principal;
  csrf?: string;
  openDrift?: number;
  notice?: string;
}

export function page(f: Frame, body: string): string {
  const nav = f.user
    ? `<nav><a href="/" class="brand">driftwatch</a>
<a href="/"${f.active === 'overview' ? ' aria-current="page"' : ''}>Overview</a>
<a href="/review"${f.active === 'review' ? ' aria-current="page"' : ''}>Review${f.openDrift ? ` <span class="count">${f.openDrift}</span>` : ''}</a>
<a href="/audit"${f.active === 'audit' ? ' aria-current="page"' : ''}>Audit log</a>
<span class="who">${esc(f.user.name)} · ${esc(f.user.role)}</span>
<form method="post" action="/logout" class="inline"><input type="hidden" name="_csrf" value="${esc(f.csrf)}"><button type="submit" class="link">Log out</button></form></nav>`
    : `<nav><span class="brand">driftwatch</span></nav>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(f.title)} · driftwatch</title><link rel="icon" href="/static/favicon.svg" type="image/svg+xml"><link rel="stylesheet" href="/static/app.css"><script src="/static/app.js" defer></script></head>
<body>${nav}<main>${f.notice ? `<p class="notice" role="status">${esc(f.notice)}</p>` : ''}${body}</main></body></html>`;
}
