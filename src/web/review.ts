/** Drift review queue (pure): each open drift with its labelled side-by-side diff, severity, attribution, ticket, approve form. */
import type { DiffView, DriftItem } from '../http/ports.js';
import { renderSideBySide } from './diff-view.js';
import { esc, page, qs, short, type Frame } from './html.js';

export interface ReviewItem {
  drift: DriftItem;
  diff: DiffView | null;
  /** Changed-By / Changed-At... from the commit, as the device reported them. */
  attribution: Record<string, string>;
  /** The expected change (ticket) that covers it, once expectations are wired. */
  ticket: string | null;
  error?: string;
}

export interface ReviewModel {
  frame: Frame;
  items: ReviewItem[];
  total: number;
  canApprove: boolean;
  device?: string;
  page: number;
  perPage: number;
}

function attribution(a: Record<string, string>): string {
  const who = a['Changed-By'];
  const when = a['Changed-At'];
  const from = a['Changed-From'];
  if (!who && !when) return '<span class="muted">not reported by the device</span>';
  return `${esc(who ?? 'unknown')}${from ? ` from ${esc(from)}` : ''}${when ? ` at ${esc(when)}` : ''}`;
}

function item(it: ReviewItem, m: ReviewModel): string {
  const d = it.drift;
  const n = encodeURIComponent(d.device);
  const form = m.canApprove
    ? `<form method="post" action="/devices/${n}/approve" class="approve"><input type="hidden" name="_csrf" value="${esc(m.frame.csrf)}"><input type="hidden" name="back" value="review">
<label>Message <input type="text" name="message" maxlength="500" placeholder="ticket or reason" required></label> <button type="submit" class="primary">Approve ${esc(d.device)}</button></form>`
    : '<p class="muted">Approving needs the approver role.</p>';
  return `<section class="drift" id="drift-${d.id}"><h2><a href="/devices/${n}">${esc(d.device)}</a> <span class="sev sev-${esc(d.severity)}">${esc(d.severity)}</span> <small>+${d.added} −${d.removed}</small></h2>
<dl class="meta"><dt>First seen</dt><dd>${esc(d.firstSeen)}</dd><dt>Last seen</dt><dd>${esc(d.lastSeen)}</dd><dt>Changed by</dt><dd>${attribution(it.attribution)}</dd>
<dt>Ticket</dt><dd>${it.ticket ? esc(it.ticket) : '<span class="muted">none</span>'}</dd><dt>Sections</dt><dd>${esc(it.diff?.sections.join(', ') || '—')}</dd></dl>
${it.error ? `<p class="error">${esc(it.error)}</p>` : it.diff ? renderSideBySide(it.diff.diff, { left: `baseline ${short(d.baselineCommit)}`, right: `current ${short(d.currentCommit)}` }) : ''}
${form}</section>`;
}

export function renderReview(m: ReviewModel): string {
  const head = `<h1>Review queue</h1><p class="muted">${m.total} open unauthorized change${m.total === 1 ? '' : 's'}, oldest first${m.device ? ` · device ${esc(m.device)} · <a href="/review">all</a>` : ''}.</p>`;
  const body = m.items.length ? m.items.map((i) => item(i, m)).join('\n') : '<p class="empty-queue">Nothing to review: no open drift.</p>';
  const pager = [
    m.page > 1 ? `<a href="/review${qs({ device: m.device, page: m.page - 1 })}">previous page</a>` : '',
    m.page * m.perPage < m.total ? `<a href="/review${qs({ device: m.device, page: m.page + 1 })}">next page</a>` : '',
  ].filter(Boolean).join(' · ');
  return page(m.frame, head + body + (pager ? `<p class="pager">${pager}</p>` : ''));
}
