import { fromMinorUnits, signedMinorUnits, type MileageYearItem, type Money } from '@ndf/contracts';

/** An employee's year with a difference due, as the batch reads it. */
export type MileageDue = Pick<MileageYearItem, 'owner' | 'year' | 'adjustment'>;

/** What a batch line carries of one year's differences: paid (positive) or recovered (negative). */
export interface BatchMileage {
  readonly year: number;
  /** The sum of `lines`. */
  readonly amount: Money;
  /** Per note, as the regularisation appended to the year records it. */
  readonly lines: readonly { readonly noteId: string; readonly amount: Money }[];
  /** What is left to recover for the year after this batch (negative), when it could not take it all. */
  readonly stillDue?: Money;
}

/** A year's difference a batch does not carry, and why: it stays due for a later batch. */
export interface LeftMileage {
  readonly owner: string;
  readonly year: number;
  readonly amount: Money;
  readonly code: 'payee_missing' | 'nothing_owed';
  readonly reason: string;
}

interface SignedLine {
  readonly noteId: string;
  readonly minor: bigint;
}

const euros = (minor: bigint) => fromMinorUnits(minor, 'EUR');
const sum = (lines: readonly SignedLine[]) => lines.reduce((total, line) => total + line.minor, 0n);
const carried = (lines: readonly SignedLine[]) => lines.map((line) => ({ noteId: line.noteId, amount: euros(line.minor) }));

/**
 * A recovery of `recovered` cents out of a year whose lines recover more: the lines to pay are
 * carried whole, the lines to recover one after the other until the sum is -recovered.
 */
function partOfRecovery(lines: readonly SignedLine[], recovered: bigint): SignedLine[] {
  const toPay = lines.filter((line) => line.minor > 0n);
  let left = recovered + sum(toPay);
  const taken = [...toPay];
  for (const line of lines.filter((one) => one.minor < 0n)) {
    if (left === 0n) break;
    const part = -line.minor < left ? -line.minor : left;
    taken.push({ noteId: line.noteId, minor: -part });
    left -= part;
  }
  return taken;
}

/**
 * What one employee's line carries of their years' differences, given what its notes owe them:
 * every difference to pay first, then the recoveries (oldest year first) as far as what the line
 * owes then allows, as an advance is deducted: a transfer never goes below zero, and what cannot
 * be recovered now stays due, per note, for a later batch.
 */
export function takeMileage(
  dues: readonly MileageDue[],
  owedMinor: bigint,
): { readonly taken: BatchMileage[]; readonly owedMinor: bigint; readonly notTaken: MileageDue[] } {
  const years = dues
    .map((due) => ({
      due,
      lines: due.adjustment.lines
        .map((line) => ({ noteId: line.noteId, minor: signedMinorUnits(line.difference) }))
        .filter((line) => line.minor !== 0n),
    }))
    .map((year) => ({ ...year, total: sum(year.lines) }))
    .filter((year) => year.total !== 0n)
    .sort((a, b) => a.due.year - b.due.year);
  const taken: BatchMileage[] = [];
  const notTaken: MileageDue[] = [];
  let owed = owedMinor;
  for (const { due, lines, total } of years.filter((year) => year.total > 0n)) {
    taken.push({ year: due.year, amount: euros(total), lines: carried(lines) });
    owed += total;
  }
  for (const { due, lines, total } of years.filter((year) => year.total < 0n)) {
    const recovered = -total < owed ? -total : owed;
    if (recovered === 0n) {
      notTaken.push(due);
      continue;
    }
    const part = recovered === -total ? lines : partOfRecovery(lines, recovered);
    taken.push({
      year: due.year,
      amount: euros(-recovered),
      lines: carried(part),
      ...(recovered === -total ? {} : { stillDue: euros(total + recovered) }),
    });
    owed -= recovered;
  }
  return { taken, owedMinor: owed, notTaken };
}
