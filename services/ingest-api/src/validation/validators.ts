import { openApiDocument, type FieldError } from '@ndf/contracts';
import { fieldErrors, type Check, type Contract } from './contract.js';

/** Oldest expense date accepted. */
export const EARLIEST_EXPENSE_DATE = '2000-01-01';

export interface Validators {
  readonly noteInput: Check;
  readonly notePatch: Check;
  readonly receiptUpload: Check;
  readonly batchItem: (value: unknown, index: number) => readonly FieldError[];
  /** The batch's envelope alone (its notes are checked one by one, so that one bad note fails alone). */
  readonly batchEnvelope: Check;
  readonly listQuery: (query: Record<string, string | undefined>) => { value: Record<string, unknown>; errors: readonly FieldError[] };
  readonly idempotencyKey: (value: string | undefined) => readonly FieldError[];
}

type Parameter = { readonly name: string; readonly in: string; readonly required?: boolean; readonly schema: object };

/** The query parameters of an operation as one object schema, so that unknown ones are refused too. */
function querySchema(parameters: readonly Parameter[]): object {
  const query = parameters.filter((parameter) => parameter.in === 'query');
  return {
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(query.map((parameter) => [parameter.name, parameter.schema])),
    required: query.filter((parameter) => parameter.required).map((parameter) => parameter.name),
  };
}

const asParameters = (errors: readonly FieldError[], where: 'query' | 'header'): FieldError[] =>
  errors.map((error) => ({ ...error, in: where, field: error.field.replace(/^\//, '') }));

/** Every request check the routes need, compiled once from the OpenAPI document. */
export function buildValidators(contract: Contract): Validators {
  const batchRequest = openApiDocument.components.schemas.NoteBatchRequest;
  const envelope = contract.compile({ ...batchRequest, properties: { notes: { ...batchRequest.properties.notes, items: true } } });
  const list = contract.compile(querySchema(openApiDocument.paths['/v1/notes'].get.parameters as readonly Parameter[]), { coerce: true });
  const keyParameter = (openApiDocument.paths['/v1/notes'].post.parameters as readonly Parameter[]).find(
    (parameter) => parameter.name === 'Idempotency-Key',
  );
  if (!keyParameter) throw new Error('The OpenAPI document declares no Idempotency-Key on POST /v1/notes.');
  const key = contract.compile({ type: 'object', required: [keyParameter.name], properties: { [keyParameter.name]: keyParameter.schema } });
  const batchItem = contract.schemaCheck('NoteBatchItem');
  return {
    noteInput: contract.schemaCheck('NoteInput'),
    notePatch: contract.schemaCheck('NotePatch'),
    receiptUpload: contract.schemaCheck('ReceiptUploadRequest'),
    batchItem: (value, index) =>
      batchItem(value).map((error) => ({ ...error, field: `/notes/${index}${error.field === '/' ? '' : error.field}` })),
    batchEnvelope: (value) => (envelope(value) ? [] : fieldErrors(envelope.errors ?? [])),
    listQuery: (query) => {
      const value: Record<string, unknown> = Object.fromEntries(Object.entries(query).filter(([, item]) => item !== undefined));
      return { value, errors: list(value) ? [] : asParameters(fieldErrors(list.errors ?? []), 'query') };
    },
    idempotencyKey: (value) => {
      const headers = value === undefined ? {} : { [keyParameter.name]: value };
      return key(headers) ? [] : asParameters(fieldErrors(key.errors ?? []), 'header');
    },
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
