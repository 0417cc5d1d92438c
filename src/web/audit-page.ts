/** Audit log page (pure). */
import type { AuditEntry } from '../state/audit-repo.js';
import { esc, page, qs, type Frame } from './html.js';

export function renderAudit(frame: Frame, entries: AuditEntry[], perPage: number): string {
  const rows = entries.map((e) => `<tr><td>${esc(e.at)}</td><td>${esc(e.actor)}</td><td>${esc(e.action)}</td><td>${esc(e.target ?? '')}</td><td>${esc(e.detail ?? '')}</td><td>${esc(e.address ?? '')}</td></tr>`).join('');
  const last = entries[entries.length - 1];
  const more = entries.length === perPage && last ? `<p><a href="/audit${qs({ before: last.id })}">older</a></p>` : '';
  return page(frame, `<h1>Audit log</h1><table class="audit"><thead><tr><th>When</th><th>Who</th><th>What</th><th>Target</th><th>Detail</th><th>From</th></tr></thead><tbody>${rows || '<tr><td colspan="6" class="muted">empty</td></tr>'}</tbody></table>${more}`);
}
