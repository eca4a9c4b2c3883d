import type { Field } from './types.js';

/** The fields every receipt prints: when the parser cannot read one, the receipt says so rather than leaving it blank. */
export const EXPECTED_FIELDS = ['merchant', 'date', 'totalInclVat'] as const;
export type ExpectedField = (typeof EXPECTED_FIELDS)[number];

/** Below this, a value is a guess: it is not given, and the field is said unreadable. */
export const UNREADABLE_BELOW = 0.3;

/** The field, or null when the parser's best reading of it is a guess. */
export const readable = <T>(field: Field<T> | null): Field<T> | null => (field && field.confidence >= UNREADABLE_BELOW ? field : null);

/** The fields every receipt prints that the parse could not read (none found, or only a guess). */
export function unreadableFields(fields: Readonly<Record<ExpectedField, Field<unknown> | null>>): ExpectedField[] {
  return EXPECTED_FIELDS.filter((name) => fields[name] === null);
}
