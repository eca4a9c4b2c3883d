/** Why a receipt's VAT cannot be computed: each problem names the field (a JSON pointer into the input). */
export type VatProblemCode =
  | 'invalid_amount'
  | 'invalid_choice'
  | 'invalid_vat_line'
  | 'unsupported_currency'
  | 'unknown_category'
  | 'unknown_rate'
  | 'duplicate_rate'
  | 'missing_vehicle'
  | 'missing_fuel'
  | 'missing_company_mention'
  | 'vat_not_matching_base'
  | 'totals_not_matching'
  | 'excl_vat_total_not_matching'
  | 'vat_on_mileage'
  | 'no_receipt';

export interface VatProblem {
  readonly field: string;
  readonly code: VatProblemCode;
  readonly message: string;
}

export function problem(field: string, code: VatProblemCode, message: string): VatProblem {
  return { field, code, message };
}
