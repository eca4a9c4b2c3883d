import type { ChatMessage } from './render-chat.js';

export const DEFAULT_WEBHOOK_TIMEOUT_MS = 5_000;

/** A webhook that did not take the message: its answer, or why there was none. */
export class WebhookError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'WebhookError';
  }
}

/**
 * Posts a chat message to a webhook, given up after `timeoutMs` (a hung chat must not hold
 * the page back); rejects with a WebhookError unless the webhook answers 2xx.
 */
export async function postChatMessage(url: string, message: ChatMessage, timeoutMs = DEFAULT_WEBHOOK_TIMEOUT_MS): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(message),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
  } catch (error) {
    const reason = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : String(error);
    throw new WebhookError(`The chat webhook at ${new URL(url).host} was not reached: ${reason}.`);
  }
  // Read to the end, so that the connection is released.
  const body = await response.text().catch(() => '');
  if (!response.ok)
    throw new WebhookError(`The chat webhook at ${new URL(url).host} answered ${response.status}: ${body.slice(0, 200)}`, response.status);
}
