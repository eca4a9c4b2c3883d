import { parseListingSortKey, type NotePage } from '@ndf/contracts';
import { cursorAfter, encodeCursor, invalid, json } from '@ndf/http-api';
import { noteView } from '../data/views.js';
import type { AuthorizedContext } from './route.js';

/** The caller's notes, newest expense date first, a page at a time. */
export async function listNotes(context: AuthorizedContext) {
  const { value, errors } = context.validators.listQuery(context.event.queryStringParameters ?? {});
  if (errors.length > 0) throw invalid(errors);
  const query = value as { from?: string; to?: string; status?: string; cursor?: string; limit: number };
  if (query.from && query.to && query.from > query.to)
    throw invalid([{ field: 'from', in: 'query', code: 'invalid', detail: 'from must not be after to.' }]);
  const after = cursorAfter(query.cursor, (sortKey) => parseListingSortKey(sortKey) !== undefined);
  const { notes, more } = await context.deps.store.listNotes(
    context.scope,
    { from: query.from, to: query.to, status: query.status, limit: query.limit, after },
    context.signal,
  );
  const last = notes.at(-1);
  const page: NotePage = { items: notes.map(noteView), ...(more && last?.gsi1sk ? { nextCursor: encodeCursor(last.gsi1sk) } : {}) };
  return json(200, page);
}
