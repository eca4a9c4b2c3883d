export type DuplicateInputCode =
  'invalid_id' | 'invalid_sha256' | 'invalid_image_hash' | 'invalid_amount' | 'invalid_date' | 'invalid_text';

/** Bad input to a signal: the field (a JSON pointer into the call's arguments) and why. */
export class DuplicateInputError extends Error {
  constructor(
    readonly field: string,
    readonly code: DuplicateInputCode,
    reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'DuplicateInputError';
  }
}

export function requireText(value: unknown, field: string, code: DuplicateInputCode = 'invalid_text'): string {
  if (typeof value !== 'string' || value.trim() === '') throw new DuplicateInputError(field, code, 'a non-empty string is expected');
  return value;
}
