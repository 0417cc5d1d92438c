/** Under TLS (http.tls) the server speaks HTTPS and every cookie carries Secure; HSTS is sent. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFleet, type Fleet } from './fleet.js';

let f: Fleet;
let dir: string;
let ca: Buffer;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'driftwatch-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  ca = readFileSync(join(dir, 'cert.pem'));
  f = await startFleet({ http: { tls: { cert: join(dir, 'cert.pem'), key: join(dir, 'key.pem') } } });
});
after(async () => {
  await f?.close();
  rmSync(dir, { recursive: true, force: true });
});

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(f.server.url + path, { ca, headers }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('HTTPS: cookies are Secure, HSTS is sent, the API works with a token', async () => {
  assert.match(f.server.url, /^https:\/\/127\.0\.0\.1:\d+$/);
  const login = await get('/login');
  assert.equal(login.status, 200);
  const cookies = login.headers['set-cookie'] as string[];
  assert.ok(cookies.length && cookies.every((c) => /; Secure/.test(c) && /HttpOnly/.test(c)), cookies.join('\n'));
  assert.match(String(login.headers['strict-transport-security']), /max-age=/);
  const api = await get('/api/v1/devices', { authorization: `Bearer ${f.tokens.viewer}` });
  assert.equal(api.status, 200);
  assert.equal(JSON.parse(api.body).devices.length, 3);
});
