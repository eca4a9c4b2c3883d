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
  '/v1/openapi.json': openApiOperation,
  '/v1/health': healthOperation(
    'Whether the expense API can write',
    'Makes a conditional write that cannot succeed on DynamoDB: its refusal proves the write path.',
  ),
};
