import { authenticatedAnswers, healthOperation, openApiOperation, problem, response } from './answers.js';

const common = authenticatedAnswers({
  forbidden: 'The token carries no usable tenant or role, or none of the roles the operation needs (the detail names them).',
  unavailable: 'DynamoDB did not answer in time: retry after Retry-After seconds.',
});

export const expensePaths = {
  '/v1/approvals': {
    get: {
      operationId: 'listApprovals',
      summary: "The caller's queue: notes awaiting their approval, oldest request first",
      description:
        'For approvers only: any other caller gets 403. One entry per note at a level the caller approves; a note leaves the queue once ' +
        'its level is decided.',
      parameters: [
        { name: 'cursor', in: 'query', schema: { type: 'string', maxLength: 512 }, description: 'nextCursor of the previous page.' },
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
      ],
      responses: {
        '200': response('ApprovalPage', 'One page.'),
        '400': problem('A bad query parameter, or a cursor this API did not hand out (validation_failed).'),
        ...common,
      },
    },
  },
  '/v1/card-statements': {
    post: {
      operationId: 'importCardStatement',
      summary: 'Imports a company-card statement (CSV or camt.053): one card transaction per payment, each written once',
      description:
        'For accountants and admins: any other caller gets 403. The body is the statement file; its format is `format`, else the ' +
        'Content-Type (text/csv; application/xml or text/xml for camt.053), else (text/plain) sniffed from the content. A line that cannot be read is refused on ' +
        'its own and named in the answer; a statement that cannot be read at all is a 422 naming where. A re-import of a statement ' +
        'writes nothing new.',
      parameters: [
        { name: 'format', in: 'query', schema: { enum: ['csv', 'camt053'] } },
        {
          name: 'currency',
          in: 'query',
          schema: { type: 'string', pattern: '^[A-Z]{3}$', default: 'EUR' },
          description: "A CSV statement's currency when it has no currency column.",
        },
        {
          name: 'debits',
          in: 'query',
          schema: { enum: ['negative', 'positive'], default: 'negative' },
          description: 'How a CSV statement signs a payment (a refund has the other sign).',
        },
      ],
      requestBody: {
        required: true,
        content: {
          'text/csv': { schema: { type: 'string' } },
          'application/xml': { schema: { type: 'string' } },
          'text/xml': { schema: { type: 'string' } },
          'text/plain': { schema: { type: 'string' } },
        },
      },
      responses: {
        '200': response('CardStatementImport', 'What the import read, wrote and refused.'),
        '400': problem('A bad query parameter (validation_failed), or a body that is not UTF-8.'),
        '413': problem('The statement is larger than the API accepts (payload_too_large).'),
        '415': problem('Neither CSV nor XML (unsupported_media_type).'),
        '422': problem('The statement cannot be read at all (unreadable_statement): `errors` names where and why.'),
        ...common,
      },
    },
  },
  '/v1/card-transactions': {
    get: {
      operationId: 'listCardTransactions',
      summary: 'Company-card payments without their note (unmatched) or without a receipt past the reminder delay (overdue)',
      description:
        'For accountants and admins: any other caller gets 403. Oldest payment first. `unmatched`: no note claims the payment; ' +
        '`overdue`: no note with a receipt claims it `reminderAfterDays` (the CARDS settings) after it was made, as of today.',
      parameters: [
        { name: 'status', in: 'query', required: true, schema: { enum: ['unmatched', 'overdue'] } },
        { name: 'cursor', in: 'query', schema: { type: 'string', maxLength: 512 }, description: 'nextCursor of the previous page.' },
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
      ],
      responses: {
        '200': response('CardTransactionPage', 'One page.'),
        '400': problem('A bad query parameter, or a cursor this API did not hand out (validation_failed).'),
        ...common,
      },
    },
  },
  '/v1/openapi.json': openApiOperation,
  '/v1/health': healthOperation(
    'Whether the expense API can write',
    'Makes a conditional write that cannot succeed on DynamoDB: its refusal proves the write path.',
  ),
};
