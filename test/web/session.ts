/** A cookie-keeping client for the page over real HTTP (not a test file): log in with a token like a browser would. */
import type { Fleet } from '../http/fleet.js';

export class WebClient {
  readonly cookies = new Map<string, string>();
  constructor(private readonly f: Fleet) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const r = await fetch(this.f.server.url + path, { ...init, headers, redirect: 'manual' });
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const [k, v] = [pair!.slice(0, i), pair!.slice(i + 1)];
      if (v) this.cookies.set(k, v);
      else this.cookies.delete(k);
    }
    return r;
  }

  post(path: string, fields: Record<string, string>): Promise<Response> {
    return this.request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
  }

  /** The hidden _csrf value of the first form on a page. */
  static csrfOf(html: string): string {
    const m = /name="_csrf" value="([^"]+)"/.exec(html);
    if (!m) throw new Error('no CSRF field on the page');
    return m[1]!;
  }

  async login(token: string): Promise<Response> {
    const form = await (await this.request('/login')).text();
    return this.post('/login', { _csrf: WebClient.csrfOf(form), token, next: '/' });
  }
}
