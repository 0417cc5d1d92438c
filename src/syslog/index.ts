/** The syslog receiver's public surface (what the daemon and the drift step use). */
export { parseListenAddress, listenList, type ListenAddress, type SyslogTransport } from './listen-address.js';
export { parseSyslog } from './parse.js';
export type { SyslogMessage, ParseResult } from './message.js';
export { recogniseChange } from './recognise.js';
export type { ChangeEvent, ChangeKind, ChangePattern } from './change-event.js';
export { PLATFORM_CHANGE_PATTERNS } from './platform-patterns.js';
export { SenderMatcher } from './sender-match.js';
export { SyslogTrigger, type SyslogStats, type TriggerOptions } from './trigger.js';
export { startReceiver, type SyslogReceiver, type TlsMaterial, type BoundAddress } from './receiver.js';
export { claimOf, mergeAttribution, attributionTrailers, type SyslogClaim, type ReceivedChange, type MergedAttribution } from './claim.js';
export { unannouncedChange, checkUnannounced, eventWindow, UNANNOUNCED_NOTE, type UnannouncedInput, type UnannouncedVerdict, type AnnouncementLog } from './unannounced.js';
export { startSyslogService, type SyslogService } from './service.js';
