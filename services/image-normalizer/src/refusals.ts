import { refusalMessage, type RefusalCode, type UserMessage } from '@ndf/contracts';

/** Why an image gets no normalised copy; the codes and texts are the platform's (@ndf/contracts). */
export type NormaliseRefusalCode = Extract<
  RefusalCode,
  'too-many-pixels' | 'too-small' | 'too-many-pages' | 'unsupported-format' | 'undecodable' | 'processing-timeout' | 'too-complex'
>;
export type { UserMessage };

export const normaliseRefusalMessage = (code: NormaliseRefusalCode, maxPages?: number): UserMessage =>
  refusalMessage(code, maxPages === undefined ? {} : { maxPages });
