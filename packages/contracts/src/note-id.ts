import { createHash } from 'node:crypto';
import type { TenantScope } from './tenant-scope.js';

/**
 * A note's id, derived from the tenant, the user and the idempotency key of the request that
 * creates it (a name-based UUID, version 8, from SHA-256). The same key always names the same
 * note, so one conditional PutItem both creates the note and claims the key; keys of
 * different users or tenants never meet.
 */
export function noteIdFor(scope: TenantScope, idempotencyKey: string): string {
  const digest = createHash('sha256').update(`ndf-note\u0000${scope.tenant}\u0000${scope.user}\u0000${idempotencyKey}`, 'utf8').digest();
  digest[6] = (digest[6]! & 0x0f) | 0x80;
  digest[8] = (digest[8]! & 0x3f) | 0x80;
  const hex = digest.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Idempotency keys: 1 to 128 visible ASCII characters (a UUID is the usual choice). */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,128}$/;
