/**
 * The HTML part of an alert mail (pure): inline styles only, no remote content (no images,
 * fonts or stylesheets to fetch), every piece of text HTML-escaped, the only link `alert.link`
 * when it is http(s). The diff is coloured per line (added green, removed red) and keeps one
 * config line per line (diff-lines.ts makes line breaks inside a line visible instead).
 */
import { diffLines, type DiffLineKind } from '../diff-lines.js';
import { cleanMultiline, oneLine } from '../escape.js';
import { alertFields, safeLink, statsText } from '../fields.js';
import { nextSteps } from '../next-steps.js';
import { headline } from '../subject.js';
import { KIND_TITLES, type Alert, type Severity } from '../types.js';

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const SEVERITY_COLOUR: Record<Severity, string> = { critical: '#b42318', warning: '#b54708', info: '#027a48' };
const LINE_STYLE: Record<DiffLineKind, string> = {
  add: 'background:#e6ffec;color:#116329',
  del: 'background:#ffebe9;color:#82071e',
  hunk: 'background:#ddf4ff;color:#0550ae',
  file: 'color:#57606a;font-weight:bold',
  context: 'color:#24292f',
  note: 'color:#57606a',
};

const text = (s: string) => escapeHtml(oneLine(s));

function diffHtml(diff: string): string {
  const rows = diffLines(diff).map((l) => `<span style="display:block;${LINE_STYLE[l.kind]}">${escapeHtml(l.text) || '&#8203;'}</span>`);
  return `<pre style="font-family:Menlo,Consolas,monospace;font-size:12px;line-height:1.4;border:1px solid #d0d7de;padding:8px;overflow-x:auto;white-space:pre">${rows.join('')}</pre>`;
}

export function renderHtml(alert: Alert): string {
  const colour = SEVERITY_COLOUR[alert.severity];
  const parts: string[] = [
    `<p style="margin:0 0 4px 0"><span style="background:${colour};color:#fff;padding:2px 6px;border-radius:3px;font-weight:bold">${alert.severity.toUpperCase()}</span> <b>${text(KIND_TITLES[alert.kind])}</b> on <b>${text(alert.device.name)}</b></p>`,
    `<p style="margin:0 0 12px 0;font-size:15px">${text(headline(alert))}</p>`,
  ];
  if (alert.notice) parts.push('<p style="color:#57606a">Notice: for your information, nothing to do.</p>');
  const steps = nextSteps(alert);
  const link = safeLink(alert);
  if (steps.length || link) {
    const items = steps.map((s) => `<li><code>${text(s)}</code></li>`);
    if (link) items.push(`<li><a href="${escapeHtml(link)}">Review it online</a></li>`);
    parts.push(`<p style="margin:0"><b>What to do</b></p><ul style="margin-top:4px">${items.join('')}</ul>`);
  }
  const rows = alertFields(alert).map(([k, v]) => `<tr><td style="color:#57606a;padding:1px 12px 1px 0">${text(k)}</td><td>${text(v)}</td></tr>`);
  parts.push(`<table style="border-collapse:collapse;font-size:13px">${rows.join('')}</table>`);
  if (alert.sections?.length) {
    parts.push(`<p style="margin:12px 0 0 0"><b>Sections touched</b></p><ul style="margin-top:4px">${alert.sections.map((s) => `<li><code>${text(s)}</code></li>`).join('')}</ul>`);
  }
  if (alert.detail) parts.push(`<pre style="white-space:pre-wrap">${escapeHtml(cleanMultiline(alert.detail))}</pre>`);
  if (alert.diff) {
    const stats = statsText(alert);
    parts.push(`<p style="margin:12px 0 4px 0"><b>Diff${stats ? ` (${escapeHtml(stats)})` : ''}</b></p>`, diffHtml(alert.diff));
  }
  parts.push(`<p style="color:#57606a;font-size:11px">driftwatch alert ${text(alert.id)}</p>`);
  return `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#24292f">${parts.join('\n')}</body></html>\n`;
}
