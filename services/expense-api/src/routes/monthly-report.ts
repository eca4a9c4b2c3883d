import type { MonthlyReport } from '@ndf/contracts';
import { json } from '@ndf/http-api';
import { reportSection } from '../reports/monthly-report.js';
import { monthlyReportCsv } from '../reports/monthly-report-csv.js';
import { reportCursor, reportPositionAfter } from '../reports/report-cursor.js';
import { reportRequest } from '../reports/report-readers.js';
import type { AuthorizedContext } from './route.js';

/** CSV when the caller's Accept names it (`Accept: text/csv`); JSON otherwise. */
const wantsCsv = (accept: string | undefined): boolean => accept !== undefined && /(^|,)\s*text\/csv/i.test(accept);

/**
 * One page of a month's notes grouped per employee (see reportRequest for whose), up to `limit`
 * notes: only the page's notes are read. The totals over the whole month are GET /v1/reports/monthly/totals.
 */
export async function getMonthlyReport(context: AuthorizedContext) {
  const { scope, query, employees, oneEmployee } = await reportRequest<{ cursor?: string; limit: number }>(
    context,
    context.validators.monthlyReportQuery,
  );
  const after = reportPositionAfter(query.cursor, query.month, oneEmployee ? employees[0] : undefined);
  const page = await context.monthNotes.page(scope, employees, query.month, { limit: query.limit, after }, context.signal);
  const nextCursor = page.last === undefined ? undefined : reportCursor(page.last);
  const report: MonthlyReport = {
    month: query.month,
    employees: page.sections.map((section) => reportSection(section.employee, section.notes)),
    ...(nextCursor === undefined ? {} : { nextCursor }),
  };
  if (!wantsCsv(context.event.headers?.accept)) return json(200, report);
  const next = new URLSearchParams({
    month: query.month,
    ...(query.employee === undefined ? {} : { employee: query.employee }),
    limit: String(query.limit),
    ...(nextCursor === undefined ? {} : { cursor: nextCursor }),
  });
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'cache-control': 'no-store',
      ...(nextCursor === undefined ? {} : { link: `<${context.event.rawPath}?${next.toString()}>; rel="next"` }),
    },
    body: monthlyReportCsv(report),
  };
}
