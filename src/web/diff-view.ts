/**
 * A unified diff as a side-by-side table (pure): removed lines on the left, added on the right,
 * paired in order within each change; hunk headers keep their config-section label.
 */
import { esc } from './html.js';

interface Row {
  kind: 'hunk' | 'ctx' | 'change';
  left?: string;
  right?: string;
  leftNo?: number;
  rightNo?: number;
  label?: string;
}

export function sideBySideRows(diff: string): Row[] {
  const rows: Row[] = [];
  let dels: Array<[number, string]> = [];
  let adds: Array<[number, string]> = [];
  let oldNo = 0;
  let newNo = 0;
  const flush = () => {
    for (let i = 0; i < Math.max(dels.length, adds.length); i++) {
      rows.push({ kind: 'change', leftNo: dels[i]?.[0], left: dels[i]?.[1], rightNo: adds[i]?.[0], right: adds[i]?.[1] });
    }
    dels = [];
    adds = [];
  };
  for (const line of diff.split('\n')) {
    if (line.startsWith('--- ') || line.startsWith('+++ ')) continue;
    const h = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@ ?(.*)$/.exec(line);
    if (h) {
      flush();
      oldNo = Number(h[1]);
      newNo = Number(h[2]);
      rows.push({ kind: 'hunk', label: h[3] || '' });
    } else if (line.startsWith('-')) dels.push([oldNo++, line.slice(1)]);
    else if (line.startsWith('+')) adds.push([newNo++, line.slice(1)]);
    else if (line.startsWith(' ')) {
      flush();
      rows.push({ kind: 'ctx', leftNo: oldNo++, left: line.slice(1), rightNo: newNo++, right: line.slice(1) });
    }
  }
  flush();
  return rows;
}

export function renderSideBySide(diff: string, labels: { left: string; right: string }): string {
  if (!diff.trim()) return '<p class="muted">No difference (ignored and volatile lines left out).</p>';
  const cell = (no: number | undefined, text: string | undefined, cls: string) =>
    text === undefined ? '<td class="no"></td><td class="empty"></td>' : `<td class="no">${no ?? ''}</td><td class="${cls}"><code>${esc(text)}</code></td>`;
  const body = sideBySideRows(diff)
    .map((r) =>
      r.kind === 'hunk'
        ? `<tr class="hunk"><th colspan="4">${esc(r.label || 'change')}</th></tr>`
        : r.kind === 'ctx'
          ? `<tr>${cell(r.leftNo, r.left, 'ctx')}${cell(r.rightNo, r.right, 'ctx')}</tr>`
          : `<tr>${cell(r.leftNo, r.left, 'del')}${cell(r.rightNo, r.right, 'add')}</tr>`,
    )
    .join('\n');
  return `<table class="diff"><colgroup><col class="no"><col><col class="no"><col></colgroup><thead><tr><th colspan="2">${esc(labels.left)}</th><th colspan="2">${esc(labels.right)}</th></tr></thead><tbody>${body}</tbody></table>`;
}
