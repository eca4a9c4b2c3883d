import type { MonthlyTotals, ReportEmployeeTotals } from '@ndf/contracts';
import { json } from '@ndf/http-api';
import { employeeTotals } from '../reports/monthly-report.js';
import { reportRequest } from '../reports/report-readers.js';
import type { AuthorizedContext } from './route.js';

const EMPLOYEES_AT_ONCE = 4;

/**
 * Each employee's totals over the whole month (see reportRequest for whose): every note of the
 * month is read, once per report rather than with each page of GET /v1/reports/monthly.
 */
export async function getMonthlyTotals(context: AuthorizedContext) {
  const { scope, query, employees } = await reportRequest(context, context.validators.monthlyTotalsQuery);
  const totals: ReportEmployeeTotals[] = [];
  // A few employees at once, each reading up to MonthNotes' partitions at once: a bounded burst on the table.
  for (let start = 0; start < employees.length; start += EMPLOYEES_AT_ONCE) {
    const read = await Promise.all(
      employees
        .slice(start, start + EMPLOYEES_AT_ONCE)
        .map(async (employee) =>
          employeeTotals(employee, await context.monthNotes.ofEmployee(scope, employee, query.month, context.signal)),
        ),
    );
    totals.push(...read.filter((entry) => entry.notes > 0));
  }
  const answer: MonthlyTotals = { month: query.month, employees: totals };
  return json(200, answer);
}
