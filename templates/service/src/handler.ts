import { PermanentError } from '@ndf/runtime';

export interface HandlerDependencies {
  readonly now: () => Date;
  readonly signal: AbortSignal;
}

/** A message that is not JSON can never succeed: it is quarantined, not retried. */
export function parseMessage(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw new PermanentError('The message body is not JSON.');
  }
}

/** __DESCRIPTION__ */
export async function handle(body: string, dependencies: HandlerDependencies): Promise<void> {
  const message = parseMessage(body);
  void message;
  void dependencies;
  throw new Error('__NAME__ does not do its job yet: write it in src/handler.ts.');
}
