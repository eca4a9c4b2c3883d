import type { AttributeValue } from '@aws-sdk/client-dynamodb';

type Key = Record<string, AttributeValue>;

// The cursor carries the listing it belongs to, so that a cursor from one service's
// listing is refused by another's rather than silently skipping records.
export function encodeCursor(scope: string, key: Key): string {
  return Buffer.from(JSON.stringify({ scope, key }), 'utf8').toString('base64url');
}

export function decodeCursor(scope: string, cursor: string): Key {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new Error('invalid cursor');
  }
  const { scope: cursorScope, key } = (decoded ?? {}) as { scope?: unknown; key?: unknown };
  if (cursorScope !== scope) throw new Error('this cursor belongs to another listing');
  if (typeof key !== 'object' || key === null) throw new Error('invalid cursor');
  for (const value of Object.values(key)) {
    if (typeof (value as { S?: unknown }).S !== 'string') throw new Error('invalid cursor');
  }
  return key as Key;
}
