import type { Channel } from '../channel.js';
import type { RenderOptions } from '../notice-view.js';
import { postChatMessage } from '../post-chat.js';
import { chatMessage } from '../render-chat.js';

export interface WebhookSettings {
  readonly url: string;
  readonly timeoutMs: number;
}

/** Posts each group of notices as one Slack-compatible message. */
export function webhookChannel(settings: WebhookSettings, options: RenderOptions): Channel {
  return {
    name: 'webhook',
    send: (notices) => postChatMessage(settings.url, chatMessage(notices, options), settings.timeoutMs),
  };
}
