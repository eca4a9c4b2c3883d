import { expenseApiDocument, type FieldError } from '@ndf/contracts';
import { Contract, headerCheck, queryCheck, type Check, type Parameter, type QueryCheck } from '@ndf/http-api';

/** The id under which the expense API's OpenAPI document is known to the validator. */
export const CONTRACT_ID = 'https://ndf.local/expense-api/openapi.json';

/** The validator of the expense API's own document. */
export const expenseContract = (): Contract => new Contract(expenseApiDocument, CONTRACT_ID);

export interface Validators {
  readonly approvalsQuery: QueryCheck;
  /** The Idempotency-Key every note action requires. */
  readonly actionKey: (value: string | undefined) => readonly FieldError[];
  readonly approveRequest: Check;
  readonly rejectRequest: Check;
  readonly requestChangesRequest: Check;
  readonly cardStatementQuery: QueryCheck;
  readonly cardTransactionsQuery: QueryCheck;
  /** The Idempotency-Key of the batches' and advances' writes. */
  readonly writeKey: (value: string | undefined) => readonly FieldError[];
  readonly batchesQuery: QueryCheck;
  readonly advanceRequest: Check;
  readonly advancesQuery: QueryCheck;
  readonly monthlyReportQuery: QueryCheck;
  readonly monthlyTotalsQuery: QueryCheck;
}

/** Every request check the routes need, compiled once from the document. */
export function buildValidators(contract: Contract): Validators {
  const actionParameters = expenseApiDocument.paths['/v1/notes/{id}/submit'].post.parameters as readonly Parameter[];
  return {
    approvalsQuery: queryCheck(contract, expenseApiDocument.paths['/v1/approvals'].get.parameters as readonly Parameter[]),
    actionKey: headerCheck(contract, actionParameters, 'Idempotency-Key'),
    approveRequest: contract.schemaCheck('ApproveRequest'),
    rejectRequest: contract.schemaCheck('RejectRequest'),
    requestChangesRequest: contract.schemaCheck('RequestChangesRequest'),
    cardStatementQuery: queryCheck(contract, expenseApiDocument.paths['/v1/card-statements'].post.parameters as readonly Parameter[]),
    cardTransactionsQuery: queryCheck(contract, expenseApiDocument.paths['/v1/card-transactions'].get.parameters as readonly Parameter[]),
    writeKey: headerCheck(contract, expenseApiDocument.paths['/v1/batches'].post.parameters as readonly Parameter[], 'Idempotency-Key'),
    batchesQuery: queryCheck(contract, expenseApiDocument.paths['/v1/batches'].get.parameters as readonly Parameter[]),
    advanceRequest: contract.schemaCheck('AdvanceRequest'),
    advancesQuery: queryCheck(contract, expenseApiDocument.paths['/v1/advances'].get.parameters as readonly Parameter[]),
    monthlyReportQuery: queryCheck(contract, expenseApiDocument.paths['/v1/reports/monthly'].get.parameters as readonly Parameter[]),
    monthlyTotalsQuery: queryCheck(contract, expenseApiDocument.paths['/v1/reports/monthly/totals'].get.parameters as readonly Parameter[]),
  };
}
