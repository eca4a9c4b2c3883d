import type { Metrics } from '../observability/metrics.js';

/**
 * Handlers abandoned past their deadline that have not stopped yet. Each still holds CPU,
 * memory and connections, so whoever abandoned it counts it against its capacity until it
 * really stops; `onChange` hears the count at each change.
 */
export class AbandonedHandlers {
  private running = 0;

  constructor(private readonly onChange: (running: number) => void = () => undefined) {}

  /** The process's `abandoned_in_flight` gauge, which on-call reads. */
  static reportingTo(metrics: Metrics): AbandonedHandlers {
    return new AbandonedHandlers((running) => metrics.gauge('abandoned_in_flight', running));
  }

  get inFlight(): number {
    return this.running;
  }

  /** Counts `stillRunning` until it settles; resolves then, whatever its outcome. */
  track(stillRunning: Promise<unknown>): Promise<void> {
    this.running += 1;
    this.onChange(this.running);
    const settled = (): void => {
      this.running -= 1;
      this.onChange(this.running);
    };
    return stillRunning.then(settled, settled);
  }
}
