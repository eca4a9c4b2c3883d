import { DEFAULT_WEBHOOK_TIMEOUT_MS, isLanguage } from '@ndf/alert-delivery/chat';
import { ALERT_FORWARDER_ENVIRONMENT as FORWARDER_ENVIRONMENT, DEFAULT_PREFIX } from '@ndf/catalog';
import { forwarder, type ForwarderHandler } from './forwarder.js';
import { webhookFromSecret } from './webhook-secret.js';

export function forwarderFromEnvironment(env: NodeJS.ProcessEnv = process.env): ForwarderHandler {
  const secret = env[FORWARDER_ENVIRONMENT.webhookSecret];
  if (!secret)
    throw new Error(`${FORWARDER_ENVIRONMENT.webhookSecret} is not set: the forwarder does not know where the webhook's address is.`);
  const language = env[FORWARDER_ENVIRONMENT.language] ?? 'fr';
  return forwarder({
    webhook: webhookFromSecret(secret),
    render: { language: isLanguage(language) ? language : 'fr', timeZone: env[FORWARDER_ENVIRONMENT.timeZone] || 'UTC' },
    prefix: env[FORWARDER_ENVIRONMENT.prefix] ?? DEFAULT_PREFIX,
    runbookBaseUrl: env[FORWARDER_ENVIRONMENT.runbookBaseUrl] || undefined,
    // Well within the function's timeout, so that a hung chat fails the invocation and is retried.
    timeoutMs: DEFAULT_WEBHOOK_TIMEOUT_MS,
  });
}

let containerHandler: ForwarderHandler | undefined;

/** Lambda's entry point: the handler of this container, built on its first invocation. */
export const handler: ForwarderHandler = (event) => (containerHandler ??= forwarderFromEnvironment())(event);
