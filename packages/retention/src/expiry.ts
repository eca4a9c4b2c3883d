import type { Hold } from './holds.js';

/** Accounting documents are kept ten years from the end of their fiscal year (Code de commerce L123-22). */
export const RETENTION_YEARS = 10;

/**
 * The first instant an original received at `uploadedAt` may go: ten years after the end of the
 * fiscal year it was received in. The upload, never before the expense, dates it no earlier than
 * the fiscal year it is booked in, so the count never ends too soon. `fiscalYearEndMonth`: 1-12
 * (12, a calendar year, when the tenant says nothing).
 */
export function retentionEndsAt(uploadedAt: string, fiscalYearEndMonth = 12): Date {
  const received = new Date(uploadedAt);
  if (Number.isNaN(received.getTime())) throw new RangeError(`An upload time is an ISO time, not ${uploadedAt}.`);
  if (!Number.isInteger(fiscalYearEndMonth) || fiscalYearEndMonth < 1 || fiscalYearEndMonth > 12)
    throw new RangeError(`A fiscal year ends in a month from 1 to 12, not ${fiscalYearEndMonth}.`);
  const closingYear = received.getUTCMonth() + 1 > fiscalYearEndMonth ? received.getUTCFullYear() + 1 : received.getUTCFullYear();
  // Date.UTC's month is 0-based: `fiscalYearEndMonth` is the first day of the month after the closing.
  return new Date(Date.UTC(closingYear + RETENTION_YEARS, fiscalYearEndMonth, 1));
}

export type ExpiryDecision =
  | { readonly action: 'keep'; readonly reason: 'held'; readonly holdId: string }
  | { readonly action: 'keep'; readonly reason: 'retention_running'; readonly until: string }
  | { readonly action: 'keep'; readonly reason: 'locked'; readonly until: string }
  | { readonly action: 'delete' };

export interface ExpiryFacts {
  readonly uploadedAt: string;
  readonly fiscalYearEndMonth?: number;
  /** The hold in force on the original's note or people, if any (see holdOn). */
  readonly hold: Hold | undefined;
  /** The object version's lock (S3 Object Lock retain-until date), if it has one. */
  readonly lockedUntil: Date | undefined;
  readonly now: Date;
}

/** Whether an original may be deleted now: a hold first, then the legal retention, then the storage's own lock. */
export function expiryDecision(facts: ExpiryFacts): ExpiryDecision {
  if (facts.hold) return { action: 'keep', reason: 'held', holdId: facts.hold.holdId };
  const ends = retentionEndsAt(facts.uploadedAt, facts.fiscalYearEndMonth);
  if (facts.now < ends) return { action: 'keep', reason: 'retention_running', until: ends.toISOString() };
  if (facts.lockedUntil && facts.now < facts.lockedUntil)
    return { action: 'keep', reason: 'locked', until: facts.lockedUntil.toISOString() };
  return { action: 'delete' };
}

/** The months (yyyy-mm) whose originals may all be past their retention at `now`: those received before the retention's start. */
export function monthsDueBefore(now: Date, fiscalYearEndMonth = 12): string {
  // Anything received before the start of the fiscal year that closed ten years before `now`'s last closing may go.
  const lastClosingYear =
    now.getUTCMonth() + 1 > fiscalYearEndMonth ? now.getUTCFullYear() - RETENTION_YEARS : now.getUTCFullYear() - RETENTION_YEARS - 1;
  const start = new Date(Date.UTC(lastClosingYear, fiscalYearEndMonth, 1));
  return start.toISOString().slice(0, 7);
}
