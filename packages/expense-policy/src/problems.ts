/** Why a rule set or an expense is refused: each problem names its field (a JSON pointer). */
export type PolicyProblemCode =
  'invalid_shape' | 'invalid_amount' | 'duplicate_rule' | 'currency_mismatch' | 'invalid_date' | 'not_same_day';

export interface PolicyProblem {
  readonly field: string;
  readonly code: PolicyProblemCode;
  readonly message: string;
}

export function problem(field: string, code: PolicyProblemCode, message: string): PolicyProblem {
  return { field, code, message };
}
