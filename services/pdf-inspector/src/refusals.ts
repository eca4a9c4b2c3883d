import { refusalMessage, type RefusalCode, type UserMessage } from '@ndf/contracts';

/** Why a PDF is not used; the codes and texts are the platform's (@ndf/contracts). */
export type InspectRefusalCode = Extract<
  RefusalCode,
  'encrypted-pdf' | 'too-many-pages' | 'empty-pdf' | 'corrupt-pdf' | 'too-complex' | 'processing-timeout'
>;
export type { UserMessage };

export const inspectRefusalMessage = (code: InspectRefusalCode, maxPages: number): UserMessage => refusalMessage(code, { maxPages });
