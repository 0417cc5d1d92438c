/**
 * Slack rendering (pure): a Block Kit payload for an incoming webhook.
 *
 * Escaping per field type: `plain_text` is shown as is by Slack (an `&lt;` would appear
 * literally), so it gets only cleaning (no controls, no bidi) and length limits; `mrkdwn` (the
 * diff code block) is escaped (`&`, `<`, `>`) so mentions and links a device injects stay
 * literal, and has no two adjacent backticks, so it cannot close its fence. Device-controlled
 * text never appears in mrkdwn outside that code block. One config line stays one line of the
 * code block (diff-lines.ts). Limits: section text ≤ 3000, field ≤ 2000, header ≤ 150, ≤ 50
 * blocks; text is cut before escaping, so an entity is never split.
 */
import { diffLines } from '../diff-lines.js';
import { cleanMultiline, oneLine, slackCode, slackCodeCost, slackLine, takeFitting, truncate } from '../escape.js';
import { alertFields, safeLink } from '../fields.js';
import { nextSteps } from '../next-steps.js';
import { headline } from '../subject.js';
import { KIND_TITLES, type Alert, type Severity } from '../types.js';
import type { SlackChannelConfig } from './schema.js';

export const SLACK_LIMITS = { sectionText: 3000, field: 2000, fields: 10, header: 150, blocks: 50, fallback: 300 };

type PlainText = { type: 'plain_text'; text: string };
type Mrkdwn = { type: 'mrkdwn'; text: string };
export type SlackButton = { type: 'button'; text: PlainText; url: string; action_id: string };
export type SlackBlock =
  | { type: 'header'; text: PlainText }
  | { type: 'section'; text: PlainText | Mrkdwn }
  | { type: 'section'; fields: PlainText[] }
  | { type: 'context'; elements: Array<PlainText | Mrkdwn> }
  | { type: 'actions'; elements: SlackButton[] }
  | { type: 'divider' };

export interface SlackPayload {
  /** Notification / fallback text (escaped: Slack parses <links> and mentions in it). */
  text: string;
  mrkdwn: false;
  blocks: SlackBlock[];
}

const ICON: Record<Severity, string> = { critical: '🚨', warning: '⚠️', info: '✅' };

/** plain_text: one clean line, unescaped, cut to `max`. */
export const plainLine = (s: string, max: number): PlainText => ({ type: 'plain_text', text: truncate(oneLine(s), max) || ' ' });
/** plain_text over several lines, unescaped, cut to `max`. */
export const plainText = (s: string, max: number): PlainText => ({ type: 'plain_text', text: truncate(cleanMultiline(s).replace(/\n+$/, ''), max) || ' ' });

const FENCE_OPEN = '```\n';
const FENCE_CLOSE = '\n```';

/**
 * The diff as a mrkdwn code block that fits in one section: whole lines while they fit, an
 * over-long first line cut, then "… N more lines".
 */
export function diffBlock(diff: string, max = SLACK_LIMITS.sectionText): string {
  const lines = diffLines(diff).map((l) => l.text);
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
    if (shown.length === 0) shown.push(takeFitting(line, budget - 1, slackCodeCost) + '…'); // one line longer than the budget
    break;
  }
  const rest = lines.length - shown.length;
  return FENCE_OPEN + slackCode(shown.join('\n')) + FENCE_CLOSE + (rest > 0 ? footer(rest) : '');
}

export function renderSlack(alert: Alert, _channel?: Omit<SlackChannelConfig, 'notices'>): SlackPayload {
  const L = SLACK_LIMITS;
  const blocks: SlackBlock[] = [];
  blocks.push({ type: 'header', text: plainLine(`${ICON[alert.severity]} ${KIND_TITLES[alert.kind]}: ${alert.device.name}`, L.header) });
  blocks.push({ type: 'section', text: plainLine(headline(alert), L.sectionText) });
  const fields = alertFields(alert).filter(([k]) => k !== 'Kind' && k !== 'Baseline');
  blocks.push({ type: 'section', fields: fields.slice(0, L.fields).map(([k, v]) => plainLine(`${k}: ${k === 'Commit' ? v.slice(0, 12) : v}`, 300)) });

  if (alert.sections?.length) {
    const max = 20;
    const list = alert.sections.slice(0, max).map((s) => `• ${oneLine(s)}`);
    if (alert.sections.length > max) list.push(`… ${alert.sections.length - max} more`);
    blocks.push({ type: 'section', text: plainText(`Sections touched:\n${list.join('\n')}`, 1500) });
  }
  if (alert.detail) blocks.push({ type: 'section', text: plainText(alert.detail, 1500) });
  if (alert.diff) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: diffBlock(alert.diff) } });
  const steps = nextSteps(alert);
  if (steps.length) blocks.push({ type: 'section', text: plainText(steps.map((s) => `• ${oneLine(s)}`).join('\n'), 1500) });
  const link = safeLink(alert);
  if (link && link.length <= 3000) {
    blocks.push({ type: 'actions', elements: [{ type: 'button', text: plainLine('Review', 75), url: link, action_id: 'driftwatch-review' }] });
  }
  blocks.push({ type: 'context', elements: [plainLine(`driftwatch · ${alert.kind} · alert ${alert.id}`, 300)] });

  const fallback = `${alert.severity.toUpperCase()} ${alert.device.name}: ${headline(alert)}`;
  // The top-level text is parsed for <links> and @mentions whatever `mrkdwn` says: escaped.
  return { text: slackLine(fallback, L.fallback), mrkdwn: false, blocks: blocks.slice(0, L.blocks) };
}
