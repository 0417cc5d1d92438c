/** A problem found in the config or inventory, named by file, line and device. */
export interface ConfigProblem {
  file: string;
  line?: number;
  device?: string;
  message: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ConfigError';
  }
}

export function formatProblem(p: ConfigProblem): string {
  const where = p.line ? `${p.file}:${p.line}` : p.file;
  return `${where}: ${p.device ? `device ${p.device}: ` : ''}${p.message}`;
}
