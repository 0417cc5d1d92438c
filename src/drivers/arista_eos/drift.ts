/** What a change means on EOS: IOS's sections and critical lines plus EOS's management blocks. */
import { IOS_DRIFT } from '../cisco_ios/drift.js';
import type { DriftKnowledge } from '../types.js';

export const EOS_DRIFT: DriftKnowledge = {
  sectionStart: [
    ...IOS_DRIFT.sectionStart,
    /^(management|daemon|event-handler|role|mlag configuration|monitor session|spanning-tree mst configuration|ip prefix-list|peer-filter|ip community-list)\b.*/,
  ],
  critical: [
    ...IOS_DRIFT.critical,
    /^\s*(management (api|ssh|telnet|security|http-server)|aaa root|role |daemon )/,
    /^\s*protocol https?\b/,
    /^\s*\d+ (permit|deny) /,
  ],
};
