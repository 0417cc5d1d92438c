/**
 * A small real fleet for the HTTP tests (not a test file): simulated IOS devices over SSH, a real
 * git store and SQLite file, one device drifted (an unauthorized change, attributed to mallory),
 * and the HTTP server on 127.0.0.1 with an injectable clock. Tokens of every role.
 */
import { execFileSync } from 'node:child_process';
import { createToken } from '../../src/auth/tokens.js';
import { loadConfigFile } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';
import { createLogger } from '../../src/core/log.js';
import { startHttpServer, type HttpServer } from '../../src/http/server.js';
import { Metrics } from '../../src/metrics/metrics.js';
import { SimDevice } from '../../src/sim/device.js';
import { generateIosTranscript } from '../../src/sim/generate-ios.js';
import { TokensRepo, type Role } from '../../src/state/tokens-repo.js';
import { Archive } from '../../src/store/archive.js';
import { StateDb } from '../../src/store/state.js';
import { pullAndDeliver } from '../../src/app/pull-now.js';
import { makeWorkspace, TEST_ENV, type Workspace } from '../helpers/workspace.js';

const CONFIG = 'show running-config';

export interface Fleet {
  ws: Workspace;
  cfg: Config;
  archive: Archive;
  state: StateDb;
  server: HttpServer;
  metrics: Metrics;
  tokens: Record<Role, string>;
  /** The injected clock: tests move it. */
  clock: { now: Date };
  git(...args: string[]): string;
  newToken(role: Role, name?: string): string;
  close(): Promise<void>;
}

export async function startFleet(opts: { http?: Record<string, unknown>; loginAttemptsPerMinute?: number } = {}): Promise<Fleet> {
  const sims = await Promise.all(['r1', 'r2', 'r3'].map((h, i) => new SimDevice({ transcript: generateIosTranscript({ hostname: h, lines: 120, seed: i }), name: h }).start()));
  const ws = makeWorkspace(
    [
      { name: 'r1', sim: sims[0]!, group: 'core' },
      { name: 'r2', sim: sims[1]!, group: 'edge' },
      { name: 'r3', sim: sims[2]!, group: 'edge' },
    ],
    { http: { listen: '127.0.0.1:0', public_url: 'https://dw.example.test', ...opts.http } },
  );
  const cfg = loadConfigFile(ws.config, TEST_ENV);
  const archive = await Archive.open(cfg.store);
  const state = StateDb.open(cfg.state);
  const log = createLogger('silent');
  const clock = { now: new Date() };
  await pullAndDeliver({ cfg, archive, state, log, clock: () => new Date() }, cfg.devices);
  sims[0]!.mutate(CONFIG, (t) =>
    t
      .replace(/^( transport input ssh)$/m, ' transport input ssh telnet')
      .replace(/^(hostname .*)$/m, '$1\nusername evil privilege 15 secret 0 Sup3rS3cret')
      .replace(/^! Last configuration change at .*$/m, '! Last configuration change at 03:14:15 UTC Wed Nov 25 2026 by mallory'),
  );
  await pullAndDeliver({ cfg, archive, state, log, clock: () => new Date() }, cfg.devices);
  const metrics = new Metrics();
  const server = await startHttpServer({ config: () => cfg, archive, log, now: () => clock.now, metrics, loginAttemptsPerMinute: opts.loginAttemptsPerMinute });
  const repo = new TokensRepo(state.db);
  const newToken = (role: Role, name = `${role}-user`) => createToken(repo, { name, role, now: clock.now }).token;
  const tokens = { viewer: newToken('viewer', 'vera'), approver: newToken('approver', 'alice'), admin: newToken('admin', 'root-admin') };
  return {
    ws, cfg, archive, state, server, metrics, tokens, clock, newToken,
    git: (...args) => execFileSync('git', ['-C', ws.store, ...args], { encoding: 'utf8' }).trim(),
    async close() {
      await server.close();
      state.close();
      await Promise.all(sims.map((s) => s.close()));
      ws.cleanup();
    },
  };
}

/** fetch against the server with an optional Bearer token. */
export function api(f: Fleet, path: string, init: RequestInit & { token?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  return fetch(f.server.url + path, { ...init, headers, redirect: 'manual' });
}
