import { TENANT_READER_ROLES, TENANT_ROLES, type MonthlyReport, type ReportEmployee } from '@ndf/contracts';
import { invalid, json, ProblemError, requireRole } from '@ndf/http-api';
import { employeeReport } from '../reports/monthly-report.js';
import { monthlyReportCsv } from '../reports/monthly-report-csv.js';
import type { AuthorizedContext } from './route.js';

const EMPLOYEES_AT_ONCE = 4;

/** CSV when the caller's Accept names it (`Accept: text/csv`); JSON otherwise. */
const wantsCsv = (accept: string | undefined): boolean => accept !== undefined && /(^|,)\s*text\/csv/i.test(accept);

/**
 * A month's notes grouped per employee: the tenant's (its settings' employees) for an approver,
 * an accountant or an admin, or one employee's with `employee`; an employee's own only.
 */
export async function getMonthlyReport(context: AuthorizedContext) {
  const scope = requireRole(context.scope, TENANT_ROLES, 'Reading a monthly report');
  const { value, errors } = context.validators.monthlyReportQuery(context.event.queryStringParameters ?? {});
  if (errors.length > 0) throw invalid(errors);
  const query = value as { month: string; employee?: string };
  const readsTenant = scope.roles.some((role) => TENANT_READER_ROLES.includes(role));
  if (!readsTenant && query.employee !== undefined && query.employee !== scope.user)
    throw new ProblemError(
      403,
      'forbidden',
      "An employee reads their own report only: another employee's needs the role approver, accountant or admin.",
    );
  const employees =
    query.employee !== undefined
      ? [query.employee]
      : readsTenant
        ? await context.monthNotes.employees(scope, context.signal)
        : [scope.user];
  const sections: ReportEmployee[] = [];
  // A few employees at once, each reading up to MonthNotes' partitions at once: a bounded burst on the table.
  for (let start = 0; start < employees.length; start += EMPLOYEES_AT_ONCE) {
    const chunk = employees.slice(start, start + EMPLOYEES_AT_ONCE);
    const read = await Promise.all(
      chunk.map(async (employee) =>
        employeeReport(employee, await context.monthNotes.ofEmployee(scope, employee, query.month, context.signal)),
      ),
    );
    sections.push(...read);
  }
  const report: MonthlyReport = { month: query.month, employees: sections.filter((section) => section.notes.length > 0) };
  if (wantsCsv(context.event.headers?.accept))
    return {
      statusCode: 200,
      headers: { 'content-type': 'text/csv; charset=utf-8', 'cache-control': 'no-store' },
      body: monthlyReportCsv(report),
    };
  return json(200, report);
}
