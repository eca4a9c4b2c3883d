import { chatMessage, postChatMessage, type RenderOptions } from '@ndf/alert-delivery/chat';
import type { SNSEvent } from 'aws-lambda';
import { noticeOfSnsMessage, type NoticeSettings } from './sns-notice.js';
import type { WebhookAddress } from './webhook-secret.js';

export interface ForwarderOptions extends NoticeSettings {
  readonly webhook: WebhookAddress;
  readonly render: RenderOptions;
  readonly timeoutMs: number;
  readonly log?: (line: Record<string, unknown>) => void;
}

export type ForwarderHandler = (event: SNSEvent) => Promise<void>;

/**
 * Posts what the on-call topic receives to the chat webhook, one message per invocation. A
 * webhook that fails makes the invocation fail, so that Lambda tries it again and then keeps it
 * in the function's dead-letter queue. Without a webhook set up, the messages are logged: the
 * topic's mail and SMS subscriptions still page.
 */
export function forwarder(options: ForwarderOptions): ForwarderHandler {
  const log = options.log ?? ((line) => console.log(JSON.stringify(line)));
  return async (event) => {
    const notices = event.Records.map((record) => noticeOfSnsMessage(record.Sns, options));
    if (notices.length === 0) return;
    const url = await options.webhook();
    const components = notices.map((notice) => notice.component);
    if (!url) {
      log({ level: 'warn', event: 'chat-webhook-not-set', components });
      return;
    }
    await postChatMessage(url, chatMessage(notices, options.render), options.timeoutMs);
    log({ level: 'info', event: 'forwarded', components, states: notices.map((notice) => notice.state) });
  };
}
