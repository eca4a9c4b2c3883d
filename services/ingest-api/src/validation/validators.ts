import { openApiDocument, type FieldError } from '@ndf/contracts';
import { fieldErrors, headerCheck, queryCheck, type Check, type Contract, type Parameter, type QueryCheck } from '@ndf/http-api';

/** Oldest expense date accepted. */
export const EARLIEST_EXPENSE_DATE = '2000-01-01';

export interface Validators {
  readonly noteInput: Check;
  readonly notePatch: Check;
  readonly receiptUpload: Check;
  readonly batchItem: (value: unknown, index: number) => readonly FieldError[];
  /** The batch's envelope alone (its notes are checked one by one, so that one bad note fails alone). */
  readonly batchEnvelope: Check;
  readonly listQuery: QueryCheck;
  readonly idempotencyKey: (value: string | undefined) => readonly FieldError[];
}

/** Every request check the routes need, compiled once from the OpenAPI document. */
export function buildValidators(contract: Contract): Validators {
  const batchRequest = openApiDocument.components.schemas.NoteBatchRequest;
  const envelope = contract.compile({ ...batchRequest, properties: { notes: { ...batchRequest.properties.notes, items: true } } });
  const idempotencyKey = headerCheck(
    contract,
    openApiDocument.paths['/v1/notes'].post.parameters as readonly Parameter[],
    'Idempotency-Key',
  );
  const batchItem = contract.schemaCheck('NoteBatchItem');
  return {
    noteInput: contract.schemaCheck('NoteInput'),
    notePatch: contract.schemaCheck('NotePatch'),
    receiptUpload: contract.schemaCheck('ReceiptUploadRequest'),
    batchItem: (value, index) =>
      batchItem(value).map((error) => ({ ...error, field: `/notes/${index}${error.field === '/' ? '' : error.field}` })),
    batchEnvelope: (value) => (envelope(value) ? [] : fieldErrors(envelope.errors ?? [])),
    listQuery: queryCheck(contract, openApiDocument.paths['/v1/notes'].get.parameters as readonly Parameter[]),
    idempotencyKey,
  };
}

/** Checks no schema can make: an expense date neither before 2000 nor after tomorrow (time zones). */
export function dateErrors(date: unknown, now: Date, field = '/date'): FieldError[] {
  if (typeof date !== 'string') return [];
  const tomorrow = new Date(now.getTime() + 24 * 3600 * 1000).toISOString().slice(0, 10);
  if (date > tomorrow) return [{ field, in: 'body', code: 'date_in_future', detail: `The expense date cannot be after ${tomorrow}.` }];
  if (date < EARLIEST_EXPENSE_DATE)
    return [{ field, in: 'body', code: 'date_too_old', detail: `The expense date cannot be before ${EARLIEST_EXPENSE_DATE}.` }];
  return [];
}
