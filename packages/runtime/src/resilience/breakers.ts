import { SERVICE_METRIC } from '@ndf/catalog';
import CircuitBreaker from 'opossum';
import { noMetrics, type Metrics } from '../observability/metrics.js';
import { DependencyUnavailableError, classifyFailure } from './classify.js';

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerOptions {
  /** Calls within the rolling window before the error rate may open the breaker. */
  readonly volumeThreshold: number;
  /** The transient failure rate, in percent, above which the breaker opens. */
  readonly errorThresholdPercentage: number;
  /** How long an open breaker refuses calls before letting one probe through. */
  readonly resetTimeoutMs: number;
  readonly rollingWindowMs: number;
  /** False by default: deadlines belong to the caller, through its abort signal. */
  readonly timeoutMs: number | false;
}

export type BreakerListener = (dependency: string, state: BreakerState) => void;

const DEFAULTS: BreakerOptions = {
  volumeThreshold: 10,
  errorThresholdPercentage: 50,
  resetTimeoutMs: 5_000,
  rollingWindowMs: 10_000,
  timeoutMs: false,
};

type Thunk = () => Promise<unknown>;

/**
 * One circuit breaker per dependency name, created on first use. Only transient failures
 * count against a dependency: a permanent one is a bad message, not a sick dependency.
 */
export class BreakerRegistry {
  readonly #metrics: Metrics;
  readonly #options: BreakerOptions;
  readonly #breakers = new Map<string, CircuitBreaker<[Thunk], unknown>>();
  readonly #listeners = new Set<BreakerListener>();
  #shutDown = false;

  constructor({ metrics = noMetrics, options = {} }: { metrics?: Metrics; options?: Partial<BreakerOptions> } = {}) {
    this.#metrics = metrics;
    this.#options = { ...DEFAULTS, ...options };
  }

  /** Calls `fn` through the dependency's breaker; rejects with DependencyUnavailableError without calling it while the breaker is open. */
  async call<T>(dependency: string, fn: () => Promise<T>): Promise<T> {
    if (this.#shutDown) return fn();
    const breaker = this.#breaker(dependency);
    // Half-open lets a single probe through; opossum refuses the others like an open breaker.
    if (breaker.opened || (breaker.halfOpen && !breaker.pendingClose)) {
      throw new DependencyUnavailableError(`${dependency} is unavailable: its circuit breaker is ${this.state(dependency)}`);
    }
    return (await breaker.fire(fn)) as T;
  }

  state(dependency: string): BreakerState {
    const breaker = this.#breakers.get(dependency);
    if (breaker === undefined || breaker.closed) return 'closed';
    return breaker.opened ? 'open' : 'half-open';
  }

  openDependencies(): string[] {
    return [...this.#breakers.keys()].filter((dependency) => this.state(dependency) === 'open');
  }

  /** Whether one of `dependencies` is half-open: the next call through it is the probe. */
  probing(dependencies: readonly string[]): boolean {
    return dependencies.some((dependency) => this.state(dependency) === 'half-open');
  }

  /** Resolves once none of `dependencies` is open (half-open counts as available: the next call is the probe). */
  whenAvailable(dependencies: readonly string[], signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(signal.reason);
    const available = (): boolean => dependencies.every((dependency) => this.state(dependency) !== 'open');
    if (available()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const settle = (): void => {
        unsubscribe();
        signal.removeEventListener('abort', onAbort);
      };
      const onAbort = (): void => {
        settle();
        reject(signal.reason);
      };
      const unsubscribe = this.onChange(() => {
        if (!available()) return;
        settle();
        resolve();
      });
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  onChange(listener: BreakerListener): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }

  /** Clears every breaker's timers; later calls go straight to their function. */
  shutdown(): void {
    this.#shutDown = true;
    for (const breaker of this.#breakers.values()) breaker.shutdown();
    this.#breakers.clear();
    this.#listeners.clear();
  }

  #breaker(dependency: string): CircuitBreaker<[Thunk], unknown> {
    const existing = this.#breakers.get(dependency);
    if (existing !== undefined) return existing;
    const breaker = new CircuitBreaker((fn: Thunk) => fn(), {
      name: dependency,
      volumeThreshold: this.#options.volumeThreshold,
      errorThresholdPercentage: this.#options.errorThresholdPercentage,
      resetTimeout: this.#options.resetTimeoutMs,
      rollingCountTimeout: this.#options.rollingWindowMs,
      timeout: this.#options.timeoutMs,
      errorFilter: (error: unknown) => classifyFailure(error) === 'permanent',
      enableSnapshots: false,
    });
    breaker.on('open', () => this.#changed(dependency, 'open'));
    breaker.on('halfOpen', () => this.#changed(dependency, 'half-open'));
    breaker.on('close', () => {
      // opossum keeps the failures that opened it in its rolling window, so that a single
      // failure just after closing would open it again: a closed breaker starts afresh.
      breaker.shutdown();
      this.#breakers.delete(dependency);
      this.#changed(dependency, 'closed');
    });
    this.#breakers.set(dependency, breaker);
    this.#metrics.gauge(`breaker.${dependency}.open`, 0);
    return breaker;
  }

  #changed(dependency: string, state: BreakerState): void {
    this.#metrics.gauge(`breaker.${dependency}.open`, state === 'open' ? 1 : 0);
    // One gauge across dependencies, so that one alarm per service watches them all.
    const open = [...this.#breakers.values()].filter((breaker) => breaker.opened).length;
    this.#metrics.gauge(SERVICE_METRIC.breakersOpen, open);
    for (const listener of this.#listeners) listener(dependency, state);
  }
}
