/** Fleet overview (pure): counts, filters by group/tag/status, devices worst first. Built for 10,000 rows. */
import type { DeviceFilter } from '../http/filters.js';
import type { DeviceSummary } from '../http/ports.js';
import { badge, esc, page, qs, type Frame } from './html.js';

export interface OverviewModel {
  frame: Frame;
  counts: Record<string, number>;
  /** All matching devices, sorted; one page of them is shown. */
  devices: DeviceSummary[];
  page: number;
  perPage: number;
  filter: DeviceFilter;
  groups: string[];
  tags: string[];
}

const STATES = ['failing', 'drifted', 'never', 'ok'];

function options(values: string[], selected: string | undefined, all: string): string {
  return `<option value="">${all}</option>` + values.map((v) => `<option${v === selected ? ' selected' : ''}>${esc(v)}</option>`).join('');
}

function row(d: DeviceSummary): string {
  const n = encodeURIComponent(d.name);
  const drift = d.openDrift
    ? `<a href="/review${qs({ device: d.name })}#drift-${d.openDrift.id}" class="sev sev-${esc(d.openDrift.severity)}">${esc(d.openDrift.severity)} +${d.openDrift.added} −${d.openDrift.removed}</a>`
    : '';
  const problem = d.state === 'failing' ? `${esc(d.lastErrorKind)} ×${d.consecutiveFailures}` : '';
  return `<tr class="st-${d.state}"><td><a href="/devices/${n}">${esc(d.name)}</a></td><td>${badge(d.state)}</td><td>${drift}</td><td>${problem}</td><td>${esc(d.group)}</td><td>${esc(d.platform)}</td><td>${esc(d.tags.join(', '))}</td><td>${esc(d.lastPullAt ?? 'never')}</td></tr>`;
}

export function renderOverview(m: OverviewModel): string {
  const f = m.filter;
  const count = (state: string, label: string) =>
    `<a class="tile tile-${state}" href="/${qs({ ...f, status: state === 'total' ? undefined : state })}"><b>${m.counts[state] ?? 0}</b> ${label}</a>`;
  const from = (m.page - 1) * m.perPage;
  const shown = m.devices.slice(from, from + m.perPage);
  const rows: string[] = new Array(shown.length);
  for (let i = 0; i < shown.length; i++) rows[i] = row(shown[i]!);
  const pager = [
    m.page > 1 ? `<a href="/${qs({ ...f, page: m.page - 1 })}">previous ${m.perPage}</a>` : '',
    from + m.perPage < m.devices.length ? `<a href="/${qs({ ...f, page: m.page + 1 })}">next ${m.perPage}</a>` : '',
  ].filter(Boolean).join(' · ');
  const body = `<h1>Fleet</h1>
<div class="tiles">${count('total', 'devices')}${count('failing', 'failing')}${count('drifted', 'drifted')}${count('never', 'never pulled')}${count('ok', 'ok')}</div>
<form method="get" action="/" class="filters" id="filters">
<label>Group <select name="group">${options(m.groups, f.group, 'all')}</select></label>
<label>Tag <select name="tag">${options(m.tags, f.tag, 'all')}</select></label>
<label>Status <select name="status">${options(STATES, f.status, 'all')}</select></label>
<label>Name <input type="search" name="q" value="${esc(f.q)}" placeholder="name or host"></label>
<button type="submit">Filter</button> <a href="/">clear</a></form>
<p class="muted">${m.devices.length} match${shown.length < m.devices.length ? `, ${from + 1}–${from + shown.length} shown` : ''}; failing and drifted first. ${pager}</p>
<table class="devices"><thead><tr><th>Device</th><th>State</th><th>Open drift</th><th>Failure</th><th>Group</th><th>Platform</th><th>Tags</th><th>Last pull</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>${pager ? `<p class="pager">${pager}</p>` : ''}`;
  return page(m.frame, body);
}
