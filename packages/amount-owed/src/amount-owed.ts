import { fromMinorUnits, moneyProblem, toMinorUnits, type HistoryItem, type Money, type NoteItem, type StageItem } from '@ndf/contracts';
import { OWED_CURRENCY, STAGES, type CardMatchRead, type ConversionRead, type MileageRead, type PolicyRead } from './stage-outcomes.js';

/** What the note is worth before any cap: the mileage allowance, the converted amount, or the note's own amount. */
export type BaseSource = 'mileage-allowance' | 'converted' | 'note';

/** One term of the smallest-of, with what it comes from. */
export type OwedTerm =
  | { readonly term: 'base'; readonly amount: Money; readonly from: BaseSource }
  | { readonly term: 'policy_allowed'; readonly amount: Money }
  | { readonly term: 'partial_approval'; readonly amount: Money };

export type AmountOwed =
  | {
      readonly kind: 'owed';
      /** In EUR, exact. */
      readonly amount: Money;
      readonly minor: bigint;
      /** Why: a card-paid note's single reason, or every term compared and the one that decided. */
      readonly paidByCompanyCard: boolean;
      readonly terms: readonly OwedTerm[];
      readonly decidedBy: OwedTerm['term'] | 'company_card';
    }
  /** A figure the definition needs is not there (or not for the submitted version): the note waits, it is never paid a guess. */
  | { readonly kind: 'unavailable'; readonly code: UnavailableCode; readonly reason: string };

export type UnavailableCode = 'stage_missing' | 'stage_refused' | 'not_eur' | 'invalid_amount';

/** A partial approval, as the approve action sets it on the note. */
type NoteWithApproval = Pick<NoteItem, 'noteId' | 'amount' | 'paymentMethod' | 'mileage'> & { readonly approvedAmount?: Money };
type Stage = Pick<StageItem, 'service' | 'status' | 'noteVersion' | 'outcome' | 'reason' | 'code'>;
type History = Pick<HistoryItem, 'action' | 'version'>;

class Unavailable extends Error {
  constructor(
    readonly code: UnavailableCode,
    reason: string,
  ) {
    super(reason);
  }
}

/** The version the note's last submission made: a stage computed from an earlier one is stale (0: never submitted). */
export function submittedVersion(history: readonly History[]): number {
  return history.reduce((last, entry) => (entry.action === 'submit' && entry.version > last ? entry.version : last), 0);
}

function currentOutcome<T>(stages: readonly Stage[], service: string, since: number): T | undefined {
  const stage = stages.find((candidate) => candidate.service === service);
  if (stage === undefined || (stage.noteVersion ?? 0) < since) return undefined;
  if (stage.status === 'refused')
    throw new Unavailable('stage_refused', `The ${service} refused the note: ${stage.reason ?? stage.code ?? ''}`.trim());
  return stage.status === 'succeeded' ? (stage.outcome as T) : undefined;
}

function required<T>(stages: readonly Stage[], service: string, since: number): T {
  const outcome = currentOutcome<T>(stages, service, since);
  if (outcome === undefined) throw new Unavailable('stage_missing', `No ${service} stage for the submitted version ${since} yet.`);
  return outcome;
}

function euros(money: Money | undefined, what: string): bigint {
  if (money === undefined || money.currency !== OWED_CURRENCY)
    throw new Unavailable('not_eur', `${what} is in ${money?.currency ?? 'nothing'}, not ${OWED_CURRENCY}.`);
  // A cap may allow nothing: "0.00" is a figure here, though never a note's amount.
  if (/^0+(\.0+)?$/.test(money.value)) return 0n;
  if (moneyProblem(money) !== undefined) throw new Unavailable('invalid_amount', `${what} (${money.value}) is not an amount.`);
  return toMinorUnits(money);
}

function base(note: NoteWithApproval, stages: readonly Stage[], since: number): { minor: bigint; from: BaseSource } {
  if (note.mileage !== undefined) {
    const mileage = required<MileageRead>(stages, STAGES.mileage, since);
    if (mileage.kind === 'allowance') return { minor: euros(mileage.allowance, 'The mileage allowance'), from: 'mileage-allowance' };
  }
  if (note.amount.currency !== OWED_CURRENCY) {
    const conversion = required<ConversionRead>(stages, STAGES.currency, since);
    const converted = conversion.kind === 'converted' ? conversion.converted : conversion.amount;
    return { minor: euros(converted, 'The converted amount'), from: 'converted' };
  }
  return { minor: euros(note.amount, "The note's amount"), from: 'note' };
}

/**
 * What the company owes the employee for a note, in EUR (issue 14's one definition): nothing
 * when the company card paid it (its payment method, or a card transaction matched to it); else
 * the smallest of its base (the mileage-calculator's allowance for a mileage note, the
 * currency-converter's EUR amount for a foreign one, else the note's amount), the
 * policy-checker's allowed amount and an approver's partial approval. Only stages computed from
 * the version the last submission made, or later, count.
 */
export function amountOwed(note: NoteWithApproval, stages: readonly Stage[], history: readonly History[]): AmountOwed {
  const since = submittedVersion(history);
  try {
    const card = currentOutcome<CardMatchRead>(stages, STAGES.card, since);
    if (note.paymentMethod === 'company_card' || card?.transactionId !== undefined)
      return {
        kind: 'owed',
        amount: fromMinorUnits(0n, OWED_CURRENCY),
        minor: 0n,
        paidByCompanyCard: true,
        terms: [],
        decidedBy: 'company_card',
      };
    const found = base(note, stages, since);
    const policy = required<PolicyRead>(stages, STAGES.policy, since);
    const candidates: { term: OwedTerm['term']; minor: bigint; from?: BaseSource }[] = [
      { term: 'base', minor: found.minor, from: found.from },
      { term: 'policy_allowed', minor: euros(policy.amounts.allowed, "The policy's allowed amount") },
    ];
    if (note.approvedAmount !== undefined)
      candidates.push({ term: 'partial_approval', minor: euros(note.approvedAmount, 'The approved amount') });
    // The first smallest decides: the base when nothing caps it.
    const decided = candidates.reduce((smallest, candidate) => (candidate.minor < smallest.minor ? candidate : smallest));
    const terms = candidates.map(({ term, minor, from }): OwedTerm =>
      term === 'base'
        ? { term, amount: fromMinorUnits(minor, OWED_CURRENCY), from: from! }
        : { term, amount: fromMinorUnits(minor, OWED_CURRENCY) },
    );
    return {
      kind: 'owed',
      amount: fromMinorUnits(decided.minor, OWED_CURRENCY),
      minor: decided.minor,
      paidByCompanyCard: false,
      terms,
      decidedBy: decided.term,
    };
  } catch (error) {
    if (error instanceof Unavailable) return { kind: 'unavailable', code: error.code, reason: error.message };
    throw error;
  }
}
