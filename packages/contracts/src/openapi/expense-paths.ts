import { IDEMPOTENCY_KEY_PATTERN } from '../note-id.js';
import { USER_PATTERN } from '../tenant-scope.js';
import { authenticatedAnswers, healthOperation, json, openApiOperation, problem, response, schema } from './answers.js';
import { batchPaths } from './expense-batch-paths.js';
import { SETTINGS_DOCUMENT_NAMES } from './expense-schemas.js';

const common = authenticatedAnswers({
  forbidden: 'The token carries no usable tenant or role, or none of the roles the operation needs (the detail names them).',
  unavailable: 'DynamoDB did not answer in time: retry after Retry-After seconds.',
});

const REPORT_READERS =
  "Approvers, accountants and admins read the tenant (its employees: the APPROVERS teams' members and the PAYEES' employees), " +
  'or one employee with `employee`; an employee reads only their own notes (another employee named: 403). A note is in the ' +
  'month of its expense date.';
const reportParameters = [
  {
    name: 'month',
    in: 'query',
    required: true,
    schema: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$', 'x-error-detail': 'A month as YYYY-MM, e.g. 2026-03.' },
  },
  {
    name: 'employee',
    in: 'query',
    schema: { type: 'string', pattern: USER_PATTERN.source },
    description: "A user id: that employee's notes only.",
  },
];

const etag = (what: string) => ({ ETag: { description: `${what}, quoted: send it back in If-Match.`, schema: { type: 'string' } } });
const noteEtag = etag("The note's version");
const withBody = {
  '413': problem("The body is over the API's limit (payload_too_large)."),
  '415': problem('The body is not application/json (unsupported_media_type).'),
};

interface Action {
  readonly operationId: string;
  readonly summary: string;
  readonly description: string;
  readonly who: string;
  /** An approver's decision: If-Match required, on the note they read. */
  readonly decision: boolean;
  readonly body?: { readonly name: string; readonly required: boolean };
  readonly invalid: string;
}

/** POST /v1/notes/{id}/<action>: one transition of the note's workflow, answered with the note as it now stands. */
function noteAction(action: Action) {
  return {
    post: {
      operationId: action.operationId,
      summary: action.summary,
      description:
        `${action.description} The Idempotency-Key names the request: the same key again answers the note as it stands, the ` +
        'transition made once (another request under the same key: 409 idempotency_conflict). Every transition is in the ' +
        "note's history (GET /v1/notes/{id} of the ingest API): who, when and why.",
      parameters: [
        { name: 'id', in: 'path', required: true, schema: schema('Id') },
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: true,
          description: 'Unique per request, e.g. a UUID made by the app when the user taps the button.',
          schema: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN.source },
        },
        {
          name: 'If-Match',
          in: 'header',
          required: action.decision,
          description: action.decision
            ? 'The version of the note the approver read and decides on (its ETag).'
            : 'The version read (its ETag); without it, the note as it stands.',
          schema: { type: 'string' },
        },
      ],
      ...(action.body ? { requestBody: { required: action.body.required, content: json(action.body.name) } } : {}),
      responses: {
        '200': response('Note', 'The note as it now stands (or, for a replayed Idempotency-Key, as it stands since).', noteEtag),
        '400': problem(`${action.invalid} (validation_failed, naming the field), or malformed JSON (malformed_json).`),
        '404': problem("No such note for the caller (another tenant's, or another user's for an employee)."),
        '409': problem(
          'The note cannot take this action as it stands, the reason in the detail: wrong_status, locked (batched or paid), ' +
            'already_decided (an approver decided a level: no withdrawal), wrong_level; or idempotency_conflict.',
        ),
        '412': problem('The note changed since the version in If-Match (version_mismatch): read it again. ETag gives its version.'),
        ...(action.decision ? { '428': problem('If-Match is missing (precondition_required).') } : {}),
        ...(action.body ? withBody : {}),
        ...common,
        '403': problem(`${action.who}; anyone else gets 403 (forbidden), the reason in the detail, and the note is unchanged.`),
      },
    },
  };
}

const ownerAction = (operationId: string, summary: string, description: string) =>
  noteAction({
    operationId,
    summary,
    description,
    who: "The note's owner only (an employee's own note)",
    decision: false,
    invalid: 'A bad Idempotency-Key, If-Match or note id',
  });

const approverWho = 'An approver, never on their own note; once the approval workflow named the approvers of the level, one of them only';

const settingsDocument = { name: 'document', in: 'path', required: true, schema: { type: 'string', enum: [...SETTINGS_DOCUMENT_NAMES] } };
const noSuchDocument = problem(`No such settings document (route_not_found): ${SETTINGS_DOCUMENT_NAMES.join(', ')} only.`);
const settingsEtag = etag("The document's version (0: the default, never written)");

export const expensePaths = {
  '/v1/notes/{id}/submit': ownerAction(
    'submitNote',
    'Submit a draft, or a note sent back for changes',
    'The owner sends the note for checks and approval: received or needs_changes → submitted.',
  ),
  '/v1/notes/{id}/withdraw': ownerAction(
    'withdrawNote',
    'Take a submitted note back as a draft',
    'The owner takes the note back (submitted or awaiting_approval → received) until an approver has approved a level.',
  ),
  '/v1/notes/{id}/approve': noteAction({
    operationId: 'approveNote',
    summary: 'Approve the level the note is at, in full or in part',
    description:
      'awaiting_approval → awaiting_approval at the next level, or approved at the last. A partial approval (approvedAmount below ' +
      'the claimed amount, with its reason) is kept on the note as approvedAmount: what is owed is at most that.',
    who: approverWho,
    decision: true,
    body: { name: 'ApproveRequest', required: false },
    invalid: 'A bad body (approvedAmount above the claimed amount, in another currency, or lower without a reason), header or id',
  }),
  '/v1/notes/{id}/reject': noteAction({
    operationId: 'rejectNote',
    summary: 'Reject the note, with the reason',
    description: 'awaiting_approval → rejected.',
    who: approverWho,
    decision: true,
    body: { name: 'RejectRequest', required: true },
    invalid: 'A missing or blank reason, a bad header or id',
  }),
  '/v1/notes/{id}/request-changes': noteAction({
    operationId: 'requestNoteChanges',
    summary: 'Send the note back to its owner for changes, with a comment',
    description: 'awaiting_approval → needs_changes: the owner corrects it (PATCH on the ingest API) and submits it again.',
    who: approverWho,
    decision: true,
    body: { name: 'RequestChangesRequest', required: true },
    invalid: 'A missing or blank comment, a bad header or id',
  }),
  '/v1/settings': {
    get: {
      operationId: 'listSettings',
      summary: "Every document of the tenant's settings, each with its version",
      description: 'For admins and accountants: anyone else gets 403. A document the tenant never wrote is the default, version 0.',
      responses: { '200': response('AllSettings', 'Every document.'), ...common },
    },
  },
  '/v1/settings/{document}': {
    parameters: [settingsDocument],
    get: {
      operationId: 'getSettings',
      summary: "One document of the tenant's settings",
      description: 'For admins and accountants: anyone else gets 403.',
      responses: { '200': response('Settings', 'The document.', settingsEtag), '404': noSuchDocument, ...common },
    },
    put: {
      operationId: 'putSettings',
      summary: "Replace one document of the tenant's settings",
      description:
        'Admins only. The body is the document itself (the value GET shows), checked whole: every problem at once, each naming its ' +
        "field. If-Match names the version read (0 for the default), so that two admins cannot undo each other's change.",
      parameters: [
        { name: 'If-Match', in: 'header', required: true, description: 'The version read (its ETag).', schema: { type: 'string' } },
      ],
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
      responses: {
        '200': response('Settings', 'The document as written, at its new version.', settingsEtag),
        '400': problem('The document breaks its rules (validation_failed, each field error at its JSON pointer), or malformed JSON.'),
        '412': problem('The document changed since the version in If-Match (version_mismatch): read it again. ETag gives its version.'),
        '404': noSuchDocument,
        '428': problem('If-Match is missing (precondition_required).'),
        ...withBody,
        ...common,
      },
    },
  },
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
  ...batchPaths,
  '/v1/reports/monthly': {
    get: {
      operationId: 'getMonthlyReport',
      summary: "A month's notes grouped per employee, with what is owed and the recoverable VAT of each, a page at a time",
      description:
        `${REPORT_READERS} A page holds up to \`limit\` notes, employee after employee (by id), each employee's by date; ` +
        "nextCursor gives the next page. Each employee's totals over the whole month are GET /v1/reports/monthly/totals, read " +
        "once for the report rather than with every page. What is owed is the platform's one definition (nothing for a " +
        "company-card expense, else the smallest of the base, the policy's allowed amount and a partial approval); a figure not " +
        'known yet is `unavailable` with its reason. Amounts are exact decimal strings.',
      parameters: [
        ...reportParameters,
        {
          name: 'cursor',
          in: 'query',
          schema: { type: 'string', maxLength: 512 },
          description: 'nextCursor of the previous page, with the same month and employee.',
        },
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 100 }, description: 'Notes per page.' },
      ],
      responses: {
        '200': {
          description:
            'One page: a section per employee with notes on it; with `Accept: text/csv`, one CSV row per note (employee, noteId, ' +
            'date, status, category, merchant, paymentMethod, amount, currency, countedInTotals, owed, recoverableVat, ' +
            'unavailable: why a figure is empty), the header line on every page, the next page in the Link header.',
          headers: {
            Link: {
              description: 'With text/csv, unless this is the last page: `<the next page>; rel="next"`.',
              schema: { type: 'string' },
            },
          },
          content: { ...json('MonthlyReport'), 'text/csv': { schema: { type: 'string' } } },
        },
        '400': problem(
          'A missing or malformed month, a malformed employee or limit, or a cursor this API did not hand out for this month and ' +
            'employee (validation_failed, naming the parameter).',
        ),
        ...common,
        '403': problem('An employee naming another employee, or a token without a tenant role (forbidden, the reason in the detail).'),
      },
    },
  },
  '/v1/reports/monthly/totals': {
    get: {
      operationId: 'getMonthlyTotals',
      summary: "Each employee's totals over a month: claimed, owed, recoverable VAT, paid by company card",
      description:
        `${REPORT_READERS} The totals count the notes submitted and not rejected, over the whole month whatever the pages of ` +
        'GET /v1/reports/monthly; a note whose figure is not known yet is left out of that total and counted in `unavailable`. ' +
        'Every note of the month is read: one call per report, not per page.',
      parameters: reportParameters,
      responses: {
        '200': response('MonthlyTotals', 'One entry per employee with notes in the month, in the order of their ids.'),
        '400': problem('A missing or malformed month, or a malformed employee (validation_failed, naming the parameter).'),
        ...common,
        '403': problem('An employee naming another employee, or a token without a tenant role (forbidden, the reason in the detail).'),
      },
    },
  },
  '/v1/notes/{id}/audit': {
    get: {
      operationId: 'getNoteAuditTrail',
      summary: "The note's audit trail: every change of it and of its receipts, who and when, oldest first",
      description:
        "Read by whoever may read the note: its owner, and the tenant's approvers, accountants and admins. Personal fields " +
        '(comment, attendees) are said to have changed, never copied.',
      parameters: [{ name: 'id', in: 'path', required: true, schema: schema('Id') }],
      responses: {
        '200': response('AuditTrail', 'The records, oldest first (none yet for a note whose changes are still on their way).'),
        '404': problem("No such note for the caller (another tenant's, or another employee's for an employee)."),
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
