import { amountOwed, OWED_CURRENCY, submittedVersion } from '@ndf/amount-owed';
import {
  fromMinorUnits,
  toMinorUnits,
  VAT_CALCULATOR,
  type HistoryItem,
  type Money,
  type NoteItem,
  type NoteStatus,
  type ReportEmployeeTotals,
  type ReportNote,
  type ReportOwed,
  type ReportSection,
  type ReportTotals,
  type ReportVat,
  type StageItem,
  type VatCalculatorOutcome,
} from '@ndf/contracts';

/** A note with what its partition holds that a report reads. */
export interface NoteRecords {
  readonly note: NoteItem & { readonly status: NoteStatus };
  readonly stages: readonly StageItem[];
  readonly history: readonly HistoryItem[];
}

/** A draft is not claimed yet and a rejected note is owed nothing: both are listed, neither is in the totals. */
const OUTSIDE_TOTALS: readonly NoteStatus[] = ['received', 'rejected'];

const isZero = (money: Money) => /^0+(\.0+)?$/.test(money.value);
/** Exact minor units, zero included (a computed figure may be "0.00", which a note's amount never is). */
const minorOf = (money: Money): bigint => (isZero(money) ? 0n : toMinorUnits(money));

function owedOf(records: NoteRecords): ReportOwed {
  const owed = amountOwed(records.note, records.stages, records.history);
  return owed.kind === 'owed'
    ? { kind: 'owed', amount: owed.amount, paidByCompanyCard: owed.paidByCompanyCard }
    : { kind: 'unavailable', code: owed.code, reason: owed.reason };
}

/** The vat-calculator's recoverable VAT, when its stage is current (computed from the submitted version or later) and in EUR. */
export function recoverableVatOf(records: NoteRecords): ReportVat {
  const since = submittedVersion(records.history);
  const stage = records.stages.find((candidate) => candidate.service === VAT_CALCULATOR && candidate.receiptId === undefined);
  if (stage === undefined || (stage.noteVersion ?? 0) < since)
    return { kind: 'unavailable', code: 'stage_missing', reason: `No ${VAT_CALCULATOR} stage for the submitted version ${since} yet.` };
  if (stage.status !== 'succeeded') {
    const why = stage.reason ?? stage.code ?? stage.status;
    return {
      kind: 'unavailable',
      code: stage.status === 'refused' ? 'stage_refused' : 'stage_pending',
      reason: `The ${VAT_CALCULATOR}: ${why}`,
    };
  }
  const { recoverable } = stage.outcome as VatCalculatorOutcome;
  // Foreign VAT is never recoverable: its zero counts as nothing whatever its currency; any other amount must be in EUR to add up.
  if (recoverable.currency !== OWED_CURRENCY && !isZero(recoverable))
    return { kind: 'unavailable', code: 'not_eur', reason: `The recoverable VAT is in ${recoverable.currency}, not ${OWED_CURRENCY}.` };
  return { kind: 'computed', recoverable: { value: recoverable.value, currency: recoverable.currency } };
}

export function reportNoteOf(records: NoteRecords): ReportNote {
  const { note } = records;
  return {
    noteId: note.noteId,
    date: note.date,
    status: note.status,
    amount: { value: note.amount.value, currency: note.amount.currency },
    ...(note.category === undefined ? {} : { category: note.category }),
    ...(note.merchant === undefined ? {} : { merchant: note.merchant }),
    ...(note.paymentMethod === undefined ? {} : { paymentMethod: note.paymentMethod }),
    countedInTotals: !OUTSIDE_TOTALS.includes(note.status),
    owed: owedOf(records),
    recoverableVat: recoverableVatOf(records),
  };
}

/** Sums per currency, in the order the currencies first appear. */
function perCurrency(amounts: readonly Money[]): Money[] {
  const sums = new Map<string, bigint>();
  for (const amount of amounts) sums.set(amount.currency, (sums.get(amount.currency) ?? 0n) + minorOf(amount));
  return [...sums].map(([currency, minor]) => fromMinorUnits(minor, currency));
}

/** The totals of the notes submitted and not rejected, each exact; a figure not known yet is counted in `unavailable`. */
export function reportTotals(rows: readonly ReportNote[]): ReportTotals {
  const counted = rows.filter((row) => row.countedInTotals);
  let owed = 0n;
  let vat = 0n;
  let owedMissing = 0;
  let vatMissing = 0;
  for (const row of counted) {
    if (row.owed.kind === 'owed') owed += minorOf(row.owed.amount);
    else owedMissing += 1;
    if (row.recoverableVat.kind === 'computed') {
      if (row.recoverableVat.recoverable.currency === OWED_CURRENCY) vat += minorOf(row.recoverableVat.recoverable);
    } else vatMissing += 1;
  }
  const byCard = counted.filter((row) => row.paymentMethod === 'company_card' || (row.owed.kind === 'owed' && row.owed.paidByCompanyCard));
  return {
    claimed: perCurrency(counted.map((row) => row.amount)),
    owed: fromMinorUnits(owed, OWED_CURRENCY),
    recoverableVat: fromMinorUnits(vat, OWED_CURRENCY),
    paidByCompanyCard: perCurrency(byCard.map((row) => row.amount)),
    unavailable: { owed: owedMissing, recoverableVat: vatMissing },
  };
}

/** An employee's totals over all their notes of the month. */
export function employeeTotals(employee: string, notes: readonly NoteRecords[]): ReportEmployeeTotals {
  return { employee, notes: notes.length, totals: reportTotals(notes.map(reportNoteOf)) };
}

/** An employee's notes on a page, by date (then id, for notes of one day). */
export function reportSection(employee: string, notes: readonly NoteRecords[]): ReportSection {
  return {
    employee,
    notes: notes.map(reportNoteOf).sort((a, b) => a.date.localeCompare(b.date) || a.noteId.localeCompare(b.noteId)),
  };
}
