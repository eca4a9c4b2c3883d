import type { Metrics } from './metrics.js';

/** Sets the `heartbeat` gauge to the current epoch seconds now and every interval; returns the stop function. */
export function startHeartbeat(
  metrics: Metrics,
  { intervalMs = 1_000, now = Date.now }: { intervalMs?: number; now?: () => number } = {},
): () => void {
  const beat = (): void => metrics.gauge('heartbeat', Math.floor(now() / 1000));
  beat();
  const timer = setInterval(beat, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
