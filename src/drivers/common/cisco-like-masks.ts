/**
 * Secret syntax that NX-OS, EOS, ASA and FS.com share with IOS, with the mask text as a
 * parameter (their fixtures expect Oxidized's `<secret hidden>`). Drivers append their own rules.
 * A line holding two secrets needs its rules in left-to-right order (see mask-once.ts).
 */
import { maskOnce } from './mask-once.js';
import type { MaskRule } from './text.js';

/** A key token that is not a key-chain id (` key 1`) nor the `key chain NAME` keyword. */
export const NOT_A_KEY_ID = /(?!\d+$)(?!chain\b)(?:"[^"\n]*"|\S+)/;

export function ciscoLikeMasks(mask: string): MaskRule[] {
  return [
    // enable secret 5 $1$.., EOS enable password sha512 $6$.., ASA enable password <hash> pbkdf2
    maskOnce(/\s*enable (?:secret|password)(?: level \d+)?(?: \d+| sha512)?/, mask),
    // username x [privilege 15] [role r] (secret|password) [type] <hash> [more options]
    maskOnce(/\s*username \S+(?: .*?)? (?:secret|password)(?: \d+| sha512)?/, mask),
    // snmp-server community <community> [ro|group g|acl]
    maskOnce(/\s*snmp-server community/, mask),
    // tacacs-server key 7 x, radius-server host 10.0.0.1 key 7 "x" authentication
    maskOnce(/\s*(?:tacacs-server|radius-server)(?: host \S+.*?)? key(?: \d+)?/, mask),
    // aaa-server / server-group children: " key 7 x", " server-key x"
    maskOnce(/\s*(?:key|server-key)(?: \d+)?/, mask, NOT_A_KEY_ID),
    // routing protocol keys
    maskOnce(/\s*(?:ip |ipv6 )?(?:ospf |isis )?(?:authentication-key|message-digest-key \d+ md5)(?: \d+)?/, mask),
    maskOnce(/\s*neighbor \S+ password(?: \d+)?/, mask),
    maskOnce(/\s*key-string(?: \d+)?/, mask),
    maskOnce(/\s*ntp authentication-key \d+ md5(?: \d(?= \S))?/, mask),
  ];
}
