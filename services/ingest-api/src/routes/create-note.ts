import { noteIdFor, type FieldError, type NoteInput, type NoteItem, type TenantScope } from '@ndf/contracts';
import { etagOf, invalid, json, ProblemError, readJsonBody } from '@ndf/http-api';
import { requestHash } from '../data/canonical-json.js';
import { newNoteItem, type Change } from '../data/note-items.js';
import { noteView } from '../data/views.js';
import { dateErrors } from '../validation/validators.js';
import type { AuthorizedContext, IngestDependencies } from './route.js';

export type CreateResult =
  { readonly status: 200 | 201; readonly note: NoteItem } | { readonly status: number; readonly problem: ProblemError };

/**
 * Creates one note for an already valid body. The note's id comes from the idempotency key,
 * so a single conditional PutItem creates it and claims the key; a second request with the
 * key finds the first one's note and compares the bodies' hashes.
 */
export async function createOne(
  deps: IngestDependencies,
  scope: TenantScope,
  idempotencyKey: string,
  input: NoteInput,
  signal: AbortSignal,
  change: Change,
): Promise<CreateResult> {
  const unknown = await deps.store.unknownLooseReceipts(scope, input.receiptIds ?? [], signal);
  if (unknown.length > 0) {
    const errors: FieldError[] = unknown.map((receiptId) => ({
      field: `/receiptIds/${(input.receiptIds ?? []).indexOf(receiptId)}`,
      in: 'body',
      code: 'unknown_receipt',
      detail: `No receipt ${receiptId} was asked for by this user without a note (POST /v1/receipts).`,
    }));
    return { status: 422, problem: new ProblemError(422, 'invalid_reference', 'A receipt id names no receipt of the caller.', errors) };
  }
  const hash = requestHash(input);
  const outcome = await deps.store.createNote(newNoteItem(scope, noteIdFor(scope, idempotencyKey), input, hash, change), change, signal);
  if (outcome.created) return { status: 201, note: outcome.note };
  if (!('existing' in outcome)) {
    const problem = attachRefusal(input, outcome.attachedElsewhere, outcome.missing);
    return { status: problem.status, problem };
  }
  const existing = outcome.existing;
  if (existing.requestHash !== hash) {
    return {
      status: 409,
      problem: new ProblemError(
        409,
        'idempotency_conflict',
        'This Idempotency-Key was already used with another body: use a new key for another note.',
      ),
    };
  }
  if (existing.status === 'deleted')
    return { status: 410, problem: new ProblemError(410, 'note_deleted', 'The note this Idempotency-Key created has been deleted.') };
  return { status: 200, note: existing };
}

/** Why the note could not list its receipts: another note lists them, or they are gone. */
function attachRefusal(input: NoteInput, attachedElsewhere: readonly string[], missing: readonly string[]): ProblemError {
  const field = (receiptId: string) => `/receiptIds/${(input.receiptIds ?? []).indexOf(receiptId)}`;
  const errors: FieldError[] = [
    ...attachedElsewhere.map((receiptId) => ({
      field: field(receiptId),
      in: 'body' as const,
      code: 'not_allowed' as const,
      detail: `Receipt ${receiptId} is listed by another note: a receipt justifies one note.`,
    })),
    ...missing.map((receiptId) => ({
      field: field(receiptId),
      in: 'body' as const,
      code: 'unknown_receipt' as const,
      detail: `No receipt ${receiptId} was asked for by this user without a note (POST /v1/receipts).`,
    })),
  ];
  return attachedElsewhere.length > 0
    ? new ProblemError(409, 'receipt_already_attached', 'A receipt this note lists is listed by another note.', errors)
    : new ProblemError(422, 'invalid_reference', 'A receipt id names no receipt of the caller.', errors);
}

/** The body's field errors beyond the schema's. */
export function noteInputErrors(context: AuthorizedContext, body: unknown, prefix = ''): FieldError[] {
  const errors = [...context.validators.noteInput(body)].map((error) => ({
    ...error,
    field: prefix + (error.field === '/' && prefix ? '' : error.field),
  }));
  return errors.length > 0 ? errors : dateErrors((body as NoteInput).date, context.now, `${prefix}/date`);
}

export async function createNote(context: AuthorizedContext) {
  const { deps, event, scope } = context;
  const body = readJsonBody(event, { maxBytes: deps.config.maxBodyBytes, mediaTypes: ['application/json'] });
  const key = event.headers['idempotency-key'];
  const errors = [...context.validators.idempotencyKey(key), ...noteInputErrors(context, body)];
  if (errors.length > 0) throw invalid(errors);
  const result = await createOne(deps, scope, key!, body as NoteInput, context.signal, context.change);
  if ('problem' in result) throw result.problem;
  const headers: Record<string, string> = { etag: etagOf(result.note.version) };
  if (result.status === 201) headers.location = `${deps.config.basePath}/notes/${result.note.noteId}`;
  return json(result.status, noteView(result.note), headers);
}
