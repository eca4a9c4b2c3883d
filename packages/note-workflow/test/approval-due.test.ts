import { describe, expect, it } from 'vitest';
import { escalationIsDue, nextDueAt, reminderPeriod } from '../src/approval-due.js';

const settings = { reminderAfterDays: 2, escalateAfterDays: 5 };
const asked = '2026-03-02T09:00:00.000Z';
const at = (iso: string) => new Date(iso);

describe("a round of approval's reminders and escalation", () => {
  it('counts reminder periods from the request: 0 before the reminder days, then one more every reminder days', () => {
    expect(reminderPeriod(asked, at('2026-03-04T08:59:59.999Z'), settings)).toBe(0);
    expect(reminderPeriod(asked, at('2026-03-04T09:00:00.000Z'), settings)).toBe(1);
    expect(reminderPeriod(asked, at('2026-03-07T09:00:00.000Z'), settings)).toBe(2);
    expect(escalationIsDue(asked, at('2026-03-07T08:59:59.999Z'), settings)).toBe(false);
    expect(escalationIsDue(asked, at('2026-03-07T09:00:00.000Z'), settings)).toBe(true);
  });

  it('is next due at the next reminder, or at the escalation when it comes first and has not been made', () => {
    // Asked: the first reminder at +2 days.
    expect(nextDueAt(asked, at(asked), settings, false).toISOString()).toBe('2026-03-04T09:00:00.000Z');
    // After the second reminder (+4 days): the escalation at +5 comes before the third reminder at +6.
    expect(nextDueAt(asked, at('2026-03-06T10:00:00.000Z'), settings, false).toISOString()).toBe('2026-03-07T09:00:00.000Z');
    expect(nextDueAt(asked, at('2026-03-06T10:00:00.000Z'), settings, true).toISOString()).toBe('2026-03-08T09:00:00.000Z');
    // Past an escalation not made: due at once.
    expect(nextDueAt(asked, at('2026-03-07T10:00:00.000Z'), settings, false).toISOString()).toBe('2026-03-07T10:00:00.000Z');
  });
});
