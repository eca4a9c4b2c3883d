import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';

export const SIGNING_ALGORITHM = 'RS256';
export const SIGNING_KEY_FILE = 'signing-key.jwk.json';

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  /** The public half, as published in the JWKS. */
  readonly publicJwk: JWK;
}

async function fromPrivateJwk(jwk: JWK): Promise<SigningKey> {
  if (jwk.kty !== 'RSA' || !jwk.n || !jwk.e || !jwk.d) throw new Error('it is not an RSA private key in JWK form');
  const publicParts: JWK = { kty: jwk.kty, n: jwk.n, e: jwk.e };
  const kid = jwk.kid ?? (await calculateJwkThumbprint(publicParts));
  const privateKey = await importJWK({ ...jwk, kid, alg: SIGNING_ALGORITHM }, SIGNING_ALGORITHM);
  if (privateKey instanceof Uint8Array) throw new Error('it is a symmetric key');
  return { kid, privateKey, publicJwk: { ...publicParts, kid, alg: SIGNING_ALGORITHM, use: 'sig' } };
}

async function generatePrivateJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint({ kty: 'RSA', n: jwk.n, e: jwk.e });
  return { ...jwk, kid, alg: SIGNING_ALGORITHM, use: 'sig' };
}

async function loadKeyFile(path: string): Promise<SigningKey | undefined> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return await fromPrivateJwk(JSON.parse(text) as JWK);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `The token signing key at ${path} cannot be used (${reason}). Delete the file to start with a new key; tokens signed with the old one will stop verifying.`,
    );
  }
}

/**
 * Creates the issuer's RS256 key, or with `directory` reuses the one kept there (private JWK,
 * readable by its owner only) so that tokens minted before a restart stay valid.
 */
export async function loadOrCreateSigningKey(directory?: string): Promise<SigningKey> {
  if (!directory) return fromPrivateJwk(await generatePrivateJwk());

  const path = join(directory, SIGNING_KEY_FILE);
  const existing = await loadKeyFile(path);
  if (existing) return existing;

  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const created = await generatePrivateJwk();
  try {
    writeFileSync(path, `${JSON.stringify(created, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another issuer started on the same directory and wrote its key first: use that one.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return (await loadKeyFile(path))!;
    throw error;
  }
  return fromPrivateJwk(created);
}
