/**
 * Read devices.yaml, check it completely, and return a typed Config or every problem found
 * (file:line and device name), so `driftwatch validate` can list them all at once: schema
 * problems per section and per device (sections.ts), then the semantic checks on every valid part.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Config, RawConfig } from './schema.js';
import { expandChannelSecrets, expandCredentials } from './expand-secrets.js';
import { ConfigError, type ConfigProblem } from './problems.js';
import { inShard } from './shard.js';
import { channelId } from '../notify/route.js';
import { validate as validCron } from 'node-cron';
import { isRegex, resolveDevices } from '../inventory/resolve.js';
import { yamlRecords } from '../inventory/yaml-source.js';
import { inventoryOf, windowProblems } from '../authorize/window-validate.js';
import { parseYaml } from './yaml-document.js';
import { parseSections } from './sections.js';
import { checkEnvReferences } from './env-refs.js';
import { checkLogin, readableFile, type KeyFileCheck } from './login-checks.js';
import { YAML_LIMITS } from './yaml-limits.js';
import { printable } from './printable.js';

export { ConfigError, formatProblem, type ConfigProblem } from './problems.js';

export interface LoadOptions {
  /**
   * Report unset `${NAME}` variables (default). Commands that never log in (show, status, log,
   * diff, drift) pass false, so reading history does not need the device credentials.
   */
  requireSecrets?: boolean;
  /**
   * Also check what a login needs: a password or key per credential set, readable key files.
   * parseConfig: off unless asked; loadConfigFile: on whenever secrets are required.
   */
  checkLogin?: boolean;
  /** How key files are checked (loadConfigFile passes the real file system). */
  keyFile?: KeyFileCheck;
}

export function loadConfigFile(file: string, env: NodeJS.ProcessEnv = process.env, opts: LoadOptions = {}): Config {
  const path = resolve(file);
  const text = readConfigText(path);
  const checkLoginToo = opts.checkLogin ?? opts.requireSecrets ?? true;
  return parseConfig(text, path, env, { keyFile: readableFile, ...opts, checkLogin: checkLoginToo });
}

/** The file's text, or a ConfigError that says what to do (a missing file, a directory, too big). */
function readConfigText(path: string): string {
  const fail = (message: string): never => {
    throw new ConfigError([{ file: path, message }]);
  };
  try {
    const size = statSync(path).size;
    if (size > YAML_LIMITS.maxBytes) fail(`file is ${size} bytes, over the ${YAML_LIMITS.maxBytes}-byte limit for a config file (split the inventory or trim it)`);
    return readFileSync(path, 'utf8');
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') fail(missingConfigAdvice(path));
    if (code === 'EISDIR') fail('is a directory; --config takes the config file (devices.yaml)');
    if (code === 'EACCES') fail('cannot read config: permission denied for this user');
    return fail(`cannot read config: ${code ?? String(err)}`);
  }
}

function missingConfigAdvice(path: string): string {
  const example = join(dirname(path), 'devices.example.yaml');
  const name = basename(path);
  if (existsSync(example)) return `no ${name} here: copy ${example} to ${path} and edit it (or pass --config <file>)`;
  return `no ${name} here: create it (the repository's devices.example.yaml is a commented start) or pass --config <file>`;
}

/** Pure (unless opts.keyFile touches the disk): YAML text (+ env for ${NAME}) to Config. Throws ConfigError listing every problem. */
export function parseConfig(text: string, file: string, env: NodeJS.ProcessEnv = {}, opts: LoadOptions = {}): Config {
  const requireSecrets = opts.requireSecrets ?? true;
  const parsedYaml = parseYaml(text, file);
  if (!parsedYaml.ok) throw new ConfigError(parsedYaml.problems);
  const { value, lineOf } = parsedYaml.yaml;

  const { deviceAt } = parsedYaml.yaml;
  const { raw, problems, kept } = parseSections(value, { file, lineOf, deviceAt });
  problems.push(...checkEnvReferences(value, file, lineOf, deviceAt));
  const base = dirname(file);
  // Unset variables are still collected, and dropped below when secrets are not required.
  const envProblems: ConfigProblem[] = [];
  const unset = new Set<string>();
  const credentials = expandCredentials(raw, env, base, file, lineOf, envProblems, unset);
  const inventory = resolveDevices(yamlRecords(raw, file, lineOf, kept.devices), { defaults: raw.defaults, credentials, jumpHosts: raw.jump_hosts });
  problems.push(...inventory.problems);
  // Channel positions in the file (a channel that failed the schema is left out of raw.alerts).
  const at = (i: number) => kept.alerts?.[i] ?? i;
  expandChannelSecrets(raw, env, file, lineOf, at, envProblems);
  if (requireSecrets) problems.push(...envProblems);
  if (opts.checkLogin) problems.push(...checkLogin(credentials, unset, file, lineOf, opts.keyFile ?? readableFile));
  checkPatterns(raw, file, lineOf, at, problems);
  for (const p of windowProblems(raw.windows, inventoryOf(raw.devices, raw.defaults))) problems.push({ file, line: lineOf(p.path), message: p.message });
  if (problems.length) throw new ConfigError(problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)));

  return {
    ...raw,
    file,
    store: resolve(base, raw.store),
    state: resolve(base, raw.state),
    // Validated whole (duplicates, credentials) before the shard keeps its part.
    devices: inShard(inventory.devices, raw.shard),
  };
}

type LineOf = (path: ReadonlyArray<PropertyKey>) => number | undefined;

function checkRegex(pattern: string, onError: () => void): void {
  if (!isRegex(pattern)) onError();
}

function checkPatterns(raw: RawConfig, file: string, lineOf: LineOf, at: (i: number) => number, problems: ConfigProblem[]): void {
  // Outbox rows name their channel: two channels with one name would steal each other's alerts.
  const channelIds = new Map<string, number>();
  raw.alerts.forEach((channel, i) => {
    const id = channelId(channel, i);
    const first = channelIds.get(id);
    if (first !== undefined) problems.push({ file, line: lineOf(['alerts', at(i)]), message: `alerts[${at(i)}]: channel name "${printable(id)}" is already used by alerts[${at(first)}]` });
    else channelIds.set(id, i);
  });
  if (!validCron(raw.schedule)) problems.push({ file, line: lineOf(['schedule']), message: `schedule: invalid cron expression "${printable(raw.schedule)}"` });
  for (const [group, expression] of Object.entries(raw.group_schedules)) {
    if (!validCron(expression)) problems.push({ file, line: lineOf(['group_schedules', group]), message: `group_schedules.${group}: invalid cron expression "${printable(expression)}"` });
  }
  if (raw.integrity && !validCron(raw.integrity.schedule)) problems.push({ file, line: lineOf(['integrity', 'schedule']), message: `integrity.schedule: invalid cron expression "${printable(raw.integrity.schedule)}"` });
  raw.ignore.forEach((p, i) => checkRegex(p, () => problems.push({ file, line: lineOf(['ignore', i]), message: `ignore: invalid regular expression /${printable(p)}/` })));
  for (const [group, patterns] of Object.entries(raw.group_ignore)) {
    patterns.forEach((p, i) =>
      checkRegex(p, () => problems.push({ file, line: lineOf(['group_ignore', group, i]), message: `group_ignore.${group}: invalid regular expression /${printable(p)}/` })),
    );
  }
}
