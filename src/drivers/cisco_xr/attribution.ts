/**
 * IOS-XR attribution. The config header `!! Last configuration change at Tue Sep 30 09:02:26 2025
 * by admin` names who and when (seen in recordings). `show configuration commit list 1 detail`
 * would add the line and client (CLI, XML, NETCONF...); it runs only when the header names no
 * user. Its format, from Cisco's command reference (unverified against a recording):
 *
 *    1) CommitId: 1000000123                 Label: NONE
 *       UserId:   jdoe                        Line:  vty0:node0_RSP0_CPU0
 *       Client:   CLI                         Time:  Tue Sep 30 09:02:26 2025
 *       Comment:  NONE
 */
import { attribution, outputLines } from '../common/attribution.js';
import type { AttributionSpec, ChangeAttribution } from '../types.js';

const CONFIG = 'show running-config';
export const COMMIT_LIST = 'show configuration commit list 1 detail';

export function xrHeader(raw: string | undefined): ChangeAttribution | undefined {
  const head = (raw ?? '').slice(0, 8192).replace(/\r/g, '');
  const m = /^!! Last configuration change at (.+?)(?: by (\S+))?\s*$/m.exec(head);
  return m ? attribution({ at: m[1], user: m[2] }) : undefined;
}

/** The newest commit of `show configuration commit list 1 detail`. */
export function parseCommitList(output: string): ChangeAttribution | undefined {
  const text = outputLines(output).join('\n');
  const value = (key: string) => new RegExp(`\\b${key}:\\s+(.+?)(?:\\s{2,}\\w+:|\\s*$)`, 'm').exec(text)?.[1];
  const user = value('UserId');
  if (!user) return undefined;
  const line = value('Line');
  const client = value('Client');
  // The client is the channel (CLI, XML, NETCONF); the line says which terminal.
  return attribution({ user, at: value('Time'), via: client ? client.toLowerCase() + (line ? ` (${line})` : '') : line });
}

export const xrAttribution: AttributionSpec = {
  from: 'config',
  fromConfig: (outputs) => xrHeader(outputs[CONFIG]),
  command: COMMIT_LIST,
  parse: parseCommitList,
};
