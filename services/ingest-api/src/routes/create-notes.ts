import type { NoteInput } from '@ndf/contracts';
import { invalid, json, readJsonBody } from '@ndf/http-api';
import { noteView } from '../data/views.js';
import { createOne, noteInputErrors } from './create-note.js';
import type { AuthorizedContext } from './route.js';

interface BatchItem {
  readonly idempotencyKey: string;
  readonly note: NoteInput;
}

/** Up to 25 notes, each with its own key; each succeeds or fails alone, as POST /v1/notes would. */
export async function createNotes(context: AuthorizedContext) {
  const { deps, event, scope } = context;
  const body = readJsonBody(event, { maxBytes: deps.config.maxBodyBytes, mediaTypes: ['application/json'] });
  const envelopeErrors = context.validators.batchEnvelope(body);
  if (envelopeErrors.length > 0) throw invalid(envelopeErrors);
  const items = (body as { notes: unknown[] }).notes;
  const results = await Promise.all(
    items.map(async (item, index) => {
      const key = (item as Partial<BatchItem> | null)?.idempotencyKey;
      const errors = context.validators.batchItem(item, index);
      const all = errors.length > 0 ? errors : noteInputErrors(context, (item as BatchItem).note, `/notes/${index}/note`);
      const keyField = typeof key === 'string' ? { idempotencyKey: key } : {};
      if (all.length > 0) {
        return {
          index,
          ...keyField,
          status: 400,
          problem: invalid(all, `Note ${index} breaks the contract: see errors.`).toProblem(undefined, undefined),
        };
      }
      const result = await createOne(
        deps,
        scope,
        (item as BatchItem).idempotencyKey,
        (item as BatchItem).note,
        context.signal,
        context.change,
      );
      if ('problem' in result)
        return { index, ...keyField, status: result.status, problem: result.problem.toProblem(undefined, undefined) };
      return { index, ...keyField, status: result.status, note: noteView(result.note) };
    }),
  );
  return json(200, { results });
}
