import { invalid } from './problem.js';

/**
 * The opaque page cursor: the index sort key of the last item shown. The scope comes from the
 * token, never from it, so a cursor read back can only move within the caller's own index.
 */
export function encodeCursor(sortKey: string): string {
  return Buffer.from(JSON.stringify({ after: sortKey }), 'utf8').toString('base64url');
}

/** The sort key a cursor carries, when it is one this API handed out (`isSortKey` says which are). */
export function decodeCursor(cursor: string, isSortKey: (sortKey: string) => boolean): string | undefined {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown };
    return typeof value.after === 'string' && isSortKey(value.after) ? value.after : undefined;
  } catch {
    return undefined;
  }
}

/** The sort key of a query's cursor, undefined without one; a cursor this API did not hand out is a 400 naming `cursor`. */
export function cursorAfter(cursor: string | undefined, isSortKey: (sortKey: string) => boolean): string | undefined {
  if (cursor === undefined) return undefined;
  const after = decodeCursor(cursor, isSortKey);
  if (after === undefined)
    throw invalid([{ field: 'cursor', in: 'query', code: 'invalid_format', detail: 'Not a cursor this API handed out.' }]);
  return after;
}
