import { batchSchemas } from './expense-batch-schemas.js';
import { NOTE_STATUSES } from '../note.js';
import { schemas } from './schemas.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const timestamp = { type: 'string', format: 'date-time' };
/** A total or a computed figure: zero included (a card-paid note owes nothing), exact, never a number. */
const figure = {
  type: 'object',
  required: ['value', 'currency'],
  additionalProperties: false,
  properties: { value: { type: 'string', pattern: '^\\d{1,15}(\\.\\d{1,3})?$' }, currency: { type: 'string', pattern: '^[A-Z]{3}$' } },
};
const unavailable = (why: string) => ({
  type: 'object',
  required: ['kind', 'code', 'reason'],
  additionalProperties: false,
  description: why,
  properties: { kind: { const: 'unavailable' }, code: { type: 'string' }, reason: { type: 'string' } },
});
/** Words an approver writes for the owner: not blank, free text without control characters other than tabs and line breaks. */
const decisionText = {
  type: 'string',
  minLength: 1,
  maxLength: 2000,
  pattern: '\\S',
  'x-error-code': 'required',
  'x-error-detail': 'Must say something: not only spaces.',
};

/** The tenant settings documents as the API names them (the store's POLICY, APPROVERS, CATEGORIES). */
export const SETTINGS_DOCUMENT_NAMES = ['policy', 'approvers', 'categories', 'payees', 'payment', 'cards'] as const;
export type SettingsDocumentName = (typeof SETTINGS_DOCUMENT_NAMES)[number];

/** The expense API's schemas: its own, and the ones it shares with the ingest API's document (the same objects). */
export const expenseSchemas = {
  Id: schemas.Id,
  Money: schemas.Money,
  Health: schemas.Health,
  FieldError: schemas.FieldError,
  Problem: schemas.Problem,
  GatewayMessage: schemas.GatewayMessage,
  Mileage: schemas.Mileage,
  VatLine: schemas.VatLine,
  FuelPurchase: schemas.FuelPurchase,
  Note: schemas.Note,
  ApproveRequest: {
    type: 'object',
    description:
      'An approval of the level the note is at. With approvedAmount below the claimed amount (a partial approval), a reason is required.',
    additionalProperties: false,
    properties: {
      approvedAmount: {
        ...ref('Money'),
        description: "At most the claimed amount (or what an earlier level approved), in the note's currency.",
      },
      reason: { ...decisionText, description: 'Why less than claimed is approved.' },
    },
  },
  RejectRequest: {
    type: 'object',
    required: ['reason'],
    additionalProperties: false,
    properties: { reason: { ...decisionText, description: 'Why the note is rejected, in words its owner can act on.' } },
  },
  RequestChangesRequest: {
    type: 'object',
    required: ['comment'],
    additionalProperties: false,
    properties: { comment: { ...decisionText, description: 'What the owner should change before submitting again.' } },
  },
  Settings: {
    type: 'object',
    description: "One document of the tenant's settings; version 0 is the platform's default, never written by the tenant.",
    required: ['document', 'version', 'value'],
    additionalProperties: false,
    properties: {
      document: { type: 'string', enum: [...SETTINGS_DOCUMENT_NAMES] },
      version: { type: 'integer', minimum: 0, description: 'Send it back in If-Match to replace the document.' },
      value: { type: 'object', description: 'The document itself, as PUT takes it.' },
      updatedAt: timestamp,
      updatedBy: { type: 'string', description: 'The admin who wrote this version.' },
    },
  },
  AllSettings: {
    type: 'object',
    required: [...SETTINGS_DOCUMENT_NAMES],
    additionalProperties: false,
    properties: Object.fromEntries(SETTINGS_DOCUMENT_NAMES.map((name) => [name, ref('Settings')])),
  },
  Approval: {
    type: 'object',
    description: "A note awaiting the caller's approval, as the queue shows it.",
    required: ['noteId', 'owner', 'level', 'noteVersion', 'requestedAt', 'date', 'amount'],
    additionalProperties: false,
    properties: {
      noteId: ref('Id'),
      owner: { type: 'string', description: "The note's owner (user id)." },
      level: { type: 'integer', minimum: 1, description: 'The approval level the note is at, from 1.' },
      noteVersion: { type: 'integer', minimum: 1, description: "The note's version the approval was asked for." },
      requestedAt: { ...timestamp, description: 'When the approval was asked: the queue is oldest first.' },
      date: { type: 'string', format: 'date', description: 'The expense date.' },
      amount: ref('Money'),
      merchant: { type: 'string' },
      category: { type: 'string' },
    },
  },
  CardStatementImport: {
    type: 'object',
    description:
      'What an import did: the transactions read, those new to the tenant, those a former import already wrote, and each line ' +
      'it could not read (the others are imported: correct the line and import the statement again, nothing is written twice).',
    required: ['format', 'read', 'new', 'alreadyKnown', 'refused'],
    additionalProperties: false,
    properties: {
      format: { enum: ['csv', 'camt053'] },
      read: { type: 'integer', minimum: 0 },
      new: { type: 'integer', minimum: 0 },
      alreadyKnown: { type: 'integer', minimum: 0 },
      refused: { type: 'array', items: ref('RefusedStatementLine') },
    },
  },
  RefusedStatementLine: {
    type: 'object',
    required: ['field', 'code', 'detail'],
    additionalProperties: false,
    properties: {
      field: { type: 'string', description: 'Where: /lines/<n>/<column> in a CSV (n counts the header as 1), the XML path in a camt.053.' },
      code: { enum: ['missing_field', 'invalid_date', 'invalid_amount', 'invalid_currency'] },
      detail: { type: 'string' },
    },
  },
  CardTransaction: {
    type: 'object',
    description: 'A company-card payment of an imported statement not yet settled by a note with a receipt.',
    required: ['transactionId', 'date', 'amount', 'merchant', 'overdue'],
    additionalProperties: false,
    properties: {
      transactionId: { type: 'string' },
      date: { type: 'string', format: 'date', description: 'When the card was used.' },
      amount: ref('Money'),
      originalAmount: ref('Money'),
      merchant: { type: 'string' },
      cardLast4: { type: 'string', pattern: '^[0-9]{4}$' },
      holder: { type: 'string', description: "The card's holder (user id), when the tenant's CARDS settings know the card." },
      matchedNoteId: { ...ref('Id'), description: 'The note it is matched to, which has no receipt yet.' },
      overdue: { type: 'boolean', description: "Still without a note with a receipt after the CARDS settings' reminderAfterDays." },
      remindedAt: { ...timestamp, description: 'When its holder was reminded.' },
    },
  },
  CardTransactionPage: {
    type: 'object',
    required: ['items'],
    additionalProperties: false,
    properties: {
      items: { type: 'array', items: ref('CardTransaction') },
      nextCursor: { type: 'string', description: 'Opaque; absent on the last page.' },
    },
  },
  ...batchSchemas,
  Figure: { ...figure, description: 'An exact amount, zero included, as a decimal string: "0.00", "152.30".' },
  ReportNote: {
    type: 'object',
    required: ['noteId', 'date', 'status', 'amount', 'countedInTotals', 'owed', 'recoverableVat'],
    additionalProperties: false,
    properties: {
      noteId: ref('Id'),
      date: { type: 'string', format: 'date' },
      status: { type: 'string', enum: [...NOTE_STATUSES] },
      amount: ref('Money'),
      category: { type: 'string' },
      merchant: { type: 'string' },
      paymentMethod: { type: 'string' },
      countedInTotals: { type: 'boolean', description: 'False for a draft (not claimed yet) and a rejected note (owed nothing).' },
      owed: {
        oneOf: [
          {
            type: 'object',
            required: ['kind', 'amount', 'paidByCompanyCard'],
            additionalProperties: false,
            properties: { kind: { const: 'owed' }, amount: ref('Figure'), paidByCompanyCard: { type: 'boolean' } },
          },
          unavailable('A figure the amount owed needs is missing (stage_missing, stage_refused, not_eur, invalid_amount).'),
        ],
      },
      recoverableVat: {
        oneOf: [
          {
            type: 'object',
            required: ['kind', 'recoverable'],
            additionalProperties: false,
            properties: { kind: { const: 'computed' }, recoverable: ref('Figure') },
          },
          unavailable("The vat-calculator's stage is missing, pending or refused, or not for the submitted version."),
        ],
      },
    },
  },
  ReportSection: {
    type: 'object',
    required: ['employee', 'notes'],
    additionalProperties: false,
    properties: {
      employee: { type: 'string' },
      notes: { type: 'array', items: ref('ReportNote'), description: "The employee's notes on this page, by date." },
    },
  },
  ReportTotals: {
    type: 'object',
    required: ['claimed', 'owed', 'recoverableVat', 'paidByCompanyCard', 'unavailable'],
    description: 'Over the notes counted in totals (submitted, not rejected).',
    additionalProperties: false,
    properties: {
      claimed: { type: 'array', items: ref('Figure'), description: "The notes' amounts, one total per currency." },
      owed: { ...ref('Figure'), description: 'In EUR, over the notes whose amount owed is known.' },
      recoverableVat: { ...ref('Figure'), description: 'In EUR, over the notes whose VAT is computed.' },
      paidByCompanyCard: { type: 'array', items: ref('Figure'), description: 'Paid with the company card, per currency.' },
      unavailable: {
        type: 'object',
        required: ['owed', 'recoverableVat'],
        additionalProperties: false,
        description: 'How many notes each total leaves out, their figure not known yet.',
        properties: { owed: { type: 'integer', minimum: 0 }, recoverableVat: { type: 'integer', minimum: 0 } },
      },
    },
  },
  MonthlyReport: {
    type: 'object',
    required: ['month', 'employees'],
    additionalProperties: false,
    properties: {
      month: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' },
      employees: { type: 'array', items: ref('ReportSection') },
      nextCursor: { type: 'string', description: 'Opaque; absent on the last page.' },
    },
  },
  MonthlyTotals: {
    type: 'object',
    required: ['month', 'employees'],
    additionalProperties: false,
    properties: {
      month: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' },
      employees: {
        type: 'array',
        items: {
          type: 'object',
          required: ['employee', 'notes', 'totals'],
          additionalProperties: false,
          properties: {
            employee: { type: 'string' },
            notes: { type: 'integer', minimum: 1, description: "The employee's notes in the month, those in no total included." },
            totals: ref('ReportTotals'),
          },
        },
      },
    },
  },
  AuditRecord: {
    type: 'object',
    required: ['at', 'itemType', 'event', 'actor', 'changes'],
    additionalProperties: false,
    properties: {
      at: timestamp,
      itemType: { type: 'string', description: 'NOTE, RECEIPT, HISTORY (a workflow step), STAGE...' },
      event: { enum: ['INSERT', 'MODIFY', 'REMOVE'] },
      actor: {
        type: 'object',
        required: ['kind', 'id'],
        additionalProperties: false,
        properties: { kind: { enum: ['user', 'service', 'platform'] }, id: { type: 'string' } },
      },
      receiptId: ref('Id'),
      status: { type: 'object', additionalProperties: false, properties: { before: {}, after: {} } },
      action: { type: 'string' },
      reason: { type: 'string' },
      changes: {
        type: 'array',
        items: {
          type: 'object',
          required: ['field'],
          additionalProperties: false,
          description: 'A personal field (comment, attendees) is only said to have changed: its text is never kept.',
          properties: { field: { type: 'string' }, before: {}, after: {}, personal: { const: true } },
        },
      },
      correlationId: { type: 'string' },
      partial: { const: true },
    },
  },
  AuditTrail: {
    type: 'object',
    required: ['noteId', 'records'],
    additionalProperties: false,
    properties: { noteId: ref('Id'), records: { type: 'array', items: ref('AuditRecord') } },
  },
  ApprovalPage: {
    type: 'object',
    required: ['items'],
    additionalProperties: false,
    properties: {
      items: { type: 'array', items: ref('Approval') },
      nextCursor: { type: 'string', description: 'Opaque; absent on the last page.' },
    },
  },
};

export type ExpenseSchemaName = keyof typeof expenseSchemas;
