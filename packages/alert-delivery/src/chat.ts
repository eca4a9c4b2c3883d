// What the local notifier and the cloud's forwarder share: the notice, its chat rendering and
// its posting. Nothing here sends mail, so that a Lambda bundle of it stays small.
export type { AlertNotice, NoticeState, RunbookRef, SeeMore } from './notice.js';
export { LANGUAGES, PHRASES, isLanguage, type Language } from './language.js';
export { formatDuration, formatInstant } from './format-time.js';
export { headlineOf, viewOf, type RenderOptions } from './notice-view.js';
export { chatMessage, type ChatBlock, type ChatMessage } from './render-chat.js';
export { DEFAULT_WEBHOOK_TIMEOUT_MS, WebhookError, postChatMessage } from './post-chat.js';
