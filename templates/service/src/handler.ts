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
 * Call other systems through `context.call(dependency, (signal) => ...)` so that they get the
 * message's deadline, retries and a circuit breaker; wrap each side effect in `context.once(key, ...)`.
 */
export async function handle(message: InboundMessage, context: Pick<ServiceContext<never>, 'call' | 'once' | 'signal'>): Promise<void> {
  const payload = parseMessage(message.body);
  void payload;
  void context;
  throw new Error('__NAME__ does not do its job yet: write it in src/handler.ts.');
}
