export type MerchantProblemCode =
  'not_a_string' | 'empty' | 'too_long' | 'no_name_left' | 'unknown_category' | 'invalid_count' | 'invalid_history';

/** Bad input, refused with the field it came from (a JSON pointer into the call's input). */
export class MerchantInputError extends Error {
  override readonly name = 'MerchantInputError';

  constructor(
    readonly field: string,
    readonly code: MerchantProblemCode,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}
