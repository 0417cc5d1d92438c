/** Device page (pure): facts, host key, baseline, config at a revision, history, compare any two revisions, pulls. */
import type { DeviceDetail, DiffView, Revision } from '../http/ports.js';
import { renderSideBySide } from './diff-view.js';
import { badge, esc, page, qs, short, type Frame } from './html.js';

export interface DeviceModel {
  frame: Frame;
  device: DeviceDetail;
  history: Revision[];
  config: { commit: string; text: string } | null;
  compare: DiffView | null;
  from?: string;
  to?: string;
  canApprove: boolean;
  error?: string;
}

function revOptions(history: Revision[], selected: string | undefined, fallback: string): string {
  const sel = selected ?? fallback;
  const opts = [{ v: 'baseline', t: 'baseline' }, { v: 'HEAD', t: 'HEAD (latest)' }, ...history.map((h) => ({ v: h.commit, t: `${short(h.commit)} ${h.date}` }))];
  return opts.map((o) => `<option value="${esc(o.v)}"${o.v === sel ? ' selected' : ''}>${esc(o.t)}</option>`).join('');
}

export function renderDevice(m: DeviceModel): string {
  const d = m.device;
  const n = encodeURIComponent(d.name);
  const facts = Object.entries(d.facts).map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(typeof v === 'string' ? v : JSON.stringify(v))}</dd>`).join('') || '<dd class="muted">none yet</dd>';
  const hk = d.hostKey ? `${esc(d.hostKey.keyType)} <code>${esc(d.hostKey.fingerprint)}</code> (pinned ${esc(d.hostKey.firstSeen)}, last seen ${esc(d.hostKey.lastSeen)})` : '<span class="muted">not pinned yet</span>';
  const baseline = d.baseline ? `<code>${short(d.baseline.commit)}</code> approved ${esc(d.baseline.approvedAt)}${d.baseline.approvedBy ? ` by ${esc(d.baseline.approvedBy)}` : ''}${d.baseline.message ? ` — ${esc(d.baseline.message)}` : ''}` : '<span class="muted">none</span>';
  const history = m.history
    .map((h) => {
      const who = h.attribution['Changed-By'] ? ` · by ${esc(h.attribution['Changed-By'])}` : '';
      return `<li><a href="/devices/${n}${qs({ rev: h.commit })}#config"><code>${short(h.commit)}</code></a> ${esc(h.date)} ${esc(h.subject)}${who}${d.baseline?.commit === h.commit ? ' <span class="badge badge-ok">baseline</span>' : ''} <a href="/devices/${n}${qs({ from: 'baseline', to: h.commit })}#compare">diff vs baseline</a></li>`;
    })
    .join('');
  const pulls = d.pulls.map((p) => `<tr><td>${esc(p.startedAt)}</td><td>${esc(p.result)}</td><td>${esc(p.errorKind)}</td><td>${p.durationMs} ms</td><td><code>${short(p.commit)}</code></td></tr>`).join('');
  const approve =
    d.openDrift && m.canApprove
      ? `<form method="post" action="/devices/${n}/approve" class="approve"><input type="hidden" name="_csrf" value="${esc(m.frame.csrf)}"><input type="hidden" name="back" value="device"><label>Message <input type="text" name="message" maxlength="500" required></label> <button type="submit" class="primary">Approve current config</button></form>`
      : '';
  const body = `<h1>${esc(d.name)} ${badge(d.state)}</h1>
${m.error ? `<p class="error">${esc(m.error)}</p>` : ''}
<dl class="meta"><dt>Host</dt><dd>${esc(d.host)}</dd><dt>Platform</dt><dd>${esc(d.platform)}</dd><dt>Group</dt><dd>${esc(d.group ?? '—')}</dd><dt>Tags</dt><dd>${esc(d.tags.join(', ') || '—')}</dd>
<dt>Last pull</dt><dd>${esc(d.lastPullAt ?? 'never')} ${esc(d.lastResult ?? '')}${d.state === 'failing' ? ` (${esc(d.lastErrorKind)}: ${esc(d.lastError)})` : ''}</dd>
<dt>Baseline</dt><dd>${baseline}</dd><dt>Open drift</dt><dd>${d.openDrift ? `<a href="/review${qs({ device: d.name })}#drift-${d.openDrift.id}">${esc(d.openDrift.severity)} +${d.openDrift.added} −${d.openDrift.removed}</a>` : 'none'}</dd><dt>Host key</dt><dd>${hk}</dd></dl>
${approve}
<h2>Facts</h2><dl class="meta">${facts}</dl>
<h2 id="compare">Compare revisions</h2>
<form method="get" action="/devices/${n}#compare" class="filters"><label>From <select name="from">${revOptions(m.history, m.from, 'baseline')}</select></label><label>To <select name="to">${revOptions(m.history, m.to, 'HEAD')}</select></label><button type="submit">Compare</button></form>
${m.compare ? `<p>${m.compare.drifted ? `${esc(m.compare.severity)} · +${m.compare.added} −${m.compare.removed}` : 'no difference'}</p>${renderSideBySide(m.compare.diff, { left: short(m.compare.from), right: short(m.compare.to) })}` : ''}
<h2>History</h2><ol class="history">${history || '<li class="muted">nothing stored yet</li>'}</ol>
<h2 id="config">Config ${m.config ? `at <code>${short(m.config.commit)}</code>` : ''}</h2>
${m.config ? `<pre class="config"><code>${esc(m.config.text)}</code></pre>` : '<p class="muted">nothing stored yet</p>'}
<h2>Recent pulls</h2><table><thead><tr><th>Started</th><th>Result</th><th>Error</th><th>Duration</th><th>Commit</th></tr></thead><tbody>${pulls}</tbody></table>`;
  return page(m.frame, body);
}
