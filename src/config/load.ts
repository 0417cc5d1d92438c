/**
 * Read devices.yaml, check it completely, and return a typed Config or every problem found
 * (file:line and device name), so `driftwatch validate` can list them all at once.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { configSchema, type Config, type CredentialSet, type RawConfig } from './schema.js';
import { expandEnv } from './env.js';
import { ConfigError, type ConfigProblem } from './problems.js';
import { inShard } from './shard.js';
import { channelId } from '../notify/route.js';
import { mapSecretFields } from '../notify/channel-schemas.js';
import { validate as validCron } from 'node-cron';
import { isRegex, resolveDevices } from '../inventory/resolve.js';
import { yamlRecords } from '../inventory/yaml-source.js';
import { inventoryOf, windowProblems } from '../authorize/window-validate.js';

export { ConfigError, formatProblem, type ConfigProblem } from './problems.js';

export interface LoadOptions {
  /**
   * Report unset `${NAME}` variables (default). Commands that never log in (show, status, log,
   * diff, drift) pass false, so reading history does not need the device credentials.
   */
  requireSecrets?: boolean;
}

export function loadConfigFile(file: string, env: NodeJS.ProcessEnv = process.env, opts: LoadOptions = {}): Config {
  const path = resolve(file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError([{ file: path, message: `cannot read config: ${(err as NodeJS.ErrnoException).code ?? err}` }]);
  }
  return parseConfig(text, path, env, opts);
}

/** Pure: YAML text (+ env for ${NAME}) to Config. Throws ConfigError listing every problem. */
export function parseConfig(text: string, file: string, env: NodeJS.ProcessEnv = {}, opts: LoadOptions = {}): Config {
  const requireSecrets = opts.requireSecrets ?? true;
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: true });
  const lineOf = (path: ReadonlyArray<PropertyKey>) => nodeLine(doc, lines, path);
  const problems: ConfigProblem[] = [];
  for (const e of doc.errors) {
    problems.push({ file, line: e.linePos?.[0]?.line, message: e.message.split('\n')[0]! });
  }
  if (problems.length) throw new ConfigError(problems);

  const parsed = configSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => zodProblem(issue, parsed.error, file, lineOf, doc)));
  }
  const raw = parsed.data;
  // Unset variables are still collected, and dropped below when secrets are not required.
  const envProblems: ConfigProblem[] = [];
  const credentials = expandCredentials(raw, env, file, lineOf, envProblems);
  const inventory = resolveDevices(yamlRecords(raw, file, lineOf), { defaults: raw.defaults, credentials, jumpHosts: raw.jump_hosts });
  problems.push(...inventory.problems);
  const devices = inventory.devices;
  expandChannelSecrets(raw, env, file, lineOf, envProblems);
  if (requireSecrets) problems.push(...envProblems);
  checkPatterns(raw, file, lineOf, problems);
  for (const p of windowProblems(raw.windows, inventoryOf(raw.devices, raw.defaults))) problems.push({ file, line: lineOf(p.path), message: p.message });
  if (problems.length) throw new ConfigError(problems);

  const base = dirname(file);
  return {
    ...raw,
    file,
    store: resolve(base, raw.store),
    state: resolve(base, raw.state),
    // Validated whole (duplicates, credentials) before the shard keeps its part.
    devices: inShard(devices, raw.shard),
  };
}

type LineOf = (path: ReadonlyArray<PropertyKey>) => number | undefined;

function nodeLine(doc: Document, lines: LineCounter, path: ReadonlyArray<PropertyKey>): number | undefined {
  // Walk up the path until a node with a position is found (a missing key points at its parent).
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as unknown[], true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}

function deviceNameAt(doc: Document, path: ReadonlyArray<PropertyKey>): string | undefined {
  if (path[0] !== 'devices' || typeof path[1] !== 'number') return undefined;
  const name = doc.getIn(['devices', path[1], 'name']);
  return typeof name === 'string' ? name : `#${path[1] + 1}`;
}

function zodProblem(issue: z.core.$ZodIssue, _err: unknown, file: string, lineOf: LineOf, doc: Document): ConfigProblem {
  const path = issue.path;
  const key = path.map(String).join('.');
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') message = `unknown key(s): ${issue.keys.join(', ')}`;
  return { file, line: lineOf(path), device: deviceNameAt(doc, path), message: key ? `${key}: ${message}` : message };
}

/** The named credential sets with `${NAME}` expanded; unset variables are reported in `envProblems`. */
function expandCredentials(raw: RawConfig, env: NodeJS.ProcessEnv, file: string, lineOf: LineOf, envProblems: ConfigProblem[]): Map<string, CredentialSet> {
  const credentials = new Map<string, CredentialSet>();
  for (const [setName, set] of Object.entries(raw.credentials)) {
    const expanded: Record<string, string> = {};
    for (const [key, value] of Object.entries(set)) {
      if (value === undefined) continue;
      const result = expandEnv(value, env);
      if (result.missing.length) {
        envProblems.push({ file, line: lineOf(['credentials', setName, key]), message: `credentials.${setName}.${key}: environment variable ${result.missing.join(', ')} is not set` });
      }
      expanded[key] = result.value;
    }
    credentials.set(setName, expanded as CredentialSet);
  }
  return credentials;
}

/** `${NAME}` is expanded only in the fields each channel names as secret (notify/<id>/schema.ts). */
function expandChannelSecrets(raw: RawConfig, env: NodeJS.ProcessEnv, file: string, lineOf: LineOf, problems: ConfigProblem[]): void {
  raw.alerts = raw.alerts.map((channel, i) =>
    mapSecretFields(channel, (value, field) => {
      const result = expandEnv(value, env);
      if (result.missing.length) {
        problems.push({ file, line: lineOf(['alerts', i, ...field.split('.')]), message: `alerts[${i}].${field}: environment variable ${result.missing.join(', ')} is not set` });
      }
      return result.value;
    }),
  );
}

function checkRegex(pattern: string, onError: () => void): void {
  if (!isRegex(pattern)) onError();
}

function checkPatterns(raw: RawConfig, file: string, lineOf: LineOf, problems: ConfigProblem[]): void {
  // Outbox rows name their channel: two channels with one name would steal each other's alerts.
  const channelIds = new Map<string, number>();
  raw.alerts.forEach((channel, i) => {
    const id = channelId(channel, i);
    const first = channelIds.get(id);
    if (first !== undefined) problems.push({ file, line: lineOf(['alerts', i]), message: `alerts[${i}]: channel name "${id}" is already used by alerts[${first}]` });
    else channelIds.set(id, i);
  });
  if (!validCron(raw.schedule)) problems.push({ file, line: lineOf(['schedule']), message: `schedule: invalid cron expression "${raw.schedule}"` });
  for (const [group, expression] of Object.entries(raw.group_schedules)) {
    if (!validCron(expression)) problems.push({ file, line: lineOf(['group_schedules', group]), message: `group_schedules.${group}: invalid cron expression "${expression}"` });
  }
  raw.ignore.forEach((p, i) => checkRegex(p, () => problems.push({ file, line: lineOf(['ignore', i]), message: `ignore: invalid regular expression /${p}/` })));
  for (const [group, patterns] of Object.entries(raw.group_ignore)) {
    patterns.forEach((p, i) =>
      checkRegex(p, () => problems.push({ file, line: lineOf(['group_ignore', group, i]), message: `group_ignore.${group}: invalid regular expression /${p}/` })),
    );
  }
}
