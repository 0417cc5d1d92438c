/** A device's own announcement that its config changed, as recognised in one syslog message. */

export type ChangeKind = 'configured' | 'committed' | 'command';

export interface ChangeEvent {
  kind: ChangeKind;
  /** What was recognised: `%SYS-5-CONFIG_I`, `UI_COMMIT`, `fortios:0100044547`, `panos:CONFIG`... */
  code: string;
  /** As reported by syslog (forgeable): who, from which address, on which line, through what. */
  user?: string;
  source?: string;
  line?: string;
  via?: string;
  /** The command or object changed, where the message names it (secrets masked). */
  command?: string;
  /** The device name the message body gives (FortiOS `devname`), for sender matching. */
  host?: string;
}

/** A named-group pattern (`user`, `source`, `line`, `via`, `command`, `host`) for one message type. */
export interface ChangePattern {
  code: string;
  kind: ChangeKind;
  pattern: RegExp;
}
