import { fromMinorUnits, toMinorUnits, type HistoryItem, type Money, type NoteAction } from '@ndf/contracts';

/** What a caller asks of a transition, beside the note and the action. */
export interface Asked {
  readonly reason?: string;
  readonly comment?: string;
  readonly approvedAmount?: Money;
}

const canonical = (money: Money | undefined): string | undefined =>
  money === undefined ? undefined : JSON.stringify(fromMinorUnits(toMinorUnits(money), money.currency));

/**
 * Whether the transition an Idempotency-Key already made is the one asked again: the same
 * action by the same user with the same words and amount (an amount equal to the claimed one
 * asks for a full approval, which records none).
 */
export function sameRequest(entry: HistoryItem, action: NoteAction, user: string, asked: Asked, claimed: Money): boolean {
  const askedAmount = canonical(asked.approvedAmount);
  const recorded = canonical(entry.details?.approvedAmount as Money | undefined);
  return (
    entry.action === action &&
    entry.actor.kind === 'user' &&
    entry.actor.id === user &&
    entry.reason === asked.reason &&
    entry.comment === asked.comment &&
    (askedAmount === canonical(claimed) ? undefined : askedAmount) === recorded
  );
}
