import { CURRENCIES, POSITIVE_DECIMAL_PATTERN, currenciesWithDigits, decimalPatternWithDigits, type MinorDigits } from '../money.js';
import {
  COMPANY_MENTIONS,
  FUEL_ENERGIES,
  FUEL_VEHICLES,
  MAX_RECEIPTS_PER_NOTE,
  NOTE_STATUSES,
  PAYMENT_METHODS,
  VEHICLES,
} from '../note.js';
import { FIELD_ERROR_CODES, PROBLEM_CODES } from '../problem.js';
import { MAX_RECEIPT_BYTES, RECEIPT_STATUSES } from '../receipt.js';
import { STAGE_STATUSES } from '../stage.js';
import { NOTE_ACTIONS } from '../history.js';
import { IDEMPOTENCY_KEY_PATTERN } from '../note-id.js';

// JSON Schema 2020-12 (OpenAPI 3.1's dialect). `x-error-code` names the field error a failing
// keyword reports when the keyword's own name would be vague (a pattern that bounds decimals),
// `x-error-detail` the sentence that explains it.

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const nullable = (schema: object) => ({ anyOf: [{ type: 'null' }, schema] });

/** One line of text: no control characters. */
const SINGLE_LINE = '^[^\\u0000-\\u001f\\u007f]*$';
/** Free text: tabs and line breaks allowed, other control characters not. */
const MULTI_LINE = '^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]*$';
const line = (maxLength: number, description: string) => ({
  type: 'string',
  minLength: 1,
  maxLength,
  pattern: SINGLE_LINE,
  'x-error-detail': 'Must be one line of text, without control characters.',
  description,
});
const UUID = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
const timestamp = { type: 'string', format: 'date-time' };

function digitsRule(digits: MinorDigits) {
  return {
    if: { properties: { currency: { type: 'string', enum: currenciesWithDigits(digits) } }, required: ['currency'] },
    then: {
      properties: {
        value: {
          type: 'string',
          pattern: decimalPatternWithDigits(digits),
          'x-error-code': 'too_many_decimals',
          'x-error-detail':
            digits === 0 ? 'This currency has no minor unit: no decimals.' : `At most ${digits} decimals for this currency.`,
        },
      },
    },
  };
}

const noteFields = {
  date: { type: 'string', format: 'date', description: 'ISO date of the expense (YYYY-MM-DD), not in the future.' },
  amount: ref('Money'),
  merchant: line(200, 'Who was paid.'),
  category: line(100, 'Nature of the expense, as the tenant names it (e.g. meals, train).'),
  comment: {
    type: 'string',
    maxLength: 2000,
    pattern: MULTI_LINE,
    'x-error-detail': 'Must be text without control characters other than tabs and line breaks.',
  },
  paymentMethod: { type: 'string', enum: [...PAYMENT_METHODS] },
  mileage: ref('Mileage'),
  project: line(100, 'Project or cost centre.'),
  country: {
    type: 'string',
    pattern: '^[A-Z]{2}$',
    'x-error-detail': 'Must be an ISO 3166-1 alpha-2 country code in capitals, e.g. "FR".',
    description: 'Country where the expense was made (ISO 3166-1 alpha-2).',
  },
  fuel: ref('FuelPurchase'),
  companyMention: {
    type: 'string',
    enum: [...COMPANY_MENTIONS],
    description: 'For meals: whether the invoice names the company (printed by the seller, added by the company, absent).',
  },
  vatLines: {
    type: 'array',
    maxItems: 4,
    items: ref('VatLine'),
    description: "The receipt's VAT lines as the employee confirmed them, in the note's currency (one per rate).",
  },
  attendees: {
    type: 'array',
    maxItems: 50,
    items: line(200, 'An attendee.'),
    description: 'For meals: who ate, the employee included.',
  },
};

const NOTE_REQUIRED = ['id', 'status', 'version', 'owner', 'date', 'amount', 'receiptIds', 'createdAt', 'updatedAt'] as const;

/** A note as the API shows it; a note's detail adds its receipts and stages. */
const noteProperties = {
  id: ref('Id'),
  status: {
    type: 'string',
    enum: [...NOTE_STATUSES],
    description:
      'A new note is "received": a draft, editable and deletable while it stays so; the owner may also correct it in "needs_changes".',
  },
  version: { type: 'integer', minimum: 1 },
  owner: { type: 'string' },
  ...noteFields,
  receiptIds: { type: 'array', items: ref('Id') },
  createdAt: timestamp,
  updatedAt: timestamp,
  approvedAmount: {
    ...ref('Money'),
    description: "What an approver approved when less than the claimed amount (in the note's currency); the reason is in the history.",
  },
};

export const schemas = {
  Id: { type: 'string', pattern: UUID, 'x-error-detail': 'Must be a lower-case UUID.', description: 'A lower-case UUID.' },
  Money: {
    type: 'object',
    description: 'An amount as a decimal string, never a number: "42.50", with at most the currency\'s ISO 4217 minor digits.',
    required: ['value', 'currency'],
    additionalProperties: false,
    properties: {
      value: {
        type: 'string',
        pattern: POSITIVE_DECIMAL_PATTERN,
        'x-error-detail':
          'Must be a positive decimal string with a point and at most 12 integer digits, e.g. "42.50" (not a number, no comma, no sign).',
        description: 'A positive decimal with a point, e.g. "42.50".',
        examples: ['42.50', '1200', '0.5'],
      },
      currency: {
        type: 'string',
        enum: [...CURRENCIES],
        'x-error-code': 'unknown_currency',
        'x-error-detail': 'Must be an active ISO 4217 currency code, e.g. "EUR".',
        description: 'ISO 4217 code.',
      },
    },
    allOf: ([0, 2, 3, 4] as const).map(digitsRule),
  },
  Mileage: {
    type: 'object',
    required: ['km', 'fiscalPower', 'vehicle'],
    additionalProperties: false,
    properties: {
      km: {
        type: 'string',
        pattern: '^(?!0+(\\.0)?$)(0|[1-9][0-9]{0,5})(\\.[0-9])?$',
        'x-error-detail': 'Must be a positive decimal string with at most one decimal, e.g. "42.5".',
        description: 'Kilometres as a decimal string, at most one decimal.',
      },
      fiscalPower: { type: 'integer', minimum: 1, maximum: 50, description: 'Fiscal horsepower (CV).' },
      vehicle: { type: 'string', enum: [...VEHICLES] },
      electric: { type: 'boolean' },
    },
  },
  VatLine: {
    type: 'object',
    required: ['rate', 'amount'],
    additionalProperties: false,
    properties: {
      rate: {
        type: 'string',
        pattern: '^(0|[1-9][0-9]?)(\\.[0-9]{1,2})?$',
        'x-error-detail': 'Must be a rate in percent as a decimal string, e.g. "20" or "5.5".',
        description: 'The rate in percent, e.g. "5.5".',
      },
      amount: {
        type: 'string',
        pattern: POSITIVE_DECIMAL_PATTERN,
        'x-error-detail': 'Must be a decimal string with a point, e.g. "8.34".',
        description: 'The VAT at this rate.',
      },
    },
  },
  FuelPurchase: {
    type: 'object',
    required: ['vehicle', 'energy'],
    additionalProperties: false,
    description: 'For fuel: the vehicle and its energy (VAT on fuel is recoverable by both).',
    properties: {
      vehicle: { type: 'string', enum: [...FUEL_VEHICLES] },
      energy: { type: 'string', enum: [...FUEL_ENERGIES] },
    },
  },
  NoteInput: {
    type: 'object',
    required: ['date', 'amount'],
    additionalProperties: false,
    properties: {
      ...noteFields,
      receiptIds: {
        type: 'array',
        items: ref('Id'),
        maxItems: MAX_RECEIPTS_PER_NOTE,
        uniqueItems: true,
        description: 'Receipts asked for with POST /v1/receipts.',
      },
    },
  },
  NotePatch: {
    type: 'object',
    description: 'A JSON merge patch: a field present replaces the current value; null removes an optional field.',
    minProperties: 1,
    additionalProperties: false,
    properties: {
      date: noteFields.date,
      amount: noteFields.amount,
      merchant: nullable(noteFields.merchant),
      category: nullable(noteFields.category),
      comment: nullable(noteFields.comment),
      paymentMethod: nullable(noteFields.paymentMethod),
      mileage: nullable(noteFields.mileage),
      project: nullable(noteFields.project),
      country: nullable(noteFields.country),
      fuel: nullable(noteFields.fuel),
      companyMention: nullable(noteFields.companyMention),
      attendees: nullable(noteFields.attendees),
      vatLines: nullable(noteFields.vatLines),
    },
  },
  Note: {
    type: 'object',
    required: [...NOTE_REQUIRED],
    additionalProperties: false,
    properties: noteProperties,
  },
  StageView: {
    type: 'object',
    required: ['service', 'status', 'updatedAt'],
    additionalProperties: false,
    properties: {
      service: { type: 'string' },
      status: { type: 'string', enum: [...STAGE_STATUSES] },
      receiptId: ref('Id'),
      noteVersion: { type: 'integer', minimum: 1, description: 'The version of the note this stage was computed from.' },
      code: { type: 'string' },
      reason: { type: 'string' },
      outcome: { type: 'object' },
      updatedAt: timestamp,
    },
  },
  HistoryEntry: {
    type: 'object',
    description: 'One transition of the note: what was done, by whom, when and why.',
    required: ['action', 'from', 'to', 'version', 'actor', 'at'],
    additionalProperties: false,
    properties: {
      action: { type: 'string', enum: [...NOTE_ACTIONS] },
      from: { type: 'string', enum: [...NOTE_STATUSES] },
      to: { type: 'string', enum: [...NOTE_STATUSES] },
      version: { type: 'integer', minimum: 2, description: "The note's version this transition made." },
      actor: {
        description: 'A user, in the capacity they acted in, or a service of the platform.',
        oneOf: [
          {
            type: 'object',
            required: ['kind', 'id', 'role'],
            additionalProperties: false,
            properties: {
              kind: { const: 'user' },
              id: { type: 'string', description: "The user's id." },
              role: { type: 'string', enum: ['owner', 'approver', 'accountant', 'admin'] },
            },
          },
          {
            type: 'object',
            required: ['kind', 'id'],
            additionalProperties: false,
            properties: { kind: { const: 'service' }, id: { type: 'string', description: "The service's name." } },
          },
        ],
      },
      at: timestamp,
      reason: { type: 'string' },
      comment: { type: 'string' },
      details: { type: 'object' },
    },
  },
  ReceiptView: {
    type: 'object',
    required: ['id', 'status', 'fileName', 'contentType', 'size', 'requestedAt', 'stages'],
    additionalProperties: false,
    properties: {
      id: ref('Id'),
      noteId: ref('Id'),
      status: { type: 'string', enum: [...RECEIPT_STATUSES] },
      fileName: { type: 'string' },
      contentType: { type: 'string', description: 'As declared by the app; see detectedType for the real format.' },
      size: { type: 'integer', minimum: 0 },
      requestedAt: timestamp,
      uploadedAt: timestamp,
      sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
      detectedType: { type: 'string' },
      extracted: {
        type: 'object',
        additionalProperties: {
          type: 'object',
          required: ['value', 'confidence'],
          additionalProperties: false,
          properties: { value: { type: 'string' }, confidence: { type: 'number', minimum: 0, maximum: 1 } },
        },
      },
      unreadable: {
        type: 'array',
        description:
          'The fields every receipt prints (merchant, date, totalInclVat) that could not be read from it: absent from extracted rather than guessed.',
        items: { type: 'string' },
      },
      thumbnails: {
        type: 'array',
        items: {
          type: 'object',
          required: ['width', 'url'],
          additionalProperties: false,
          properties: { width: { type: 'integer', minimum: 1 }, url: { type: 'string', format: 'uri' } },
        },
      },
      refusal: {
        type: 'object',
        required: ['code', 'reason'],
        additionalProperties: false,
        properties: { code: { type: 'string' }, reason: { type: 'string' } },
      },
      stages: { type: 'array', items: ref('StageView') },
    },
  },
  NoteDetail: {
    type: 'object',
    description: 'A note with its receipts, the processing state of every stage that has seen it, and its workflow history.',
    required: [...NOTE_REQUIRED, 'receipts', 'stages', 'history'],
    additionalProperties: false,
    properties: {
      ...noteProperties,
      receipts: { type: 'array', items: ref('ReceiptView') },
      stages: { type: 'array', items: ref('StageView') },
      history: { type: 'array', items: ref('HistoryEntry'), description: 'Every transition of the note, oldest first.' },
    },
  },
  NotePage: {
    type: 'object',
    required: ['items'],
    additionalProperties: false,
    properties: {
      items: { type: 'array', items: ref('Note') },
      nextCursor: { type: 'string', description: 'Opaque; absent on the last page.' },
    },
  },
  NoteBatchItem: {
    type: 'object',
    required: ['idempotencyKey', 'note'],
    additionalProperties: false,
    properties: {
      idempotencyKey: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN.source },
      note: ref('NoteInput'),
    },
  },
  NoteBatchRequest: {
    type: 'object',
    required: ['notes'],
    additionalProperties: false,
    properties: { notes: { type: 'array', minItems: 1, maxItems: 25, items: ref('NoteBatchItem') } },
  },
  NoteBatchResult: {
    type: 'object',
    required: ['index', 'status'],
    additionalProperties: false,
    properties: {
      index: { type: 'integer', minimum: 0 },
      idempotencyKey: { type: 'string' },
      status: { type: 'integer', description: 'What POST /v1/notes would have answered for this note alone.' },
      note: ref('Note'),
      problem: ref('Problem'),
    },
  },
  NoteBatchResponse: {
    type: 'object',
    required: ['results'],
    additionalProperties: false,
    properties: { results: { type: 'array', items: ref('NoteBatchResult') } },
  },
  ReceiptUploadRequest: {
    type: 'object',
    required: ['fileName', 'contentType', 'size'],
    additionalProperties: false,
    properties: {
      fileName: line(255, 'The file name on the device, kept as information only.'),
      contentType: {
        type: 'string',
        maxLength: 100,
        pattern: '^[a-zA-Z0-9][a-zA-Z0-9!#$&^_.+-]{0,63}/[a-zA-Z0-9][a-zA-Z0-9!#$&^_.+-]{0,63}$',
      },
      size: {
        type: 'integer',
        minimum: 0,
        maximum: MAX_RECEIPT_BYTES,
        description: `Declared size in bytes; at most ${MAX_RECEIPT_BYTES} (20 MiB).`,
      },
      noteId: ref('Id'),
    },
  },
  ReceiptUpload: {
    type: 'object',
    required: ['receiptId', 'key', 'upload', 'receipt'],
    additionalProperties: false,
    properties: {
      receiptId: ref('Id'),
      key: { type: 'string' },
      upload: {
        type: 'object',
        description: 'POST multipart/form-data to url: every field as given, then the file as "file".',
        required: ['url', 'fields', 'expiresAt', 'maxBytes'],
        additionalProperties: false,
        properties: {
          url: { type: 'string', format: 'uri' },
          fields: { type: 'object', additionalProperties: { type: 'string' } },
          expiresAt: timestamp,
          maxBytes: { type: 'integer' },
        },
      },
      receipt: ref('ReceiptView'),
    },
  },
  Health: {
    type: 'object',
    required: ['status', 'checks'],
    additionalProperties: false,
    properties: {
      status: { type: 'string', enum: ['ok', 'degraded'] },
      checks: {
        type: 'object',
        additionalProperties: {
          type: 'object',
          required: ['ok'],
          additionalProperties: false,
          properties: { ok: { type: 'boolean' } },
        },
      },
    },
  },
  FieldError: {
    type: 'object',
    required: ['field', 'in', 'code', 'detail'],
    additionalProperties: false,
    properties: {
      field: { type: 'string', description: 'A JSON pointer into the body, or a header, query or path parameter name.' },
      in: { type: 'string', enum: ['body', 'header', 'query', 'path'] },
      code: { type: 'string', enum: [...FIELD_ERROR_CODES] },
      detail: { type: 'string' },
    },
  },
  Problem: {
    type: 'object',
    description: 'RFC 9457 problem details, with a stable code.',
    required: ['type', 'title', 'status', 'code', 'detail'],
    additionalProperties: false,
    properties: {
      type: { type: 'string', format: 'uri' },
      title: { type: 'string' },
      status: { type: 'integer', minimum: 400, maximum: 599 },
      code: { type: 'string', enum: [...PROBLEM_CODES] },
      detail: { type: 'string' },
      instance: { type: 'string' },
      requestId: { type: 'string' },
      errors: { type: 'array', items: ref('FieldError') },
    },
  },
  GatewayMessage: {
    type: 'object',
    description: "API Gateway's own answer (401 before the handler runs, 413 over its payload limit).",
    required: ['message'],
    additionalProperties: false,
    properties: { message: { type: 'string' } },
  },
};
