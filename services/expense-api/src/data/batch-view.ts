import type { Batch } from '@ndf/contracts';
import type { BatchItem } from '@ndf/reimbursement-batches';

/** A BATCH item as the API shows it: its figures and each employee's line, without its keys or where its file is. */
export function batchView(item: BatchItem): Batch {
  return {
    batchId: item.batchId,
    status: item.status,
    createdAt: item.createdAt,
    cutoff: item.cutoff,
    executionDate: item.executionDate,
    employees: item.lines.map((line) => ({
      employee: line.employee,
      notes: line.notes.map((note) => ({ noteId: note.noteId, amount: note.amount, decidedBy: note.decidedBy })),
      ...(line.mileage
        ? {
            mileage: line.mileage.map((year) => ({
              year: year.year,
              amount: year.amount,
              lines: year.lines.map((one) => ({ noteId: one.noteId, amount: one.amount })),
              ...(year.stillDue ? { stillDue: year.stillDue } : {}),
            })),
          }
        : {}),
      gross: line.gross,
      advances: line.advances.map((taken) => ({ advanceId: taken.advanceId, amount: taken.amount, remainingAfter: taken.remainingAfter })),
      net: line.net,
      ...(line.endToEndId ? { endToEndId: line.endToEndId } : {}),
    })),
    transfers: item.transfers,
    controlSum: item.controlSum,
    hasFile: item.fileKey !== undefined,
    ...(item.batchedAt ? { batchedAt: item.batchedAt } : {}),
    ...(item.paidAt ? { paidAt: item.paidAt } : {}),
    ...(item.paidBy ? { paidBy: item.paidBy } : {}),
  };
}
