/**
 * `driftwatch completion bash|zsh|fish`: shell completion scripts generated from the commander
 * tree, so a new command or option completes without editing this file. Pure: tree in, text out.
 */
import { InvalidArgumentError, type Command, type Option } from 'commander';

interface Node {
  path: string[];
  description: string;
  subcommands: Node[];
  /** Long and short flags, e.g. `--json`, `-c`. */
  flags: Array<{ names: string[]; takesValue: boolean; description: string }>;
}

const visible = (c: Command) => !(c as unknown as { _hidden?: boolean })._hidden && c.name() !== 'help';

function flagsOf(options: readonly Option[], withHelp: boolean) {
  const flags = options.map((o) => ({ names: [o.long, o.short].filter((n): n is string => !!n), takesValue: o.required || o.optional, description: o.description }));
  if (withHelp) flags.push({ names: ['--help', '-h'], takesValue: false, description: 'display help' });
  return flags;
}

export function commandTree(cmd: Command, path: string[] = []): Node {
  return {
    path,
    description: cmd.description(),
    subcommands: cmd.commands.filter(visible).map((c) => commandTree(c, [...path, c.name()])),
    flags: flagsOf(cmd.options, true),
  };
}

function walk(node: Node, visit: (n: Node) => void): void {
  visit(node);
  for (const c of node.subcommands) walk(c, visit);
}

// Shell words we write come from our own command and option names; quote them anyway.
const sq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function bashCompletion(root: Node, prog: string): string {
  const valueFlags = new Set<string>();
  const cases: string[] = [];
  walk(root, (n) => {
    for (const f of n.flags) if (f.takesValue) f.names.forEach((x) => valueFlags.add(x));
    const words = [...n.subcommands.map((c) => c.path.at(-1)!), ...n.flags.flatMap((f) => f.names.filter((x) => x.startsWith('--')))];
    cases.push(`    ${sq(n.path.join(' '))}) words=${sq(words.join(' '))} ;;`);
  });
  const subs: string[] = [];
  walk(root, (n) => subs.push(...n.subcommands.map((c) => sq(c.path.join(' ')))));
  const fn = `_${prog.replace(/[^A-Za-z0-9_]/g, '_')}`;
  return `# bash completion for ${prog}: source <(${prog} completion bash)
${fn}() {
  local cur=\${COMP_WORDS[COMP_CWORD]} path="" i w skip="" words
  for ((i = 1; i < COMP_CWORD; i++)); do
    w=\${COMP_WORDS[i]}
    if [[ -n $skip ]]; then skip=""; continue; fi
    case $w in
      ${[...valueFlags].map(sq).join('|') || "''"}) skip=1 ;;
      -*) ;;
      *) case "\${path:+$path }$w" in ${subs.join('|') || "''"}) path="\${path:+$path }$w" ;; esac ;;
    esac
  done
  [[ -n $skip ]] && { COMPREPLY=($(compgen -f -- "$cur")); return; }
  case $path in
${cases.join('\n')}
    *) words="" ;;
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -o default -F ${fn} ${prog}
`;
}

export function zshCompletion(root: Node, prog: string): string {
  // zsh runs the bash function through its bashcompinit layer: one generator, same behaviour.
  return `#compdef ${prog}
# zsh completion for ${prog}: source <(${prog} completion zsh), or save as _${prog} in $fpath
autoload -U +X bashcompinit && bashcompinit
${bashCompletion(root, prog)}`;
}

export function fishCompletion(root: Node, prog: string): string {
  const lines = [`# fish completion for ${prog}: ${prog} completion fish | source`, `complete -c ${prog} -f`];
  walk(root, (n) => {
    // fish's helper sees any subcommand word; the path's last word is enough to tell nodes apart.
    const here = n.path.length ? `__fish_seen_subcommand_from ${n.path.at(-1)}` : '__fish_use_subcommand';
    const notDeeper = n.subcommands.length ? `; and not __fish_seen_subcommand_from ${n.subcommands.map((c) => c.path.at(-1)).join(' ')}` : '';
    for (const c of n.subcommands) lines.push(`complete -c ${prog} -n ${sq(here + notDeeper)} -a ${sq(c.path.at(-1)!)} -d ${sq(c.description)}`);
    for (const f of n.flags) {
      const long = f.names.find((x) => x.startsWith('--'))?.slice(2);
      const short = f.names.find((x) => /^-[^-]/.test(x))?.slice(1);
      const parts = [`complete -c ${prog}`, n.path.length ? `-n ${sq(here)}` : '', long ? `-l ${long}` : '', short ? `-s ${short}` : '', f.takesValue ? '-r -F' : '', `-d ${sq(f.description)}`];
      lines.push(parts.filter(Boolean).join(' '));
    }
  });
  return lines.join('\n') + '\n';
}

const SHELLS = { bash: bashCompletion, zsh: zshCompletion, fish: fishCompletion } as const;

export function registerCompletion(program: Command): void {
  program
    .command('completion')
    .argument('<shell>', 'bash, zsh or fish', (v: string) => {
      if (!(v in SHELLS)) throw new InvalidArgumentError('expected bash, zsh or fish');
      return v as keyof typeof SHELLS;
    })
    .description('print a shell completion script (bash: source <(driftwatch completion bash))')
    .action((shell: keyof typeof SHELLS) => {
      process.stdout.write(SHELLS[shell](commandTree(program), program.name()));
    });
}
