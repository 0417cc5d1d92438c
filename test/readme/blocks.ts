/**
 * The ```sh blocks of a README, in order, with their line numbers. A block right after an HTML
 * comment `<!-- readme-test: skip (reason) -->` is not run (host installs, Docker): the reason is
 * kept so the test can list what it did not run.
 */
export interface ShBlock {
  /** 1-based line of the first command. */
  line: number;
  lines: string[];
  skip?: string;
}

export function shBlocks(markdown: string): ShBlock[] {
  const blocks: ShBlock[] = [];
  const lines = markdown.split('\n');
  let skip: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    const marker = /^<!--\s*readme-test:\s*skip\s*(.*?)\s*-->\s*$/.exec(text);
    if (marker) {
      skip = marker[1] || 'marked skip';
      continue;
    }
    if (/^```sh\s*$/.test(text)) {
      const start = i + 1;
      const body: string[] = [];
      for (i++; i < lines.length && !/^```\s*$/.test(lines[i]!); i++) body.push(lines[i]!);
      blocks.push({ line: start + 1, lines: body, ...(skip ? { skip } : {}) });
      skip = undefined;
    } else if (text.trim() && !text.startsWith('<!--')) skip = undefined; // a marker applies to the next block only
  }
  return blocks;
}

/** Commands the README marks as not runnable in a test: they run until stopped or need hardware. */
export const SKIPPED_LINE = /#\s*(runs until stopped|needs hardware)\b/;

/**
 * A bash script running the blocks in order: `set -e` per line, each line echoed with its README
 * line number first, so a failure names the line that broke.
 */
export function scriptOf(blocks: ShBlock[], file = 'README.md'): string {
  const out = ['set -euo pipefail', `trap 'echo "README test: failed at \${WHERE}" >&2' ERR`];
  for (const b of blocks) {
    if (b.skip) continue;
    for (const { cmd, line } of commands(b)) {
      const where = `${file}:${line}`;
      out.push(`WHERE=${sq(where)}`, `echo ${sq(`+ [${where}] ${cmd}`)}`);
      if (SKIPPED_LINE.test(cmd)) out.push(`echo ${sq('  (not run: marked in the README)')}`);
      else if (/^npm ci\b/.test(cmd.trim())) out.push(`echo ${sq("  (not run: the copy links the checkout's node_modules and is built; .ci/run runs npm ci)")}`);
      else out.push(cmd);
    }
  }
  return out.join('\n') + '\n';
}

/** Single-quoted for bash: echoed text is never expanded. */
const sq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** The block's commands: comments and blank lines dropped, backslash continuations joined. */
function commands(b: ShBlock): Array<{ cmd: string; line: number }> {
  const out: Array<{ cmd: string; line: number }> = [];
  let pending: { cmd: string; line: number } | undefined;
  b.lines.forEach((text, k) => {
    if (!pending && (!text.trim() || text.trim().startsWith('#'))) return;
    pending = pending ? { ...pending, cmd: `${pending.cmd}\n${text}` } : { cmd: text, line: b.line + k };
    if (!text.endsWith('\\')) {
      out.push(pending);
      pending = undefined;
    }
  });
  if (pending) out.push(pending);
  return out;
}
