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
