/**
 * When the runs a tick asks for start (epoch ms): one every `intervalMs` over the tick's period,
 * from when the tick was sent, so that a tick a minute gives a run every 10 s. A run whose
 * interval has already ended (a tick taken late, or handled again after a crash) is left out:
 * the next tick brings the next runs, and late ones never pile up.
 */
export function runTimes({
  sentAt,
  now,
  periodMs,
  intervalMs,
}: {
  sentAt: number;
  now: number;
  periodMs: number;
  intervalMs: number;
}): number[] {
  const count = Math.max(1, Math.floor(periodMs / intervalMs));
  return Array.from({ length: count }, (_, index) => sentAt + index * intervalMs).filter((startAt) => startAt + intervalMs > now);
}
