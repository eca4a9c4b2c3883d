import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJwtAuthorizer } from '../src/jwt-authorizer.js';

let server: Server;
let issuer: string;
let signingKey: CryptoKey;

beforeAll(async () => {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  signingKey = privateKey;
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] };
  server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(jwks));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const sign = (claims: JWTPayload, key: CryptoKey = signingKey, expiresIn = '5m') =>
  new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuedAt().setExpirationTime(expiresIn).sign(key);

describe('createJwtAuthorizer', () => {
  it('lets through a token signed by a key of the JWKS, for the issuer and the audience, with its claims', async () => {
    const authorize = createJwtAuthorizer({ issuer, audience: ['app'], jwksUrl: `${issuer}/.well-known/jwks.json` });
    const verdict = await authorize(`Bearer ${await sign({ iss: issuer, aud: 'app', sub: 'dana', 'cognito:groups': ['operator'] })}`);
    expect(verdict).toMatchObject({ ok: true, claims: { sub: 'dana', 'cognito:groups': ['operator'] } });
  });

  it('refuses no token, another issuer, another audience, an expired token and a key not in the JWKS', async () => {
    const authorize = createJwtAuthorizer({ issuer, audience: ['app'], jwksUrl: `${issuer}/.well-known/jwks.json`, jwksCooldownMs: 0 });
    const { privateKey: stranger } = await generateKeyPair('RS256');
    const refused = [
      undefined,
      `Bearer ${await sign({ iss: 'http://127.0.0.1:1', aud: 'app', sub: 'dana' })}`,
      `Bearer ${await sign({ iss: issuer, aud: 'another-app', sub: 'dana' })}`,
      `Bearer ${await sign({ iss: issuer, aud: 'app', sub: 'dana' }, signingKey, '-1m')}`,
      `Bearer ${await sign({ iss: issuer, aud: 'app', sub: 'dana' }, stranger)}`,
    ];
    for (const header of refused) expect({ header, ok: (await authorize(header)).ok }).toEqual({ header, ok: false });
  });
});
