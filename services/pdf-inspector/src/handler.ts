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
 * Reads a receipt PDF's structure and text layer, and rasterises scanned pages for OCR
 * Call other systems through `context.call(dependency, (signal) => ...)` so that they get the
 * message's deadline, retries and a circuit breaker; wrap each side effect in `context.once(key, ...)`.
 */
export async function handle(message: InboundMessage, context: Pick<ServiceContext, 'call' | 'once' | 'signal'>): Promise<void> {
  const payload = parseMessage(message.body);
  void payload;
  void context;
  throw new Error('pdf-inspector does not do its job yet: write it in src/handler.ts.');
}
