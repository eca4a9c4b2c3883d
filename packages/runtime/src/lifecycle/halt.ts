import type { DestinationStream } from 'pino';
import type { ServiceClients } from '../aws/clients.js';

/** What this needs of an SDK client: a middleware on each attempt, and closing its connections. */
interface GuardedClient {
  readonly middlewareStack: {
    add(
      middleware: (next: (args: unknown) => Promise<unknown>) => (args: unknown) => Promise<unknown>,
      options: { step: 'deserialize'; name: string; override: boolean },
    ): void;
  };
  destroy(): void;
}

export class HaltedError extends Error {
  override readonly name = 'Halted';
}

/**
 * Makes the clients behave as in a process that was just killed: once `halt` aborts, every
 * call (each SDK attempt, retries included) fails before reaching the wire, and the open
 * connections are destroyed, which fails the calls in flight (a long poll included, as when
 * the kernel closes a killed process's sockets).
 */
export function refuseCallsOnceHalted(clients: ServiceClients, halt: AbortSignal): void {
  const all: GuardedClient[] = Object.values(clients);
  for (const client of all) {
    // The deserialize step wraps each attempt, inside the retry middleware: a retry is refused too.
    client.middlewareStack.add(
      (next) => (args) => {
        if (halt.aborted) throw new HaltedError('the service was halted');
        return next(args);
      },
      { step: 'deserialize', name: 'refuseOnceHalted', override: true },
    );
  }
  halt.addEventListener('abort', () => all.forEach((client) => client.destroy()), { once: true });
}

/** Standard output until `halt` aborts, nothing after: a killed process writes no more lines. */
export function stdoutUntilHalted(halt: AbortSignal): DestinationStream {
  return { write: (line: string) => void (halt.aborted ? undefined : process.stdout.write(line)) };
}
