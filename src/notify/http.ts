/** The one HTTP POST both Slack and generic webhooks use: global fetch, timeout + abort, no redirects, secret-free errors. */
import { DEFAULT_SEND_TIMEOUT_MS, sendSignal } from './abort.js';
import { errorText, oneLine, redact } from './escape.js';
import type { SendOptions } from './types.js';

export const HTTP_TIMEOUT_MS = DEFAULT_SEND_TIMEOUT_MS;

/** Host (and port) of a URL, the only part of a webhook URL that may appear in messages. */
export function safeHost(url: string): string {
  try {
    return new URL(url).host || 'invalid-url';
  } catch {
    return 'invalid-url';
  }
}

export async function postJson(what: string, url: string, body: string, headers: Record<string, string>, opts: SendOptions = {}): Promise<void> {
  const host = safeHost(url);
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (parsed && parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`${what} (${host}): only http and https URLs are allowed`);
  const secrets = [url, parsed?.pathname, parsed?.search, parsed?.password && decodeURIComponent(parsed.password)];
  // fetch refuses URLs with credentials: move `user:pass@` into a Basic Authorization header.
  let target = url;
  const sendHeaders = { ...headers };
  if (parsed && (parsed.username || parsed.password)) {
    const user = decodeURIComponent(parsed.username);
    const pass = decodeURIComponent(parsed.password);
    parsed.username = '';
    parsed.password = '';
    target = parsed.toString();
    const hasAuth = Object.keys(sendHeaders).some((k) => k.toLowerCase() === 'authorization');
    if (!hasAuth) sendHeaders['authorization'] = 'Basic ' + Buffer.from(`${user}:${pass}`).toString('base64');
  }
  // One signal for the whole exchange, body included: a server that sends headers and then stalls is cut too.
  const signal = sendSignal(opts.signal, opts.timeoutMs ?? HTTP_TIMEOUT_MS);
  let res: Response;
  try {
    res = await fetch(target, { method: 'POST', headers: sendHeaders, body, redirect: 'manual', signal });
  } catch (err) {
    throw new Error(`${what} (${host}) failed: ${redact(errorText(err), secrets)}`);
  }
  let text = '';
  try {
    text = await res.text();
  } catch {
    // The status is what matters; an unreadable body only loses detail.
  }
  if (res.status < 200 || res.status > 299) {
    const excerpt = redact(oneLine(text), secrets).slice(0, 200);
    throw new Error(`${what} (${host}) returned HTTP ${res.status}${excerpt ? `: ${excerpt}` : ''}`);
  }
}
