import type { JWTPayload } from 'jose';

/**
 * Claims as API Gateway hands them to the integration: every value a string. Arrays become
 * "[a b]" (e.g. `cognito:groups`), numbers and booleans their text, objects their JSON.
 */
export function gatewayClaims(payload: JWTPayload): Record<string, string> {
  return Object.fromEntries(
    Object.entries(payload).map(([name, value]) => {
      if (typeof value === 'string') return [name, value];
      if (Array.isArray(value)) return [name, `[${value.map(String).join(' ')}]`];
      if (value !== null && typeof value === 'object') return [name, JSON.stringify(value)];
      return [name, String(value)];
    }),
  );
}
