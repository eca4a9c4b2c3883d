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
 * Finds a receipt's real format from its bytes and refuses what cannot be a receipt
 * Call other systems through `context.call(dependency, (signal) => ...)` so that they get the
 * message's deadline, retries and a circuit breaker; wrap each side effect in `context.once(key, ...)`.
 */
export async function handle(message: InboundMessage, context: Pick<ServiceContext, 'call' | 'once' | 'signal'>): Promise<void> {
  const payload = parseMessage(message.body);
  void payload;
  void context;
  throw new Error('format-sniffer does not do its job yet: write it in src/handler.ts.');
}
