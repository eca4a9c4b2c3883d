const DAY_MS = 86_400_000;

/** The tenant's APPROVERS settings a round's reminders and escalation follow. */
export interface ReminderSettings {
  readonly reminderAfterDays: number;
  readonly escalateAfterDays: number;
}

const waited = (requestedAt: string, now: Date) => now.getTime() - Date.parse(requestedAt);

/** The reminder period a round is in at `now`: 0 before its first reminder is due, 1 from `reminderAfterDays`, 2 from twice that... */
export function reminderPeriod(requestedAt: string, now: Date, settings: ReminderSettings): number {
  return Math.max(0, Math.floor(waited(requestedAt, now) / (settings.reminderAfterDays * DAY_MS)));
}

export function escalationIsDue(requestedAt: string, now: Date, settings: ReminderSettings): boolean {
  return waited(requestedAt, now) >= settings.escalateAfterDays * DAY_MS;
}

/** When something is next due for the round: its next reminder, or its escalation while not made (`now` when that is overdue). */
export function nextDueAt(requestedAt: string, now: Date, settings: ReminderSettings, escalated: boolean): Date {
  const start = Date.parse(requestedAt);
  const reminder = start + (reminderPeriod(requestedAt, now, settings) + 1) * settings.reminderAfterDays * DAY_MS;
  const escalation = escalated ? Number.POSITIVE_INFINITY : Math.max(start + settings.escalateAfterDays * DAY_MS, now.getTime());
  return new Date(Math.min(reminder, escalation));
}
