import { fromMinorUnits, type Money } from '@ndf/contracts';
import type { Allowances } from './allowances.js';
import { MileageInputError } from './errors.js';

/** An amount already paid for a trip (a regularisation is one more payment, negative when recovered). */
export interface TripPayment {
  readonly tripId: string;
  readonly cents: bigint;
}

export interface SettlementLine {
  readonly tripId: string;
  readonly paidCents: bigint;
  /** What the trip is worth now: 0 for a trip that was paid and has since been removed. */
  readonly dueCents: bigint;
  /** Positive: to pay the employee; negative: to recover. */
  readonly differenceCents: bigint;
  readonly difference: Money;
}

export interface Settlement {
  /** Every trip that is due something or was paid something, with a difference or not. */
  readonly lines: readonly SettlementLine[];
  readonly totalDifferenceCents: bigint;
  readonly totalDifference: Money;
}

/**
 * What is left to pay or to recover, per trip and in total, after a recomputation: every
 * payment recorded against a trip is counted, including those of trips no longer in the year.
 */
export function settle(recomputed: Allowances, payments: readonly TripPayment[]): Settlement {
  const paid = new Map<string, bigint>();
  payments.forEach((payment, index) => {
    if (typeof payment.tripId !== 'string' || payment.tripId === '')
      throw new MileageInputError(`payments[${index}].tripId`, 'invalid_payment', 'a non-empty trip id.');
    if (typeof payment.cents !== 'bigint')
      throw new MileageInputError(`payments[${index}].cents`, 'invalid_payment', 'an integer number of cents (bigint).');
    paid.set(payment.tripId, (paid.get(payment.tripId) ?? 0n) + payment.cents);
  });
  const due = new Map(recomputed.trips.map((trip) => [trip.tripId, trip.cents]));
  const tripIds = [...due.keys(), ...[...paid.keys()].filter((id) => !due.has(id))];
  const lines = tripIds.map((tripId) => {
    const paidCents = paid.get(tripId) ?? 0n;
    const dueCents = due.get(tripId) ?? 0n;
    const differenceCents = dueCents - paidCents;
    return { tripId, paidCents, dueCents, differenceCents, difference: fromMinorUnits(differenceCents, 'EUR') };
  });
  const totalDifferenceCents = lines.reduce((sum, line) => sum + line.differenceCents, 0n);
  return { lines, totalDifferenceCents, totalDifference: fromMinorUnits(totalDifferenceCents, 'EUR') };
}
