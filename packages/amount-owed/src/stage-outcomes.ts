import type { Money, PolicyCheckOutcome } from '@ndf/contracts';

// The fields read from stages whose outcome types are not in @ndf/contracts yet: the
// currency-converter's (CurrencyConversionOutcome) and the mileage-calculator's
// (MileageCalculatorOutcome) land with their services. Their names are theirs; this file is the
// one place to replace with contracts' imports once they do. The card-matcher's stage is named
// here ahead of its service: a stage whose outcome names a card transaction.

export const STAGES = {
  currency: 'currency-converter',
  mileage: 'mileage-calculator',
  policy: 'policy-checker',
  card: 'card-matcher',
} as const;

/** The tenant's currency: what every batch pays in. */
export const OWED_CURRENCY = 'EUR';

export type ConversionRead =
  | { readonly kind: 'same_currency'; readonly amount: Money }
  | { readonly kind: 'converted'; readonly original: Money; readonly converted: Money; readonly rate: string; readonly rateDate: string };

export type MileageRead = { readonly kind: 'allowance'; readonly allowance: Money } | { readonly kind: 'not_mileage' };

export type PolicyRead = Pick<PolicyCheckOutcome, 'amounts'>;

export interface CardMatchRead {
  /** The company-card transaction the note was paid with. */
  readonly transactionId?: string;
}
