import type { AmountOwed } from '@ndf/amount-owed';
import { fromMinorUnits, toMinorUnits, type AdvanceItem, type Money } from '@ndf/contracts';
import { payeeOf, type PayeeSettings } from '@ndf/tenant-settings';
import { takeMileage, type BatchMileage, type LeftMileage, type MileageDue } from './mileage-plan.js';

/** An approved note and what is owed for it. */
export interface OwedNote {
  readonly noteId: string;
  readonly owner: string;
  readonly owed: AmountOwed;
}

export interface PlannedNote {
  readonly noteId: string;
  readonly amount: Money;
  /** Which term decided: the base, a cap, a partial approval, or the company card (0). */
  readonly decidedBy: string;
}

/**
 * One employee's line of a batch: their notes, their mileage years' differences paid or
 * recovered, the advances deducted, and the transfer (net) when above 0.
 */
export interface BatchLine {
  readonly employee: string;
  readonly payee?: { readonly name: string; readonly iban: string; readonly bic?: string };
  readonly notes: readonly PlannedNote[];
  /** Present when the line carries a mileage regularisation (see mileage-plan.ts). */
  readonly mileage?: readonly BatchMileage[];
  /** The notes' sum, plus the mileage differences paid, less those recovered: never below zero. */
  readonly gross: Money;
  readonly advances: readonly { readonly advanceId: string; readonly amount: Money; readonly remainingAfter: Money }[];
  readonly net: Money;
  /** The transfer's id in the SEPA file and in the bank's reports; absent when nothing is transferred. */
  readonly endToEndId?: string;
}

/** A note the batch leaves approved for a later one, and why. */
export interface LeftNote {
  readonly noteId: string;
  readonly owner: string;
  readonly code: string;
  readonly reason: string;
}

export interface BatchPlan {
  readonly lines: readonly BatchLine[];
  readonly left: readonly LeftNote[];
  readonly leftMileage: readonly LeftMileage[];
  readonly controlSum: Money;
  readonly transfers: number;
}

const EUR = 'EUR';
const euros = (minor: bigint) => fromMinorUnits(minor, EUR);
/** An amount that may be 0.00 (what an advance has left), which is never a note's amount. */
export const minorOf = (money: Money): bigint => (/^0+(\.0+)?$/.test(money.value) ? 0n : toMinorUnits(money));

/**
 * What a batch pays: the notes grouped per employee, their mileage years' differences paid or
 * recovered (a recovery never below zero: see takeMileage), each employee's advances deducted
 * oldest first and never below zero (what an advance has left stays for a later batch), card-paid
 * notes carried at 0 so that they leave `approved` with the batch. A note whose figure is not
 * there yet, or whose owner has no account while money is owed, is left for a later batch; so is
 * a mileage difference of an employee without an account.
 */
export function planBatch(
  batchId: string,
  notes: readonly OwedNote[],
  payees: PayeeSettings,
  advances: readonly AdvanceItem[],
  mileage: readonly MileageDue[] = [],
): BatchPlan {
  const left: LeftNote[] = [];
  const leftMileage: LeftMileage[] = [];
  const byEmployee = new Map<string, { noteId: string; minor: bigint; decidedBy: string }[]>();
  for (const { noteId, owner, owed } of notes) {
    if (owed.kind === 'unavailable') {
      left.push({ noteId, owner, code: owed.code, reason: owed.reason });
      continue;
    }
    if (owed.minor > 0n && payeeOf(payees, owner) === undefined) {
      left.push({ noteId, owner, code: 'payee_missing', reason: `No account is set for ${owner} (settings PAYEES).` });
      continue;
    }
    const list = byEmployee.get(owner) ?? [];
    list.push({ noteId, minor: owed.minor, decidedBy: owed.decidedBy });
    byEmployee.set(owner, list);
  }
  const duesOf = new Map<string, MileageDue[]>();
  for (const due of mileage) duesOf.set(due.owner, [...(duesOf.get(due.owner) ?? []), due]);
  const lines: BatchLine[] = [];
  let controlSum = 0n;
  let transfers = 0;
  for (const employee of [...new Set([...byEmployee.keys(), ...duesOf.keys()])].sort()) {
    const owned = (byEmployee.get(employee) ?? []).sort((a, b) => a.noteId.localeCompare(b.noteId));
    const notesSum = owned.reduce((sum, note) => sum + note.minor, 0n);
    const dues = duesOf.get(employee) ?? [];
    const hasPayee = payeeOf(payees, employee) !== undefined;
    const {
      taken: mileageTaken,
      owedMinor: gross,
      notTaken,
    } = hasPayee ? takeMileage(dues, notesSum) : { taken: [], owedMinor: notesSum, notTaken: dues };
    for (const due of notTaken)
      leftMileage.push({
        owner: employee,
        year: due.year,
        amount: due.adjustment.total,
        ...(hasPayee
          ? { code: 'nothing_owed', reason: `Nothing is owed to ${employee} in this batch to recover it from: it stays due.` }
          : { code: 'payee_missing', reason: `No account is set for ${employee} (settings PAYEES).` }),
      });
    if (owned.length === 0 && mileageTaken.length === 0) continue;
    let net = gross;
    const taken: BatchLine['advances'][number][] = [];
    const open = advances
      .filter((advance) => advance.employee === employee && minorOf(advance.remaining) > 0n)
      .sort((a, b) => a.paidAt.localeCompare(b.paidAt) || a.advanceId.localeCompare(b.advanceId));
    for (const advance of open) {
      if (net === 0n) break;
      const remaining = minorOf(advance.remaining);
      const deducted = remaining < net ? remaining : net;
      net -= deducted;
      taken.push({ advanceId: advance.advanceId, amount: euros(deducted), remainingAfter: euros(remaining - deducted) });
    }
    const payee = payeeOf(payees, employee);
    const endToEndId = net > 0n ? `${batchId}-${transfers + 1}` : undefined;
    if (net > 0n) {
      transfers += 1;
      controlSum += net;
    }
    lines.push({
      employee,
      ...(payee ? { payee: { name: payee.name, iban: payee.iban, ...(payee.bic ? { bic: payee.bic } : {}) } } : {}),
      notes: owned.map((note) => ({ noteId: note.noteId, amount: euros(note.minor), decidedBy: note.decidedBy })),
      ...(mileageTaken.length > 0 ? { mileage: mileageTaken } : {}),
      gross: euros(gross),
      advances: taken,
      net: euros(net),
      ...(endToEndId ? { endToEndId } : {}),
    });
  }
  return { lines, left, leftMileage, controlSum: euros(controlSum), transfers };
}
