import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, createRemoteJWKSet, decodeProtectedHeader, generateKeyPair, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTokenIssuer, type TokenIssuer } from '../src/identity/index.js';
import { freePort } from '../src/net/ports.js';

async function verify(issuer: TokenIssuer, token: string, options: { audience?: string; currentDate?: Date } = {}) {
  return jwtVerify(token, createRemoteJWKSet(new URL(issuer.jwksUrl)), {
    issuer: issuer.issuer,
    audience: options.audience ?? issuer.audience,
    algorithms: ['RS256'],
    ...(options.currentDate ? { currentDate: options.currentDate } : {}),
  });
}

function postToken(issuer: TokenIssuer, body: unknown): Promise<Response> {
  return fetch(`${issuer.issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('the local token issuer', () => {
  let issuer: TokenIssuer;
  beforeAll(async () => {
    issuer = await startTokenIssuer({ port: await freePort() });
  });
  afterAll(async () => {
    await issuer?.stop();
  });

  it('mints Cognito-shaped ID tokens that verify against its JWKS endpoint', async () => {
    expect(issuer.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(issuer.jwksUrl).toBe(`${issuer.issuer}/.well-known/jwks.json`);
    expect(issuer.audience).toBe('ndf-local-app');

    const token = await issuer.mint({ tenant: 'acme', user: 'alice', roles: ['employee', 'approver'], email: 'alice@acme.test' });
    const { payload, protectedHeader } = await verify(issuer, token);
    expect(protectedHeader).toMatchObject({ alg: 'RS256', kid: expect.any(String) });
    expect(payload).toMatchObject({
      iss: issuer.issuer,
      aud: 'ndf-local-app',
      sub: 'alice',
      token_use: 'id',
      'custom:tenant': 'acme',
      'cognito:groups': ['employee', 'approver'],
      email: 'alice@acme.test',
    });
    expect(payload.exp! - payload.iat!).toBe(3_600);
    expect(payload.iat!).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) - 60);
    expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/);

    const other = await issuer.mint({ tenant: 'acme', user: 'alice', roles: ['employee'], expiresInSeconds: 300 });
    const second = await verify(issuer, other);
    expect(second.payload.jti).not.toBe(payload.jti);
    expect(second.payload.exp! - second.payload.iat!).toBe(300);
    expect(second.payload).not.toHaveProperty('email');
  });

  it('publishes its key and an OpenID configuration', async () => {
    const jwks = (await (await fetch(issuer.jwksUrl)).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys).toHaveLength(1);
    const [key] = jwks.keys;
    expect(key).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String), n: expect.any(String), e: 'AQAB' });
    expect(key).not.toHaveProperty('d');

    const token = await issuer.mint({ tenant: 'acme', user: 'bob', roles: ['admin'] });
    expect(decodeProtectedHeader(token).kid).toBe(key!.kid);

    const configuration = await (await fetch(`${issuer.issuer}/.well-known/openid-configuration`)).json();
    expect(configuration).toEqual({ issuer: issuer.issuer, jwks_uri: issuer.jwksUrl, id_token_signing_alg_values_supported: ['RS256'] });
  });

  it('mints over HTTP with POST /token', async () => {
    const response = await postToken(issuer, { tenant: 'globex', user: 'carol', roles: ['accountant'], expiresInSeconds: 120 });
    expect(response.status).toBe(200);
    const { token } = (await response.json()) as { token: string };
    const { payload } = await verify(issuer, token);
    expect(payload).toMatchObject({ sub: 'carol', 'custom:tenant': 'globex', 'cognito:groups': ['accountant'] });
    expect(payload.exp! - payload.iat!).toBe(120);
  });

  it('rejects a token whose payload was tampered with', async () => {
    const token = await issuer.mint({ tenant: 'acme', user: 'alice', roles: ['employee'] });
    const [header, body, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(body!, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, 'custom:tenant': 'globex', 'cognito:groups': ['admin'] })).toString('base64url');
    await expect(verify(issuer, `${header}.${forged}.${signature}`)).rejects.toMatchObject({
      code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    });
  });

  it('rejects a token signed by another key, even one claiming the same kid', async () => {
    const token = await issuer.mint({ tenant: 'acme', user: 'alice', roles: ['employee'] });
    const { kid } = decodeProtectedHeader(token);
    const { payload } = await verify(issuer, token);
    const { privateKey } = await generateKeyPair('RS256');
    const impostor = await new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: kid! }).sign(privateKey);
    await expect(verify(issuer, impostor)).rejects.toMatchObject({ code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
  });

  it('rejects an expired token and one for another audience', async () => {
    const short = await issuer.mint({ tenant: 'acme', user: 'alice', roles: ['employee'], expiresInSeconds: 1 });
    await expect(verify(issuer, short, { currentDate: new Date(Date.now() + 5_000) })).rejects.toMatchObject({ code: 'ERR_JWT_EXPIRED' });

    const token = await issuer.mint({ tenant: 'acme', user: 'alice', roles: ['employee'] });
    await expect(verify(issuer, token, { audience: 'some-other-app' })).rejects.toMatchObject({
      code: 'ERR_JWT_CLAIM_VALIDATION_FAILED',
      claim: 'aud',
    });

    const foreign = await startTokenIssuer({ port: await freePort(), audience: 'some-other-app' });
    try {
      const theirs = await foreign.mint({ tenant: 'acme', user: 'alice', roles: ['employee'] });
      expect((await verify(foreign, theirs)).payload.aud).toBe('some-other-app');
      await expect(verify(issuer, theirs)).rejects.toThrow();
    } finally {
      await foreign.stop();
    }
  });

  it('refuses bad requests on POST /token with a problem naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ user: 'alice', roles: ['employee'] }, 'tenant'],
      [{ tenant: '', user: 'alice', roles: ['employee'] }, 'tenant'],
      [{ tenant: 'acme', user: '   ', roles: ['employee'] }, 'user'],
      [{ tenant: 'acme', user: 'alice' }, 'roles'],
      [{ tenant: 'acme', user: 'alice', roles: 'employee' }, 'roles'],
      [{ tenant: 'acme', user: 'alice', roles: ['employee', 'superuser'] }, 'roles'],
      [{ tenant: 'acme', user: 'alice', roles: ['employee'], email: 'not an address' }, 'email'],
      [{ tenant: 'acme', user: 'alice', roles: ['employee'], expiresInSeconds: 0 }, 'expiresInSeconds'],
      [{ tenant: 'acme', user: 'alice', roles: ['employee'], expiresInSeconds: 1.5 }, 'expiresInSeconds'],
      [{ tenant: 'acme', user: 'alice', roles: ['employee'], expiresInSeconds: 10 * 86_400 }, 'expiresInSeconds'],
      [{ tenant: 'acme', user: 'alice', roles: ['employee'], role: 'admin' }, 'role'],
      [['acme'], 'body'],
      ['{"tenant": "acme",', 'body'],
    ];
    for (const [body, field] of cases) {
      const response = await postToken(issuer, body);
      const label = JSON.stringify(body);
      expect(response.status, label).toBe(400);
      expect(response.headers.get('content-type'), label).toContain('application/problem+json');
      const problem = (await response.json()) as Record<string, unknown>;
      expect(problem, label).toMatchObject({
        type: expect.any(String),
        title: 'Bad Request',
        status: 400,
        detail: expect.any(String),
        field,
      });
    }
  });

  it('rejects the same bad input from code with a clear error', async () => {
    await expect(issuer.mint({ tenant: 'acme', user: 'alice', roles: ['boss'] })).rejects.toMatchObject({
      name: 'InvalidMintRequestError',
      field: 'roles',
      message: expect.stringContaining('employee, approver, accountant, admin'),
    });
    await expect(issuer.mint({ tenant: '', user: 'alice', roles: [] })).rejects.toMatchObject({ field: 'tenant' });
  });

  it('answers unknown paths and methods with problems', async () => {
    const missing = await fetch(`${issuer.issuer}/nothing`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    const wrongMethod = await fetch(`${issuer.issuer}/token`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
  });
});

describe('the local token issuer with a key directory', () => {
  const keyDirectory = mkdtempSync(join(tmpdir(), 'ndf-issuer-'));
  afterAll(() => rmSync(keyDirectory, { recursive: true, force: true }));

  it('keeps its key private on disk and reuses it, so tokens survive a restart', async () => {
    const port = await freePort();
    const first = await startTokenIssuer({ port, keyDirectory });
    const token = await first.mint({ tenant: 'acme', user: 'alice', roles: ['employee'] });
    const kid = decodeProtectedHeader(token).kid;
    await first.stop();

    const keyFile = join(keyDirectory, 'signing-key.jwk.json');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(keyFile, 'utf8'))).toMatchObject({ kty: 'RSA', kid, d: expect.any(String) });

    const second = await startTokenIssuer({ port, keyDirectory });
    try {
      expect(second.issuer).toBe(first.issuer);
      expect((await verify(second, token)).payload.sub).toBe('alice');
    } finally {
      await second.stop();
    }

    const elsewhere = await startTokenIssuer({ port: await freePort() });
    try {
      const other = await elsewhere.mint({ tenant: 'acme', user: 'alice', roles: ['employee'] });
      expect(decodeProtectedHeader(other).kid).not.toBe(kid);
    } finally {
      await elsewhere.stop();
    }
  });
});
