import { parseListingSortKey } from '@ndf/contracts';

/** The opaque page cursor: the listing sort key of the last note shown. The scope comes from the token, never from it. */
export function encodeCursor(listingSortKey: string): string {
  return Buffer.from(JSON.stringify({ after: listingSortKey }), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string | undefined {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown };
    return typeof value.after === 'string' && parseListingSortKey(value.after) ? value.after : undefined;
  } catch {
    return undefined;
  }
}
