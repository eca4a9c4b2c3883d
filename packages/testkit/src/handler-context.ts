import { createLogger, type InboundMessage, type ServiceContext } from '@ndf/runtime';

/**
 * What a handler gets from the runtime, for calling it directly in a test against the real
 * emulators: calls go straight through, emits are recorded instead of sent, logs are silent.
 */
export function handlerContext(service: string): {
  context: Pick<ServiceContext, 'call' | 'emit' | 'log' | 'signal'>;
  emitted: [string, unknown][];
} {
  const emitted: [string, unknown][] = [];
  const context = {
    signal: new AbortController().signal,
    call: <T>(_dependency: string, fn: (signal: AbortSignal) => Promise<T>) => fn(new AbortController().signal),
    emit: async (target: string, body: unknown) => void emitted.push([target, body]),
    log: createLogger({ service, level: 'silent' }),
  };
  return { context, emitted };
}

/** A message as the consumer hands it to a handler: a first attempt, sent now. */
export function inboundMessage(body: string, overrides: Partial<InboundMessage> = {}): InboundMessage {
  return { body, attributes: {}, messageId: 'message-1', attempt: 1, sentAt: new Date(), correlationId: undefined, ...overrides };
}
