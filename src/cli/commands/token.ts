/** `driftwatch token create|list|revoke`: API tokens. The secret is printed once and never stored. */
import type { Command } from 'commander';
import { userInfo } from 'node:os';
import { createToken, parseExpiry, parseRole } from '../../auth/tokens.js';
import { EXIT } from '../../core/exit-codes.js';
import { AuditRepo } from '../../state/audit-repo.js';
import { TokensRepo } from '../../state/tokens-repo.js';
import { StateDb } from '../../store/state.js';
import { CliExit, loadConfigOrExit } from '../context.js';

function withRepos<T>(program: Command, fn: (tokens: TokensRepo, audit: AuditRepo) => T): T {
  const cfg = loadConfigOrExit(program.opts().config, true);
  const state = StateDb.open(cfg.state);
  try {
    return fn(new TokensRepo(state.db), new AuditRepo(state.db));
  } finally {
    state.close();
  }
}

const usage = (fn: () => unknown) => {
  try {
    return fn();
  } catch (err) {
    throw new CliExit(EXIT.usage, (err as Error).message);
  }
};

export function registerToken(program: Command): void {
  const token = program.command('token').description('API tokens for the HTTP API and the review page');
  token
    .command('create')
    .requiredOption('--name <name>', 'who or what uses it (shown in the audit log)')
    .requiredOption('--role <role>', 'viewer | approver | admin')
    .option('--expires <duration>', 'lifetime, e.g. 90d, 12h (default: never)')
    .description('create a token and print it (once) as the only line on stdout')
    .action((opts: { name: string; role: string; expires?: string }) => {
      const role = usage(() => parseRole(opts.role)) as ReturnType<typeof parseRole>;
      const expiresInMs = opts.expires ? (usage(() => parseExpiry(opts.expires!)) as number) : undefined;
      withRepos(program, (tokens, audit) => {
        const now = new Date();
        const { token: secret, row } = usage(() => createToken(tokens, { name: opts.name, role, expiresInMs, now })) as ReturnType<typeof createToken>;
        audit.record({ actor: userInfo().username, action: 'token-create', target: row.name, detail: `#${row.id} role ${row.role}${row.expiresAt ? ` until ${row.expiresAt}` : ''}`, address: 'cli' }, now);
        process.stdout.write(secret + '\n');
      });
    });
  token
    .command('list')
    .option('--json', 'one JSON object per token per line')
    .description('list tokens (never their secrets)')
    .action((opts: { json?: boolean }) =>
      withRepos(program, (tokens) => {
        for (const t of tokens.list()) {
          const state = t.revokedAt ? `revoked ${t.revokedAt}` : t.expiresAt && t.expiresAt <= new Date().toISOString() ? `expired ${t.expiresAt}` : 'active';
          if (opts.json) process.stdout.write(JSON.stringify({ ...t, state: state.split(' ')[0] }) + '\n');
          else process.stdout.write(`#${String(t.id).padEnd(4)} ${t.name.padEnd(24)} ${t.role.padEnd(9)} created ${t.createdAt} ${t.expiresAt ? `expires ${t.expiresAt} ` : ''}${state}\n`);
        }
      }),
    );
  token
    .command('revoke')
    .argument('<id-or-name>', 'token id (#N from token list) or name (all its live tokens)')
    .description('revoke a token: API calls and web sessions with it stop working at once')
    .action((which: string) =>
      withRepos(program, (tokens, audit) => {
        const now = new Date();
        const revoked = tokens.revoke(which.replace(/^#/, ''), now);
        if (!revoked.length) throw new CliExit(EXIT.failure, `no live token ${JSON.stringify(which)}`);
        for (const t of revoked) audit.record({ actor: userInfo().username, action: 'token-revoke', target: t.name, detail: `#${t.id}`, address: 'cli' }, now);
        process.stdout.write(`revoked ${revoked.map((t) => `#${t.id} ${t.name}`).join(', ')}\n`);
      }),
    );
}
