import { schemas } from './schemas.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const timestamp = { type: 'string', format: 'date-time' };

/** The expense API's schemas: its own, and the ones it shares with the ingest API's document (the same objects). */
export const expenseSchemas = {
  Id: schemas.Id,
  Money: schemas.Money,
  Health: schemas.Health,
  FieldError: schemas.FieldError,
  Problem: schemas.Problem,
  GatewayMessage: schemas.GatewayMessage,
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
