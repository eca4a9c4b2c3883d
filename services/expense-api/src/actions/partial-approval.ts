import { fromMinorUnits, toMinorUnits, type FieldError, type Money, type NoteItem } from '@ndf/contracts';
import { invalid } from '@ndf/http-api';

export interface ApprovalAsked {
  readonly approvedAmount?: Money;
  readonly reason?: string;
}

/**
 * The amount an approval records on the note: none for a full approval (no amount, or the
 * claimed one), else the lower amount, which needs its reason. It may never exceed the claimed
 * amount, nor what an earlier level approved, and is in the note's currency. Throws a 400
 * naming the field.
 */
export function approvedAmountOf(note: Pick<NoteItem, 'amount' | 'approvedAmount'>, asked: ApprovalAsked): Money | undefined {
  const amount = asked.approvedAmount;
  if (amount === undefined) return undefined;
  const fail = (error: Omit<FieldError, 'in'>) => invalid([{ ...error, in: 'body' }]);
  if (amount.currency !== note.amount.currency)
    throw fail({ field: '/approvedAmount/currency', code: 'not_allowed', detail: `Must be the note's currency, ${note.amount.currency}.` });
  const approved = toMinorUnits(amount);
  const claimed = toMinorUnits(note.amount);
  const limit = note.approvedAmount ?? note.amount;
  if (approved > toMinorUnits(limit)) {
    const what = note.approvedAmount === undefined ? 'the claimed amount' : 'what an earlier level approved';
    throw fail({ field: '/approvedAmount/value', code: 'too_large', detail: `Must be at most ${what}, ${limit.value} ${limit.currency}.` });
  }
  if (approved === claimed) return undefined;
  if (asked.reason === undefined)
    throw fail({ field: '/reason', code: 'required', detail: 'An approval of less than the claimed amount needs its reason.' });
  return fromMinorUnits(approved, amount.currency);
}
