import { IDEMPOTENCY_KEY_PATTERN } from '../note-id.js';
import { authenticatedAnswers, json, problem, response } from './answers.js';

const common = authenticatedAnswers({
  forbidden: 'The token carries no usable tenant or role, or not the accountant or admin role (the detail names them).',
  unavailable: 'DynamoDB or S3 did not answer in time: retry after Retry-After seconds.',
});

const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: true,
  description: 'Unique per request: the same key again answers what the first request made, which is made once.',
  schema: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN.source },
};
const batchId = { name: 'batchId', in: 'path', required: true, schema: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]+$' } };
const noBatch = problem("No such batch in the caller's tenant (not_found).");

/** The reimbursement batches, the cash advances. */
export const batchPaths = {
  '/v1/batches': {
    post: {
      operationId: 'createBatch',
      summary: 'A reimbursement batch now, of every note approved until now',
      description:
        'For accountants and admins. Each employee with approved notes gets one line (their advances deducted) and one transfer in ' +
        "the batch's SEPA file (pain.001.001.03, checked against its XSD), and each note moves to batched. A batch left unfinished " +
        'is finished instead (200).',
      parameters: [idempotencyKey],
      responses: {
        '201': response('Batch', 'The batch made.'),
        '200': response('Batch', 'A batch left unfinished, now finished; or, for a replayed Idempotency-Key, the batch it made.'),
        '400': problem('A missing or malformed Idempotency-Key (validation_failed).'),
        '409': problem(
          'No approved note can be paid yet (nothing_to_batch: `errors` names each note left and why), or the batch cannot be made ' +
            "(batch_refused: the company's account is not set, an account is invalid; the detail says which).",
        ),
        ...common,
      },
    },
    get: {
      operationId: 'listBatches',
      summary: "The tenant's batches, newest first",
      description: 'For accountants and admins.',
      parameters: [
        { name: 'cursor', in: 'query', schema: { type: 'string', maxLength: 512 }, description: 'nextCursor of the previous page.' },
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
      ],
      responses: {
        '200': response('BatchPage', 'One page.'),
        '400': problem('A bad query parameter, or a cursor this API did not hand out (validation_failed).'),
        ...common,
      },
    },
  },
  '/v1/batches/{batchId}': {
    get: {
      operationId: 'getBatch',
      summary: 'One batch',
      description: 'For accountants and admins.',
      parameters: [batchId],
      responses: { '200': response('Batch', 'The batch.'), '404': noBatch, ...common },
    },
  },
  '/v1/batches/{batchId}/file': {
    get: {
      operationId: 'getBatchFile',
      summary: "A short-lived download link of the batch's SEPA file",
      description: 'For accountants and admins: a presigned GET of the file in the exports bucket, valid a few minutes.',
      parameters: [batchId],
      responses: {
        '200': response('BatchFile', 'The link.'),
        '404': noBatch,
        '409': problem('The file is not stored yet (batch_not_ready), or the batch transfers nothing and has none (no_file).'),
        ...common,
      },
    },
  },
  '/v1/batches/{batchId}/paid': {
    post: {
      operationId: 'confirmBatchPaid',
      summary: 'Confirms that the bank paid the batch',
      description:
        'For accountants and admins, never on a batch that holds one of their own notes (403). Each note batched → paid in the ' +
        "caller's name, then the batch paid; a repeat (or a replayed Idempotency-Key) answers the batch as it stands, paid once.",
      parameters: [batchId, idempotencyKey],
      responses: {
        '200': response('Batch', 'The batch, paid.'),
        '400': problem('A missing or malformed Idempotency-Key (validation_failed).'),
        '404': noBatch,
        '409': problem(
          'The batch is not closed yet (batch_not_ready), or a note refused the payment (wrong_status, the detail says which).',
        ),
        ...common,
      },
    },
  },
  '/v1/advances': {
    post: {
      operationId: 'recordAdvance',
      summary: 'Records a cash advance paid to an employee',
      description:
        "For accountants and admins. The employee's next batches deduct it, oldest advance first, never below 0, until nothing remains.",
      parameters: [idempotencyKey],
      requestBody: { required: true, content: json('AdvanceRequest') },
      responses: {
        '201': response('Advance', 'The advance recorded (or, for a replayed Idempotency-Key, the one it recorded).'),
        '400': problem('A field is missing or invalid (validation_failed, naming it), or malformed JSON (malformed_json).'),
        '409': problem('The Idempotency-Key was used for another advance (idempotency_conflict).'),
        '413': problem("The body is over the API's limit (payload_too_large)."),
        '415': problem('The body is not application/json (unsupported_media_type).'),
        ...common,
      },
    },
    get: {
      operationId: 'listAdvances',
      summary: "The tenant's cash advances, or one employee's",
      description: 'For accountants and admins, oldest first, each with what is left to deduct and the batches that took part of it.',
      parameters: [{ name: 'employee', in: 'query', schema: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}$' } }],
      responses: {
        '200': response('AdvanceList', 'The advances.'),
        '400': problem('A bad query parameter (validation_failed).'),
        ...common,
      },
    },
  },
  '/v1/reference-rates': {
    post: {
      operationId: 'loadReferenceRates',
      summary: 'Loads days of reference exchange rates',
      description:
        'For admins. The body is JSON ({"base": "EUR", "days": [{"date", "rates"}]}) or the ECB CSV as published (text/csv, the daily ' +
        'file or the history). Each day is written unless already loaded as it is (a corrected day replaces its own): loading the ' +
        'same body again writes nothing, so a retry needs no Idempotency-Key. The conversions that awaited a loaded day are recomputed.',
      requestBody: {
        required: true,
        content: { 'application/json': { schema: { $ref: '#/components/schemas/RatesJson' } }, 'text/csv': { schema: { type: 'string' } } },
      },
      responses: {
        '200': response('RatesLoad', 'What the load wrote.'),
        '400': problem('Malformed JSON (malformed_json), or a body that is not UTF-8.'),
        '413': problem("The body is over the API's limit (payload_too_large)."),
        '415': problem('Neither application/json nor text/csv (unsupported_media_type).'),
        '422': problem(
          'A line or field that cannot be read (unreadable_rates): `errors` names it (/lines/<n>/<column>, or the JSON pointer); nothing is loaded.',
        ),
        ...common,
        '403': problem('Only an admin loads reference rates: anyone else gets 403 (forbidden).'),
      },
    },
  },
};
