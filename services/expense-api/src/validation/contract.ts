import { expenseApiDocument } from '@ndf/contracts';
import { Contract, queryCheck, type Parameter, type QueryCheck } from '@ndf/http-api';

/** The id under which the expense API's OpenAPI document is known to the validator. */
export const CONTRACT_ID = 'https://ndf.local/expense-api/openapi.json';

/** The validator of the expense API's own document. */
export const expenseContract = (): Contract => new Contract(expenseApiDocument, CONTRACT_ID);

export interface Validators {
  readonly approvalsQuery: QueryCheck;
  readonly cardStatementQuery: QueryCheck;
  readonly cardTransactionsQuery: QueryCheck;
}

/** Every request check the routes need, compiled once from the document. */
export function buildValidators(contract: Contract): Validators {
  return {
    approvalsQuery: queryCheck(contract, expenseApiDocument.paths['/v1/approvals'].get.parameters as readonly Parameter[]),
    cardStatementQuery: queryCheck(contract, expenseApiDocument.paths['/v1/card-statements'].post.parameters as readonly Parameter[]),
    cardTransactionsQuery: queryCheck(contract, expenseApiDocument.paths['/v1/card-transactions'].get.parameters as readonly Parameter[]),
  };
}
