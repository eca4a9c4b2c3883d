import { TENANT_READER_ROLES, TENANT_ROLES, type TenantScope } from '@ndf/contracts';
import { invalid, ProblemError, requireRole, type QueryCheck } from '@ndf/http-api';
import type { AuthorizedContext } from '../routes/route.js';

export interface ReportRequest<Query> {
  readonly scope: TenantScope;
  readonly query: Query & { readonly month: string; readonly employee?: string };
  /** Whose notes the report holds, by id: the employee named, the tenant's for a reader of the tenant, else the caller's own. */
  readonly employees: readonly string[];
  /** Whether the report is one employee's, whoever asked. */
  readonly oneEmployee: boolean;
}

/**
 * Who may read a monthly report, and of whom: the tenant's employees (its settings') for an
 * approver, an accountant or an admin, or one employee's with `employee`; an employee their own only.
 */
export async function reportRequest<Query>(context: AuthorizedContext, check: QueryCheck): Promise<ReportRequest<Query>> {
  const scope = requireRole(context.scope, TENANT_ROLES, 'Reading a monthly report');
  const { value, errors } = check(context.event.queryStringParameters ?? {});
  if (errors.length > 0) throw invalid(errors);
  const query = value as ReportRequest<Query>['query'];
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
  return { scope, query, employees, oneEmployee: query.employee !== undefined || !readsTenant };
}
