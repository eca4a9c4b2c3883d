import { IDEMPOTENCY_KEY_PATTERN } from '../note-id.js';
import { NOTE_STATUSES } from '../note.js';
import { authenticatedAnswers, healthOperation, json, openApiOperation, problem, response, schema } from './answers.js';

const etag = { ETag: { description: "The note's version, quoted: send it back in If-Match.", schema: { type: 'string' } } };

/** Answers every authenticated operation may give. */
const common = authenticatedAnswers({
  forbidden: 'The token is valid but carries no usable tenant or role.',
  unavailable: 'DynamoDB or S3 did not answer in time: retry after Retry-After seconds (with the same Idempotency-Key).',
});
const withBody = {
  '400': problem('Malformed JSON (malformed_json) or a field that breaks the contract (validation_failed, with errors[]).'),
  '413': {
    description: 'The body is over 1 MiB (payload_too_large); over 10 MB the gateway answers itself, with its own message.',
    content: { 'application/problem+json': { schema: schema('Problem') }, ...json('GatewayMessage') },
  },
  '415': problem('The body is not application/json (unsupported_media_type).'),
};
const noteId = { name: 'id', in: 'path', required: true, schema: schema('Id') };

export const paths = {
  '/v1/receipts': {
    post: {
      operationId: 'requestReceiptUpload',
      summary: 'Ask to upload a receipt file',
      description:
        "Records the receipt (awaiting upload) and returns a presigned S3 POST that accepts at most 20 MiB for 15 minutes, under the tenant's prefix. " +
        "With noteId, the receipt joins that note (which must be the caller's draft) and is listed in its receiptIds, its version unchanged; " +
        'without it, list its id in the receiptIds of the note created later (one note only). ' +
        'With an Idempotency-Key, the same key and body answer the same receipt (200) with a fresh form.',
      parameters: [
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description: 'Makes a retry safe: 1 to 128 visible ASCII characters, kept 24 hours for the tenant and user.',
          schema: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN.source },
        },
      ],
      requestBody: { required: true, content: json('ReceiptUploadRequest') },
      responses: {
        '200': response('ReceiptUpload', 'The Idempotency-Key was used with this body: the same receipt, a fresh upload form.'),
        '201': response('ReceiptUpload', 'The receipt and how to upload its bytes.'),
        ...withBody,
        '404': problem('noteId names no note of the caller, or the receipt the Idempotency-Key asked for is gone.'),
        '409': problem(
          'The note is no longer a draft (not_editable), lists the most receipts a note may (too_many_receipts), ' +
            'or the Idempotency-Key was used with another body (idempotency_conflict).',
        ),
        ...common,
      },
    },
  },
  '/v1/notes': {
    post: {
      operationId: 'createNote',
      summary: 'Create a note (idempotent)',
      description:
        'One conditional write creates the note and claims the Idempotency-Key. The same key with the same body answers the same note ' +
        '(200 on a replay), the same key with another body 409.',
      parameters: [
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: true,
          description: 'Unique per note and user, e.g. a UUID made by the app when the user saves the note.',
          schema: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN.source },
        },
      ],
      requestBody: { required: true, content: json('NoteInput') },
      responses: {
        '201': response('Note', 'Created.', { ...etag, Location: { schema: { type: 'string' } } }),
        '200': response('Note', 'A replay: the note created earlier with this key and body.', etag),
        ...withBody,
        '409': problem(
          'The key was used with another body (idempotency_conflict), or a receipt it lists is listed by another note (receipt_already_attached).',
        ),
        '410': problem('The note this key created has been deleted (note_deleted).'),
        '422': problem('A receipt id names no receipt of the caller (invalid_reference).'),
        ...common,
      },
    },
    get: {
      operationId: 'listNotes',
      summary: "The caller's notes, newest expense date first",
      parameters: [
        { name: 'from', in: 'query', schema: { type: 'string', format: 'date' }, description: 'Earliest expense date, inclusive.' },
        { name: 'to', in: 'query', schema: { type: 'string', format: 'date' }, description: 'Latest expense date, inclusive.' },
        { name: 'status', in: 'query', schema: { type: 'string', enum: [...NOTE_STATUSES] } },
        { name: 'cursor', in: 'query', schema: { type: 'string', maxLength: 512 }, description: 'nextCursor of the previous page.' },
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
      ],
      responses: {
        '200': response('NotePage', 'One page.'),
        '400': problem('A bad query parameter (validation_failed).'),
        ...common,
      },
    },
  },
  '/v1/notes/batch': {
    post: {
      operationId: 'createNotes',
      summary: 'Create up to 25 notes, each with its own idempotency key',
      description:
        'For an app coming back online. Each note succeeds or fails on its own; results come in request order with the status POST /v1/notes would give.',
      requestBody: { required: true, content: json('NoteBatchRequest') },
      responses: { '200': response('NoteBatchResponse', 'A result per note.'), ...withBody, ...common },
    },
  },
  '/v1/notes/{id}': {
    parameters: [noteId],
    get: {
      operationId: 'getNote',
      summary: 'A note with its receipts, processing state and workflow history',
      responses: {
        '200': response('NoteDetail', 'The note.', etag),
        '404': problem("No such note for the caller (another tenant's, or another user's for an employee)."),
        ...common,
      },
    },
    patch: {
      operationId: 'correctNote',
      summary: 'Correct a draft note, or a note an approver sent back for changes',
      description: 'While the note is "received" or "needs_changes", by its owner only.',
      parameters: [
        { name: 'If-Match', in: 'header', required: true, description: 'The version read (the ETag).', schema: { type: 'string' } },
      ],
      requestBody: {
        required: true,
        content: {
          'application/merge-patch+json': { schema: schema('NotePatch') },
          ...{ 'application/json': { schema: schema('NotePatch') } },
        },
      },
      responses: {
        '200': response('Note', 'The corrected note.', etag),
        ...withBody,
        '404': problem('No such note for the caller.'),
        '409': problem('The note is neither a draft nor sent back for changes (not_editable).'),
        '412': problem('The note changed since that version (version_mismatch): read it again.'),
        '428': problem('If-Match is missing (precondition_required).'),
        ...common,
      },
    },
    delete: {
      operationId: 'deleteNote',
      summary: 'Delete a draft note',
      description: 'Only while the note is "received". Its receipts\' original files are kept (legal copies).',
      parameters: [{ name: 'If-Match', in: 'header', required: false, schema: { type: 'string' } }],
      responses: {
        '204': { description: 'Deleted.' },
        '404': problem('No such note for the caller.'),
        '409': problem('The note is no longer a draft (not_editable).'),
        '412': problem('If-Match names another version (version_mismatch).'),
        ...common,
      },
    },
  },
  '/v1/openapi.json': openApiOperation,
  '/v1/health': healthOperation(
    'Whether the ingest path can write',
    'Makes a conditional write that cannot succeed on DynamoDB (its refusal proves the write path) and a HeadBucket on the receipts bucket.',
  ),
};
