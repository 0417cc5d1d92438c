/**
 * Raw outputs of a transcript as the transport would collect them, as pure code. For each
 * command: its recorded answer (for ordered recordings, the next one at or after the cursor);
 * then, while the answer's last line is a pager the driver answers (one of `session.responders`)
 * and the recording holds that answer as its next entry (Oxidized records the key it sent, e.g.
 * `" "`), the recorded continuation is appended, as the shell reader accumulates it. A recorded
 * key is also followed when the answer has not reached a prompt yet although its last line is no
 * longer the pager (a recording whose chunk already holds the redraw after the pager).
 * Without a pager this is the same as `answerFor` per command.
 */
import type { SessionSpec } from '../../src/drivers/types.js';
import { normalizeTerminalText } from '../../src/drivers/common/text.js';
import { commandKey, findAnswer } from '../../src/sim/answers.js';
import type { Transcript } from '../../src/sim/transcript.js';

function lastLine(text: string): string {
  const normalized = normalizeTerminalText(text);
  return normalized.slice(normalized.lastIndexOf('\n') + 1);
}

export function replayOutputs(t: Transcript, session: SessionSpec, commands: readonly string[]): Record<string, string> {
  const outputs: Record<string, string> = {};
  let cursor = 0;
  for (const command of commands) {
    const found = findAnswer(t, command, cursor);
    if (!found) {
      outputs[command] = '';
      continue;
    }
    let text = found.answer;
    cursor = found.next;
    for (let guard = 0; guard < 10000; guard++) {
      const line = lastLine(text);
      // The continuation must be the very next recorded entry: the key the recording tool sent.
      const next = t.commands[cursor];
      if (!next || !session.responders?.some((r) => commandKey(next[0]) === commandKey(r.answer))) break;
      // Follow it when the driver sees its pager on the last line, or when the recording shows
      // the device still waiting (no prompt yet) and the pager text was redrawn within the chunk.
      const paged = session.responders.some((r) => r.pattern.test(line) && commandKey(next[0]) === commandKey(r.answer));
      if (!paged && session.prompt.test(line)) break;
      text += next[1];
      cursor++;
    }
    outputs[command] = text;
  }
  return outputs;
}
