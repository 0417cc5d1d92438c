/**
 * `${NAME}` reads the daemon's environment, so it is honoured only where a secret belongs: the
 * fields of a credential set and each channel's secret fields (notify/<id>/schema.ts). Anywhere
 * else (a URL, a host, a tag) it is an error naming the key: otherwise any variable of the
 * daemon's environment could be sent to any address.
 */
import { channelSecretFields, type ChannelType } from '../notify/channel-schemas.js';
import type { ConfigProblem } from './problems.js';

type Path = ReadonlyArray<PropertyKey>;
const REFERENCE = /\$\{[^}]*\}/;
const VALID_REFERENCE = /^[A-Za-z_][A-Za-z0-9_]*$/;

function allowed(path: Path, doc: unknown): boolean {
  if (path[0] === 'credentials') return path.length === 3;
  if (path[0] !== 'alerts' || typeof path[1] !== 'number' || path.length < 3) return false;
  const type = (doc as { alerts?: Array<{ type?: unknown }> }).alerts?.[path[1]]?.type;
  const secret = typeof type === 'string' && type in channelSecretFields ? channelSecretFields[type as ChannelType] : [];
  return secret.includes(String(path[2]));
}

/** Pure: every `${...}` outside credential and channel secret fields, and every malformed one inside them. */
export function checkEnvReferences(doc: unknown, file: string, lineOf: (path: Path) => number | undefined, deviceAt: (path: Path) => string | undefined = () => undefined): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const stack: Array<[unknown, Path]> = [[doc, []]];
  while (stack.length) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      const match = REFERENCE.exec(value);
      if (!match) continue;
      const key = path.map(String).join('.');
      if (!allowed(path, doc)) {
        problems.push({ file, line: lineOf(path), device: deviceAt(path), message: `${key}: \${...} is read from the environment only in credentials and channel secret fields; remove ${match[0]} here` });
      } else {
        for (const m of value.matchAll(/\$\{([^}]*)\}/g)) {
          if (!VALID_REFERENCE.test(m[1]!)) problems.push({ file, line: lineOf(path), message: `${key}: ${m[0]} is not a variable reference (use \${NAME}: letters, digits, '_')` });
        }
      }
    } else if (Array.isArray(value)) value.forEach((v, i) => stack.push([v, [...path, i]]));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) stack.push([v, [...path, k]]);
  }
  return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}
