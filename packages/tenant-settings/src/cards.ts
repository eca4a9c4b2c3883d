import { USER_PATTERN } from '@ndf/contracts';
import { schemaChecker } from '@ndf/expense-policy';
import { repeats, type Parsed } from './problems.js';

/** A company card: its last four digits (as statements print them) and the employee who holds it. */
export interface CompanyCard {
  readonly last4: string;
  readonly holder: string;
}

export interface CardSettings {
  readonly cards: readonly CompanyCard[];
  /** A card payment still without a note with a receipt this many days after it was made is overdue, and its holder reminded. */
  readonly reminderAfterDays: number;
}

export const CARD_SETTINGS_SCHEMA = {
  type: 'object',
  properties: {
    cards: {
      type: 'array',
      maxItems: 5000,
      items: {
        type: 'object',
        properties: {
          last4: { type: 'string', pattern: '^[0-9]{4}$' },
          // The user id of the holder, as in the token's `sub` (the platform's user pattern).
          holder: { type: 'string', pattern: USER_PATTERN.source },
        },
        required: ['last4', 'holder'],
        additionalProperties: false,
      },
    },
    reminderAfterDays: { type: 'integer', minimum: 1, maximum: 365 },
  },
  required: ['cards', 'reminderAfterDays'],
  additionalProperties: false,
} as const;

/** Without a document: no card known (a payment's holder unknown until the finance team says), a reminder after 14 days. */
export const DEFAULT_CARD_SETTINGS: CardSettings = { cards: [], reminderAfterDays: 14 };

const checkShape = schemaChecker(CARD_SETTINGS_SCHEMA);

export function parseCardSettings(value: unknown): Parsed<CardSettings> {
  const shape = checkShape(value);
  if (shape.length > 0) return { ok: false, problems: shape };
  const settings = value as CardSettings;
  const problems = repeats(
    settings.cards.map((card) => card.last4),
    (index) => `/cards/${index}/last4`,
    'duplicate_name',
    'card',
  );
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: settings };
}

/** The card's last four digits → its holder, as `@ndf/card-statements` takes them. */
export function cardHolders(settings: CardSettings): Readonly<Record<string, string>> {
  return Object.fromEntries(settings.cards.map((card) => [card.last4, card.holder]));
}
