import type { Logger } from 'pino';
import type { ServiceClients } from './aws/clients.js';
import { PermanentError } from './errors.js';
import { retryTransient, type BreakerRegistry } from './resilience/index.js';

/** What a service's dependency factory is given: the process's clients and environment. */
export interface DependencyContext {
  /** The service's name. */
  readonly name: string;
  readonly env: NodeJS.ProcessEnv;
  /** The prefix of this environment's physical names (tables, queues, buckets). */
  readonly prefix: string;
  readonly clients: ServiceClients;
  readonly log: Logger;
  /** Runs once the service has drained, when it stops: closes what the factory opened (worker pools). */
  onStop(cleanup: () => Promise<void> | void): void;
}

/**
 * Builds what a service's handler works with (clients bound to tables and buckets, engines,
 * worker pools). Called once per running service, on its first message: a heavy resource costs
 * nothing while the service idles.
 */
export type DependencyFactory<D> = (context: DependencyContext) => D | Promise<D>;

/** The dependencies of one running service: built on first use, closed on stop. */
export interface LazyDependencies<D> {
  get(): Promise<D>;
  close(): Promise<void>;
}

export function lazyDependencies<D>(
  factory: DependencyFactory<D> | undefined,
  context: Omit<DependencyContext, 'onStop'>,
): LazyDependencies<D> {
  const cleanups: (() => Promise<void> | void)[] = [];
  let built: Promise<D> | undefined;
  return {
    get: () => {
      if (built === undefined) {
        built = Promise.resolve(factory ? factory({ ...context, onStop: (cleanup) => void cleanups.push(cleanup) }) : (undefined as D));
        // A factory that failed (a worker pool that could not start) is tried again by the next message.
        built.catch(() => (built = undefined));
      }
      return built;
    },
    close: async () => {
      await built?.catch(() => undefined);
      for (const cleanup of cleanups.splice(0).reverse()) {
        await Promise.resolve()
          .then(cleanup)
          .catch((error: unknown) => context.log.warn({ event: 'dependency-close-failed', error: String(error) }));
      }
    },
  };
}

/** Calls a dependency through its breaker with short retries, aborted with `signal`. */
export type CallDependency<N extends string> = <T>(dependency: N, fn: (signal: AbortSignal) => Promise<T>) => Promise<T>;

/**
 * `context.call` for a service: only the dependencies its catalog entry declares. The compiler
 * refuses another name for an entry of the catalog; this refuses it for any other (a wiring
 * mistake, quarantined with its reason rather than retried).
 */
export function declaredCall<N extends string>(
  service: string,
  declared: readonly N[],
  call: (dependency: string, fn: (signal: AbortSignal) => Promise<unknown>) => Promise<unknown>,
): CallDependency<N> {
  const allowed = new Set<string>(declared);
  return <T>(dependency: N, fn: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    if (!allowed.has(dependency)) {
      return Promise.reject(
        new PermanentError(
          `${service} calls ${dependency}, which its catalog entry does not declare (it declares ${[...allowed].join(', ') || 'nothing'}).`,
        ),
      );
    }
    return call(dependency, fn) as Promise<T>;
  };
}

/** A breaker-guarded call with short retries, aborted with `signal`. */
export function callThrough(breakers: BreakerRegistry, signal: AbortSignal) {
  return <T>(dependency: string, fn: (signal: AbortSignal) => Promise<T>): Promise<T> =>
    retryTransient(() => breakers.call(dependency, () => fn(signal)), { signal });
}
