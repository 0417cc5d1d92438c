/**
 * Slack rendering (pure): a Block Kit payload for an incoming webhook.
 *
 * Safety rules: every text is escaped (`&`, `<`, `>`), so mentions and links a device or the
 * inventory injects stay literal; device-controlled text only ever appears in `plain_text`
 * objects or inside a code block, so mrkdwn characters (`*_~`) in it cannot format anything;
 * code-block content has no two adjacent backticks, so it cannot close its fence.
 * Limits: section text ≤ 3000, field ≤ 2000, header ≤ 150, ≤ 50 blocks; text is cut before
 * escaping, so an entity is never split.
 */
import type { SlackChannelConfig } from './schema.js';
import { cleanMultiline, slackCode, slackCodeCost, slackLine, slackText, takeFitting } from '../escape.js';
import { attributionText, statsSuffix } from '../email/render.js';
import { KIND_TITLES, type Alert, type Severity } from '../types.js';

export const SLACK_LIMITS = { sectionText: 3000, field: 2000, fields: 10, header: 150, blocks: 50, fallback: 300 };

type PlainText = { type: 'plain_text'; text: string };
type Mrkdwn = { type: 'mrkdwn'; text: string };
export type SlackBlock =
  | { type: 'header'; text: PlainText }
  | { type: 'section'; text: PlainText | Mrkdwn }
  | { type: 'section'; fields: PlainText[] }
  | { type: 'context'; elements: Array<PlainText | Mrkdwn> }
  | { type: 'divider' };

export interface SlackPayload {
  /** Notification / fallback text (escaped; rendered without mrkdwn). */
  text: string;
  mrkdwn: false;
  blocks: SlackBlock[];
}

const ICON: Record<Severity, string> = { critical: '🚨', warning: '⚠️', info: '✅' };

const plain = (text: string): PlainText => ({ type: 'plain_text', text });

const FENCE_OPEN = '```\n';
const FENCE_CLOSE = '\n```';

/**
 * The diff as a code block that fits in one section: whole lines while they fit, an over-long
 * first line cut, then "… N more lines".
 */
export function diffBlock(diff: string, max = SLACK_LIMITS.sectionText): string {
  const lines = cleanMultiline(diff).replace(/\n+$/, '').split('\n');
  const footer = (n: number) => `\n… ${n.toLocaleString('en-US')} more line${n === 1 ? '' : 's'}`;
  // Reserve room for the fences and the longest possible footer.
  const budget = max - FENCE_OPEN.length - FENCE_CLOSE.length - footer(lines.length).length;
  const shown: string[] = [];
  let used = 0;
  for (const line of lines) {
    const cost = slackCode(line).length + (shown.length ? 1 : 0);
    if (used + cost <= budget) {
      shown.push(line);
      used += cost;
      continue;
    }
    if (shown.length === 0) {
      // A single line longer than the whole budget: show its start.
      shown.push(takeFitting(line, budget - 1, slackCodeCost) + '…');
    }
    break;
  }
  const rest = lines.length - shown.length;
  return FENCE_OPEN + slackCode(shown.join('\n')) + FENCE_CLOSE + (rest > 0 ? footer(rest) : '');
}

export function renderSlack(alert: Alert, _channel?: SlackChannelConfig): SlackPayload {
  const d = alert.device;
  const L = SLACK_LIMITS;
  const blocks: SlackBlock[] = [];

  blocks.push({ type: 'header', text: plain(slackLine(`${ICON[alert.severity]} ${KIND_TITLES[alert.kind]}: ${d.name}`, L.header)) });
  blocks.push({ type: 'section', text: plain(slackLine(alert.summary, L.sectionText)) });

  const fields: Array<[string, string | undefined]> = [
    ['Device', d.name],
    ['Severity', alert.severity.toUpperCase()],
    ['Host', d.host],
    ['Platform', d.platform],
    ['Group', d.group],
    ['Tags', d.tags.length ? d.tags.join(', ') : undefined],
    ['Changes', alert.stats ? `+${alert.stats.added} -${alert.stats.removed}` : undefined],
    ['Changed by', attributionText(alert.attribution)],
    ['Commit', alert.commit ? alert.commit.slice(0, 12) + (alert.baselineCommit ? ` (baseline ${alert.baselineCommit.slice(0, 12)})` : '') : undefined],
    ['Detected', alert.detectedAt],
  ];
  blocks.push({
    type: 'section',
    fields: fields
      .filter((f): f is [string, string] => !!f[1])
      .slice(0, L.fields)
      .map(([label, value]) => plain(slackLine(`${label}: ${value}`, 300))),
  });

  if (alert.sections?.length) {
    const max = 20;
    const list = alert.sections.slice(0, max).map((s) => `• ${s.replace(/[\r\n]+/g, ' ')}`);
    if (alert.sections.length > max) list.push(`… ${alert.sections.length - max} more`);
    blocks.push({ type: 'section', text: plain(slackText(`Sections touched:\n${list.join('\n')}`, 1500)) });
  }
  if (alert.detail) {
    blocks.push({ type: 'section', text: plain(slackText(alert.detail, 1500)) });
  }
  if (alert.diff) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: diffBlock(alert.diff) } });
  }
  blocks.push({ type: 'context', elements: [plain(slackLine(`driftwatch · ${alert.kind} · alert ${alert.id}`, 300))] });

  const fallback = `${alert.severity.toUpperCase()} ${d.name}: ${alert.summary}${statsSuffix(alert)}`;
  return { text: slackLine(fallback, L.fallback), mrkdwn: false, blocks: blocks.slice(0, L.blocks) };
}
