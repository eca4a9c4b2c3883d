/** A token as its issuer gave it, and until when it may be used (epoch milliseconds). */
export interface IssuedToken {
  readonly token: string;
  readonly expiresAt: number;
}

/** When a JWT expires (its `exp`), read without checking it: the API checks it, the canary only plans its renewal. */
export function jwtExpiry(token: string): number {
  const payload = token.split('.')[1];
  const exp = payload === undefined ? undefined : (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
  if (typeof exp !== 'number') throw new Error('The token has no expiry (exp).');
  return exp * 1000;
}
