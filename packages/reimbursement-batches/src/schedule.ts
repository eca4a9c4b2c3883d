/** When a tenant's batch takes its notes: those approved before the cutoff, and the batch's period (YYYY-MM). */
export interface BatchWindow {
  readonly cutoff: string;
  readonly period: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The month's batch day at 00:00 UTC that has passed last (this month's, or last month's before
 * the day): a tick on or after it batches every note approved before it, so a batcher down on
 * the day catches up on its next tick, and a note approved after it waits for the next month.
 */
export function scheduledWindow(now: Date, batchDay: number): BatchWindow {
  let year = now.getUTCFullYear();
  let month = now.getUTCMonth() + 1;
  if (now.getUTCDate() < batchDay) {
    month -= 1;
    if (month === 0) [year, month] = [year - 1, 12];
  }
  const period = `${year}-${pad(month)}`;
  return { cutoff: `${period}-${pad(batchDay)}T00:00:00.000Z`, period };
}

/** An accountant's batch on demand: every note approved until now. */
export function onDemandWindow(now: Date): BatchWindow {
  return { cutoff: now.toISOString(), period: now.toISOString().slice(0, 7) };
}
