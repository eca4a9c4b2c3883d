import { PermanentError, type InboundMessage, type ServiceContext } from '@ndf/runtime';

/** A message that is not JSON can never succeed: it is quarantined at once, not retried. */
export function parseMessage(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw new PermanentError('The message body is not JSON.');
  }
}

/**
 * __DESCRIPTION__
 * Call what the catalog entry declares through `context.call(dependency, (signal) => ...)`, so that
 * it gets the message's deadline, retries and a circuit breaker; wrap each side effect in
 * `context.once(key, ...)`.
 */
export async function handle(message: InboundMessage, context: Pick<ServiceContext, 'log'>): Promise<void> {
  const payload = parseMessage(message.body);
  context.log.info({ event: 'handled', kind: typeof payload });
}
