/** `${NAME}` expansion where secrets belong: credential sets and each channel's secret fields (env-refs.ts refuses it elsewhere). */
import { isAbsolute, resolve } from 'node:path';
import { mapSecretFields } from '../notify/channel-schemas.js';
import { expandEnv } from './env.js';
import type { ConfigProblem } from './problems.js';
import type { CredentialSet, RawConfig } from './schema.js';

type LineOf = (path: ReadonlyArray<PropertyKey>) => number | undefined;

/**
 * The named credential sets with `${NAME}` expanded (unset variables reported in `envProblems`
 * and named `set.key` in `unset`); a relative private_key_file is resolved against the config's folder.
 */
export function expandCredentials(
  raw: RawConfig,
  env: NodeJS.ProcessEnv,
  base: string,
  file: string,
  lineOf: LineOf,
  envProblems: ConfigProblem[],
  unset: Set<string>,
): Map<string, CredentialSet> {
  const credentials = new Map<string, CredentialSet>();
  for (const [setName, set] of Object.entries(raw.credentials)) {
    const expanded: Record<string, string> = {};
    for (const [key, value] of Object.entries(set)) {
      if (value === undefined) continue;
      const result = expandEnv(value, env);
      if (result.missing.length) {
        unset.add(`${setName}.${key}`);
        envProblems.push({ file, line: lineOf(['credentials', setName, key]), message: `credentials.${setName}.${key}: environment variable ${result.missing.join(', ')} is not set` });
      }
      expanded[key] = key === 'private_key_file' && result.value && !isAbsolute(result.value) ? resolve(base, result.value) : result.value;
    }
    credentials.set(setName, expanded as CredentialSet);
  }
  return credentials;
}

/** `${NAME}` is expanded only in the fields each channel names as secret (notify/<id>/schema.ts). */
export function expandChannelSecrets(raw: RawConfig, env: NodeJS.ProcessEnv, file: string, lineOf: LineOf, at: (i: number) => number, problems: ConfigProblem[]): void {
  raw.alerts = raw.alerts.map((channel, i) =>
    mapSecretFields(channel, (value, field) => {
      const result = expandEnv(value, env);
      if (result.missing.length) {
        problems.push({ file, line: lineOf(['alerts', at(i), ...field.split('.')]), message: `alerts[${at(i)}].${field}: environment variable ${result.missing.join(', ')} is not set` });
      }
      return result.value;
    }),
  );
}
