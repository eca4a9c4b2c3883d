import {
  fromMinorUnits,
  mileageDueIndexAttributes,
  signedMinorUnits,
  tenantScope,
  type MileageAdjustmentLine,
  type MileageRegularisation,
  type MileageYearItem,
} from '@ndf/contracts';

const euros = (minor: bigint) => fromMinorUnits(minor, 'EUR');
const centsOf = (value: { value: string; currency: string } | undefined) => (value === undefined ? 0n : signedMinorUnits(value));

/** What a note of the year counts as paid: its frozen allowance and every regularisation since. */
function paidFor(item: MileageYearItem, noteId: string): bigint {
  const committed = item.notes.find((note) => note.noteId === noteId)?.committed;
  const regularised = item.regularisations
    .flatMap((regularisation) => regularisation.lines)
    .filter((line) => line.noteId === noteId)
    .reduce((sum, line) => sum + signedMinorUnits(line.amount), 0n);
  return centsOf(committed) + regularised;
}

/**
 * The year as it stands once a batch's regularisation is counted as paid: appended, its revision
 * moved on, and its lines taken off the adjustment, which is what the calculator would compute
 * from the same notes (a note's difference is what is due less its frozen allowance and its
 * regularisations). On the year as last written, whatever the batch read: a recomputation that
 * moved the year in between keeps its figures, less what the batch carried. The year stays in
 * the batcher's index while something is left to pay or recover.
 */
export function withRegularisation(item: MileageYearItem, regularisation: MileageRegularisation): MileageYearItem {
  const byNote = new Map<string, { paid: bigint; due: bigint }>();
  for (const line of item.adjustment.lines) byNote.set(line.noteId, { paid: centsOf(line.paid), due: centsOf(line.due) });
  for (const line of regularisation.lines) {
    // A note not in the adjustment had nothing left to pay: what is due for it is what was paid.
    const before = byNote.get(line.noteId) ?? { paid: paidFor(item, line.noteId), due: paidFor(item, line.noteId) };
    byNote.set(line.noteId, { ...before, paid: before.paid + signedMinorUnits(line.amount) });
  }
  const lines: MileageAdjustmentLine[] = [...byNote]
    .filter(([, { paid, due }]) => due !== paid)
    .map(([noteId, { paid, due }]) => ({ noteId, paid: euros(paid), due: euros(due), difference: euros(due - paid) }));
  const total = [...byNote.values()].reduce((sum, { paid, due }) => sum + due - paid, 0n);
  const { gsi1pk: _pk, gsi1sk: _sk, ...rest } = item;
  const adjustmentDue = total > 0n ? 'pay' : total < 0n ? 'recover' : 'none';
  const employee = tenantScope({ tenant: item.tenant, user: item.owner, roles: [] });
  return {
    ...rest,
    revision: item.revision + 1,
    adjustment: { total: euros(total), lines },
    adjustmentDue,
    regularisations: [...item.regularisations, regularisation],
    ...(adjustmentDue === 'none' ? {} : mileageDueIndexAttributes(employee, item.year)),
  };
}
