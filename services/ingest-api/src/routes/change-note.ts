import { DRAFT_STATUSES, EDITABLE_STATUSES, type NotePatch } from '@ndf/contracts';
import { etagOf, ifMatchVersion, invalid, json, noContent, readJsonBody } from '@ndf/http-api';
import { deletionChange, patchChange } from '../data/note-items.js';
import { noteView } from '../data/views.js';
import { dateErrors } from '../validation/validators.js';
import { refusal } from './note-access.js';
import type { AuthorizedContext } from './route.js';

const ifMatch = (context: AuthorizedContext, required: boolean): number | undefined =>
  ifMatchVersion(context.event.headers, { required, readFrom: 'GET /v1/notes/{id}' });

/** The owner's correction of a draft or of a note sent back for changes, only if nobody changed it since the version they read. */
export async function correctNote(context: AuthorizedContext) {
  const { deps, event, scope } = context;
  const expected = ifMatch(context, true);
  const body = readJsonBody(event, {
    maxBytes: deps.config.maxBodyBytes,
    mediaTypes: ['application/merge-patch+json', 'application/json'],
  });
  const errors = context.validators.notePatch(body);
  if (errors.length > 0) throw invalid(errors);
  const dates = dateErrors((body as NotePatch).date, context.now);
  if (dates.length > 0) throw invalid(dates);
  const noteId = context.pathParameters.id!;
  const outcome = await deps.store.changeOwnNote(
    scope,
    noteId,
    patchChange(noteId, body as NotePatch, context.change),
    EDITABLE_STATUSES,
    expected,
    context.change,
    context.signal,
  );
  if (!outcome.changed) throw refusal(scope, outcome.current, expected, EDITABLE_STATUSES);
  return json(200, noteView(outcome.note), { etag: etagOf(outcome.note.version) });
}

/** Deletes a draft (a note still "received"); If-Match, when sent, must name its version. */
export async function deleteNote(context: AuthorizedContext) {
  const expected = ifMatch(context, false);
  const noteId = context.pathParameters.id!;
  const outcome = await context.deps.store.changeOwnNote(
    context.scope,
    noteId,
    deletionChange(context.change),
    DRAFT_STATUSES,
    expected,
    context.change,
    context.signal,
  );
  if (!outcome.changed) throw refusal(context.scope, outcome.current, expected, DRAFT_STATUSES);
  await context.deps.store.receipts.releaseReceipts(context.scope, noteId, outcome.note.receiptIds, context.signal);
  return noContent();
}
