export { DEFAULT_MAX_MESSAGE_BYTES, startMailCatcher, type MailCatcher, type MailCatcherOptions } from './mail-catcher.js';
export type { CaughtAttachment, CaughtMail, MailAddress, MailEnvelope, MailHeader } from './caught-mail.js';
