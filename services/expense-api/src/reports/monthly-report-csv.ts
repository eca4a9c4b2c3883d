import { stringify } from 'csv-stringify/sync';
import type { MonthlyReport, ReportNote } from '@ndf/contracts';

/** The CSV's columns, one row per note: what a spreadsheet of the month needs, figures as exact decimal strings. */
export const REPORT_CSV_COLUMNS = [
  'employee',
  'noteId',
  'date',
  'status',
  'category',
  'merchant',
  'paymentMethod',
  'amount',
  'currency',
  'countedInTotals',
  'owed',
  'recoverableVat',
  'unavailable',
] as const;

/** Why a row's figure is empty: each missing figure with its reason. */
function unavailableOf(note: ReportNote): string {
  const reasons = [
    ...(note.owed.kind === 'unavailable' ? [`owed: ${note.owed.reason}`] : []),
    ...(note.recoverableVat.kind === 'unavailable' ? [`recoverableVat: ${note.recoverableVat.reason}`] : []),
  ];
  return reasons.join(' ');
}

/** The report as CSV (RFC 4180, a header line): the notes only, the totals being sums of its columns per employee. */
export function monthlyReportCsv(report: MonthlyReport): string {
  const rows = report.employees.flatMap((section) =>
    section.notes.map((note) => [
      section.employee,
      note.noteId,
      note.date,
      note.status,
      note.category ?? '',
      note.merchant ?? '',
      note.paymentMethod ?? '',
      note.amount.value,
      note.amount.currency,
      String(note.countedInTotals),
      note.owed.kind === 'owed' ? note.owed.amount.value : '',
      note.recoverableVat.kind === 'computed' ? note.recoverableVat.recoverable.value : '',
      unavailableOf(note),
    ]),
  );
  return stringify(rows, { header: true, columns: [...REPORT_CSV_COLUMNS], record_delimiter: 'windows' });
}
