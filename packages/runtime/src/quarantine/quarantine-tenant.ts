// Tenant ids as the contracts allow them (letters, digits, `.`, `_`, `-`).
const TENANT = '([A-Za-z0-9][A-Za-z0-9._-]{0,63})';

/**
 * Where a message names its tenant: a `tenant` field (plain JSON, or a stream image's typed
 * attribute), a notes-table key (`T#<tenant>#...`), or a receipt's object key
 * (`tenants/<tenant>/...`), in that order.
 */
const TENANT_PATTERNS = [
  new RegExp(`"tenant"\\s*:\\s*(?:\\{\\s*"S"\\s*:\\s*)?"${TENANT}"`),
  new RegExp(`"T#${TENANT}#`),
  new RegExp(`tenants(?:/|%2F)${TENANT}(?:/|%2F)`),
];

/** The tenant a quarantined payload belongs to, so that on-call can filter by it; undefined when it names none. */
export function tenantOfPayload(payload: string): string | undefined {
  for (const pattern of TENANT_PATTERNS) {
    const match = pattern.exec(payload);
    if (match) return match[1];
  }
  return undefined;
}
