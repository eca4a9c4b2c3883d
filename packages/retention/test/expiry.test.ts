import { describe, expect, it } from 'vitest';
import { expiryDecision, monthsDueBefore, retentionEndsAt } from '../src/expiry.js';
import type { Hold } from '../src/holds.js';

const hold: Hold = {
  holdId: 'dispute-1',
  scope: { kind: 'all' },
  reason: 'labour court',
  placedBy: 'carol',
  placedAt: '2030-01-01T00:00:00.000Z',
};

describe('retention of an original', () => {
  it('ends ten years after the end of the fiscal year it was received in', () => {
    // Calendar year: received 2014-03-05, year closed 2014-12-31, kept through 2024-12-31.
    expect(retentionEndsAt('2014-03-05T10:00:00.000Z').toISOString()).toBe('2025-01-01T00:00:00.000Z');
    // Received on the closing day itself: the same year.
    expect(retentionEndsAt('2014-12-31T23:59:59.999Z').toISOString()).toBe('2025-01-01T00:00:00.000Z');
    // A fiscal year closing on 30 June: July 2014 belongs to the year closing 2015-06-30, kept through 2025-06-30.
    expect(retentionEndsAt('2014-07-10T00:00:00.000Z', 6).toISOString()).toBe('2025-07-01T00:00:00.000Z');
    expect(retentionEndsAt('2014-06-30T12:00:00.000Z', 6).toISOString()).toBe('2024-07-01T00:00:00.000Z');
  });

  it('decides on a controlled clock: a hold first, then the legal retention, then the object lock', () => {
    const uploadedAt = '2014-03-05T10:00:00.000Z';
    const dayBefore = new Date('2024-12-31T23:59:59.000Z');
    const dayAfter = new Date('2025-01-01T00:00:00.000Z');
    expect(expiryDecision({ uploadedAt, hold: undefined, lockedUntil: undefined, now: dayBefore })).toEqual({
      action: 'keep',
      reason: 'retention_running',
      until: '2025-01-01T00:00:00.000Z',
    });
    expect(expiryDecision({ uploadedAt, hold: undefined, lockedUntil: undefined, now: dayAfter })).toEqual({ action: 'delete' });
    // The storage's lock (3653 days from the upload, 2024-03-05 here) may still run when the law's is over: it wins.
    const lockedUntil = new Date('2025-03-05T10:00:00.000Z');
    expect(expiryDecision({ uploadedAt, hold: undefined, lockedUntil, now: dayAfter })).toEqual({
      action: 'keep',
      reason: 'locked',
      until: lockedUntil.toISOString(),
    });
    // Held: kept, however old, and whatever the lock.
    expect(expiryDecision({ uploadedAt, hold, lockedUntil: undefined, now: new Date('2040-01-01T00:00:00.000Z') })).toEqual({
      action: 'keep',
      reason: 'held',
      holdId: 'dispute-1',
    });
  });

  it('lists as due the months received before the fiscal year that closed ten years before the last closing', () => {
    // On 2025-01-15 the last closing is 2024-12-31: the year 2014 is over its ten years, 2015 not.
    expect(monthsDueBefore(new Date('2025-01-15T00:00:00.000Z'))).toBe('2015-01');
    expect(monthsDueBefore(new Date('2024-12-31T23:00:00.000Z'))).toBe('2014-01');
    // Closing 30 June: on 2025-07-02, July 2014 to June 2015 are due.
    expect(monthsDueBefore(new Date('2025-07-02T00:00:00.000Z'), 6)).toBe('2015-07');
  });
});
