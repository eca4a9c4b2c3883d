import { refusalMessage, type RefusalCode, type UserMessage } from '@ndf/contracts';

/** The refusals the sniffer gives; their codes and texts are the platform's (@ndf/contracts). */
export type SniffRefusalCode = Extract<
  RefusalCode,
  | 'empty'
  | 'too-large'
  | 'truncated'
  | 'unknown-format'
  | 'unsupported-format'
  | 'executable'
  | 'archive'
  | 'markup'
  | 'text'
  | 'encrypted-pdf'
  | 'polyglot'
>;
export type { UserMessage };

export const sniffRefusalMessage = (code: SniffRefusalCode, maxBytes: number): UserMessage => refusalMessage(code, { maxBytes });
