import type { Money } from '@ndf/contracts';

/** One expense as the policy sees it: the note's fields, its amount already in the tenant's currency. */
export interface PolicyExpense {
  readonly id: string;
  /** ISO date of the expense, e.g. 2026-03-12. */
  readonly date: string;
  /** When the note was created: the day's earlier expenses use a daily cap first. */
  readonly createdAt: string;
  readonly amount: Money;
  readonly category?: string;
  /** ISO 3166-1 alpha-2, for the per diem. */
  readonly country?: string;
  readonly hasReceipt: boolean;
  /** The receipts' text (OCR lines), searched for alcohol. */
  readonly receiptText?: string;
  /** Set by the employee or the receipt parser when the expense includes alcohol. */
  readonly alcohol?: boolean;
  readonly attendees?: readonly string[];
  readonly project?: string;
}

const DATE = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';

export const EXPENSE_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'string', minLength: 1, maxLength: 128 },
    date: { type: 'string', pattern: DATE },
    createdAt: { type: 'string', pattern: `${DATE.slice(0, -1)}T` },
    amount: {
      type: 'object',
      properties: { value: { type: 'string' }, currency: { type: 'string' } },
      required: ['value', 'currency'],
      additionalProperties: false,
    },
    category: { type: 'string' },
    country: { type: 'string', pattern: '^[A-Z]{2}$' },
    hasReceipt: { type: 'boolean' },
    receiptText: { type: 'string' },
    alcohol: { type: 'boolean' },
    attendees: { type: 'array', items: { type: 'string' } },
    project: { type: 'string' },
  },
  required: ['id', 'date', 'createdAt', 'amount', 'hasReceipt'],
  additionalProperties: false,
} as const;
