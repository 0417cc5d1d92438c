/**
 * Routing (pure): which configured channels an alert goes to.
 *
 * - Notices (`alert.notice: true`: authorized changes, expired expectations, fixed findings) go
 *   only to channels with `notices: true`, and there ignore `min_severity`.
 * - `min_severity` (info < warning < critical; the old word `normal` means warning): the alert's severity must reach it. Exception:
 *   `info` alerts (drift-resolved, drift-approved, pull-recovered) ignore `min_severity`, so a
 *   channel that heard about a problem also hears that it ended; they still obey groups/tags.
 * - `groups`: the device's group must be one of them.
 * - `tags`: the device must carry at least one of them.
 * An absent or empty filter list does not filter.
 */
import type { RoutableChannel } from './channel-schemas.js';
import { SEVERITY_RANK, type Alert } from './types.js';
import { safeHost } from './http.js';

/** A channel's identity in the outbox: its `name`, or `<type>#<index in alerts list>`. */
export function channelId(channel: Pick<RoutableChannel, 'name' | 'type'>, index: number): string {
  return channel.name ?? `${channel.type}#${index}`;
}

/** Channels by id, for delivery. Duplicate ids are a config error (they would share an outbox queue). */
export function channelMap<C extends RoutableChannel>(channels: readonly C[]): Map<string, C> {
  const map = new Map<string, C>();
  channels.forEach((channel, index) => {
    const id = channelId(channel, index);
    if (map.has(id)) throw new Error(`alerts: two channels are named ${JSON.stringify(id)}; channel names must be unique`);
    map.set(id, channel);
  });
  return map;
}

export function matches(alert: Alert, channel: RoutableChannel): boolean {
  if (alert.notice && channel.notices !== true) return false;
  if (!alert.notice && alert.severity !== 'info' && channel.min_severity) {
    if (SEVERITY_RANK[alert.severity] < SEVERITY_RANK[channel.min_severity]) return false;
  }
  if (channel.groups?.length) {
    if (!alert.device.group || !channel.groups.includes(alert.device.group)) return false;
  }
  if (channel.tags?.length) {
    if (!alert.device.tags.some((t) => channel.tags!.includes(t))) return false;
  }
  return true;
}

export interface RoutedChannel<C extends RoutableChannel = RoutableChannel> {
  id: string;
  channel: C;
}

export function channelsFor<C extends RoutableChannel>(alert: Alert, channels: readonly C[]): RoutedChannel<C>[] {
  return channels.flatMap((channel, index) => (matches(alert, channel) ? [{ id: channelId(channel, index), channel }] : []));
}

/** A channel for logs and messages without secrets: `slack (hooks.slack.com)`, `email (smtp.example.com:25)`. */
export function describeChannel(channel: RoutableChannel): string {
  switch (channel.type) {
    case 'email':
      return `email (${channel.host}:${channel.port})`;
    case 'slack':
      return `slack (${safeHost(channel.webhook_url)})`;
    case 'webhook':
      return `webhook (${safeHost(channel.url)})`;
  }
}
