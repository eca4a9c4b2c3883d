import { moneyProblem, type Money, type NoteItem, type StageItem } from '@ndf/contracts';

export const CONVERTER = 'currency-converter';

/** The amount a note is checked on, in the policy's currency; or why there is none yet, or none at all. */
export type AmountToCheck =
  | { readonly kind: 'ready'; readonly amount: Money; readonly from: 'note' | typeof CONVERTER }
  | { readonly kind: 'pending'; readonly reason: string }
  | { readonly kind: 'refused'; readonly reason: string };

/** The converter's amount, as `@ndf/exchange-rates`' Conversion names it (`converted`), when it is a valid Money. */
function convertedOf(stage: StageItem): Money | undefined {
  const converted = stage.outcome?.converted as Partial<Money> | undefined;
  if (typeof converted?.value !== 'string' || typeof converted.currency !== 'string') return undefined;
  const money = { value: converted.value, currency: converted.currency };
  return moneyProblem(money) === undefined ? money : undefined;
}

/**
 * A note in the policy's currency is checked on its own amount; a foreign one on the
 * currency-converter's amount computed from this very version of the note (an older one may
 * be of another amount or date): until it is there, the check waits.
 */
export function amountToCheck(note: NoteItem, stages: readonly StageItem[], currency: string): AmountToCheck {
  if (note.amount.currency === currency) return { kind: 'ready', amount: note.amount, from: 'note' };
  const stage = stages.find((candidate) => candidate.service === CONVERTER);
  const foreign = `${note.amount.value} ${note.amount.currency}`;
  if (stage === undefined || stage.noteVersion !== note.version || stage.status === 'pending')
    return { kind: 'pending', reason: `The amount of ${foreign} is checked once converted into ${currency}.` };
  if (stage.status !== 'succeeded')
    return {
      kind: 'refused',
      reason: `The amount of ${foreign} could not be converted into ${currency}: ${stage.reason ?? stage.status}.`,
    };
  const converted = convertedOf(stage);
  if (converted === undefined || converted.currency !== currency)
    return { kind: 'refused', reason: `The conversion of ${foreign} gives no amount in ${currency}, the policy's currency.` };
  return { kind: 'ready', amount: converted, from: CONVERTER };
}
