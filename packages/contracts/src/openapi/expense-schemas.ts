import { batchSchemas } from './expense-batch-schemas.js';
import { schemas } from './schemas.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const timestamp = { type: 'string', format: 'date-time' };
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
