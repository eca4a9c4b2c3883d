/** Stable codes of the APIs' problem documents (RFC 9457); clients branch on these. */
export const PROBLEM_CODES = [
  'validation_failed',
  'malformed_json',
  'unexpected_body',
  'unsupported_media_type',
  'payload_too_large',
  'forbidden',
  'not_found',
  'route_not_found',
  'method_not_allowed',
  'idempotency_conflict',
  'note_deleted',
  'not_editable',
  'precondition_required',
  'version_mismatch',
  'invalid_reference',
  'too_many_receipts',
  'receipt_already_attached',
  'unreadable_statement',
  'too_deeply_nested',
  'wrong_status',
  'locked',
  'already_decided',
  'wrong_level',
  'nothing_to_batch',
  'batch_refused',
  'batch_not_ready',
  'no_file',
  'unreadable_rates',
  'deadline_exceeded',
  'dependency_unavailable',
  'internal_error',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** Codes of one field's fault inside a `validation_failed` or `invalid_reference` problem. */
export const FIELD_ERROR_CODES = [
  'required',
  'unknown_field',
  'wrong_type',
  'invalid_format',
  'not_allowed',
  'too_short',
  'too_long',
  'too_small',
  'too_large',
  'too_few_items',
  'too_many_items',
  'duplicate_items',
  'too_many_decimals',
  'unknown_currency',
  'date_in_future',
  'date_too_old',
  'unknown_receipt',
  // A tenant settings document's own checks (@ndf/tenant-settings), beyond its schema's:
  'invalid_shape',
  'invalid_amount',
  'duplicate_rule',
  'currency_mismatch',
  'invalid_date',
  'not_same_day',
  'duplicate_name',
  'duplicate_member',
  'unknown_team',
  'invalid_period',
  'invalid_delegation',
  'escalation_before_reminder',
  'invalid_account',
  'unknown_document',
  'invalid',
] as const;
export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

export interface FieldError {
  /** A JSON pointer into the body (`/amount/value`), or the name of a header or query parameter. */
  readonly field: string;
  readonly in: 'body' | 'header' | 'query' | 'path';
  readonly code: FieldErrorCode;
  readonly detail: string;
}

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: ProblemCode;
  readonly detail: string;
  readonly instance?: string;
  readonly requestId?: string;
  readonly errors?: readonly FieldError[];
}

export const problemType = (code: ProblemCode): string => `urn:ndf:problem:${code}`;
