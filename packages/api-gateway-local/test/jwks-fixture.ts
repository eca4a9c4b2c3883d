import { createServer } from 'node:http';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK, type JWTPayload } from 'jose';

export interface Signer {
  readonly jwksUrl: string;
  readonly issuer: string;
  /** Times the JWKS was fetched. */
  fetches(): number;
  sign(claims: JWTPayload, options?: { kid?: string; key?: CryptoKey; alg?: string }): Promise<string>;
  /** Replaces the published keys by a new one (a key rotation). */
  rotate(): Promise<void>;
  stop(): Promise<void>;
}

interface KeyPair {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
}

async function keyPair(kid: string): Promise<KeyPair> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

/** An issuer of RS256 tokens publishing its JWKS on loopback, standing in for Cognito in these tests. */
export async function startSigner(): Promise<Signer> {
  let current = await keyPair('key-1');
  let fetches = 0;
  const server = createServer((request, response) => {
    fetches += 1;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ keys: [current.publicJwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const issuer = `http://127.0.0.1:${port}`;
  return {
    jwksUrl: `${issuer}/.well-known/jwks.json`,
    issuer,
    fetches: () => fetches,
    sign: (claims, options = {}) => {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ iss: issuer, aud: 'app', iat: now, exp: now + 600, ...claims })
        .setProtectedHeader({ alg: options.alg ?? 'RS256', kid: options.kid ?? current.kid })
        .sign(options.key ?? current.privateKey);
    },
    rotate: async () => {
      current = await keyPair(`key-${Date.now()}`);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
