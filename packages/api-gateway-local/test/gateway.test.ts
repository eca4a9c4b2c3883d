import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2 } from 'aws-lambda';
import { generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiGatewayLocal, type ApiGatewayLocal } from '../src/index.js';
import { startSigner, type Signer } from './jwks-fixture.js';

let signer: Signer;
let gateway: ApiGatewayLocal;
const events: APIGatewayProxyEventV2WithJWTAuthorizer[] = [];
let answer: (event: APIGatewayProxyEventV2WithJWTAuthorizer) => Promise<APIGatewayProxyResultV2<unknown>> = async () => ({
  statusCode: 204,
});

beforeAll(async () => {
  signer = await startSigner();
  gateway = await startApiGatewayLocal({
    port: 0,
    handler: (event) => {
      events.push(event);
      return answer(event);
    },
    routes: [{ routeKey: 'ANY /v1/{proxy+}' }, { routeKey: 'GET /v1/items/{id}' }, { routeKey: 'GET /v1/health', authorized: false }],
    authorizer: { issuer: signer.issuer, audience: ['app'], jwksUrl: signer.jwksUrl },
    payloadLimitBytes: 64 * 1024,
    integrationTimeoutMs: 300,
    log: () => undefined,
  });
});
afterAll(async () => {
  await gateway?.stop();
  await signer?.stop();
});

async function send(
  path: string,
  init: RequestInit = {},
): Promise<{ status: number; headers: Headers; text: string; event: APIGatewayProxyEventV2WithJWTAuthorizer | undefined }> {
  const before = events.length;
  const response = await fetch(`${gateway.endpoint}${path}`, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, event: events.length > before ? events.at(-1) : undefined };
}

const bearer = async (claims = {}) => ({
  authorization: `Bearer ${await signer.sign({ sub: 'alice', 'custom:tenant': 'acme', 'cognito:groups': ['employee', 'approver'], ...claims })}`,
});

describe('the JWT authorizer', () => {
  it('lets a good token through and hands its claims over as API Gateway does: every value a string', async () => {
    const { status, event } = await send('/v1/notes', { headers: await bearer() });
    expect(status).toBe(204);
    const claims = event!.requestContext.authorizer.jwt.claims;
    expect(claims).toMatchObject({ sub: 'alice', 'custom:tenant': 'acme', 'cognito:groups': '[employee approver]', aud: 'app' });
    expect(typeof claims.exp).toBe('string');
    expect(event!.requestContext.authorizer.jwt.scopes).toBeNull();
  });

  it('answers 401 before the handler for no token, garbage, a tampered, expired, foreign or unsigned token', async () => {
    const good = (await bearer()).authorization.slice('Bearer '.length);
    const [header, payload, signature] = good.split('.');
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), 'custom:tenant': 'evil' })).toString('base64url')}.${signature}`;
    const foreignKey = (await generateKeyPair('RS256')).privateKey;
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    const now = Math.floor(Date.now() / 1000);
    const tokens = [
      undefined,
      'garbage',
      tampered,
      unsigned,
      await signer.sign({ exp: now - 1 }),
      await signer.sign({ nbf: now + 300 }),
      await signer.sign({ aud: 'another-app' }),
      await signer.sign({ iss: 'http://127.0.0.1:1' }),
      await signer.sign({}, { key: foreignKey }),
      await signer.sign({}, { kid: 'unknown-kid', key: foreignKey }),
      `${good}x`,
    ];
    for (const token of tokens) {
      const { status, text, headers, event } = await send('/v1/notes', {
        method: 'POST',
        body: '{}',
        headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
      });
      expect({ token, status, text }).toEqual({ token, status: 401, text: '{"message":"Unauthorized"}' });
      expect(headers.get('content-type')).toBe('application/json');
      expect(event).toBeUndefined();
    }
  });

  it('accepts an access token by its client_id, with its scopes', async () => {
    const token = await signer.sign({ aud: undefined, client_id: 'app', scope: 'notes/read notes/write' });
    const { event } = await send('/v1/notes', { headers: { authorization: `Bearer ${token}` } });
    expect(event?.requestContext.authorizer.jwt.scopes).toEqual(['notes/read', 'notes/write']);
  });

  it('fetches the JWKS once, and again only for a key id it does not know (a rotation)', async () => {
    const rotating = await startSigner();
    const own = await startApiGatewayLocal({
      port: 0,
      handler: async () => ({ statusCode: 204 }),
      authorizer: { issuer: rotating.issuer, audience: ['app'], jwksUrl: rotating.jwksUrl, jwksCooldownMs: 0 },
    });
    try {
      const call = async () =>
        (await fetch(`${own.endpoint}/any`, { headers: { authorization: `Bearer ${await rotating.sign({})}` } })).status;
      expect([await call(), await call(), await call()]).toEqual([204, 204, 204]);
      expect(rotating.fetches()).toBe(1);
      await rotating.rotate();
      expect(await call()).toBe(204);
      expect(rotating.fetches()).toBe(2);
    } finally {
      await own.stop();
      await rotating.stop();
    }
  });

  it('leaves unauthorized routes open, without an authorizer in the event', async () => {
    const { status, event } = await send('/v1/health');
    expect(status).toBe(204);
    expect(event!.requestContext).not.toHaveProperty('authorizer');
    expect(event!.routeKey).toBe('GET /v1/health');
  });
});

describe('the payload 2.0 event', () => {
  it('carries the raw path and query, lower-cased headers, cookies, route and request context', async () => {
    const { event, headers } = await send('/v1/items/a%20b?x=1&x=2&y=%C3%A9&flag', {
      headers: { ...(await bearer()), 'X-Custom': 'One', cookie: 'a=1; b=2', 'user-agent': 'tests/1.0' },
    });
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /v1/items/{id}',
      rawPath: '/v1/items/a%20b',
      rawQueryString: 'x=1&x=2&y=%C3%A9&flag',
      queryStringParameters: { x: '1,2', y: 'é', flag: '' },
      pathParameters: { id: 'a b' },
      cookies: ['a=1', 'b=2'],
      isBase64Encoded: false,
      requestContext: {
        http: { method: 'GET', path: '/v1/items/a%20b', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'tests/1.0' },
        stage: '$default',
        routeKey: 'GET /v1/items/{id}',
      },
    });
    expect(event!.headers['x-custom']).toBe('One');
    expect(event!.headers).not.toHaveProperty('cookie');
    expect(event).not.toHaveProperty('body');
    expect(event!.requestContext.time).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(Math.abs(event!.requestContext.timeEpoch - Date.now())).toBeLessThan(60_000);
    expect(headers.get('apigw-requestid')).toBe(event!.requestContext.requestId);
  });

  it('joins repeated headers with commas', async () => {
    const { authorization } = await bearer();
    const before = events.length;
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const request = httpRequest(
        `${gateway.endpoint}/v1/x`,
        { headers: ['Host', '127.0.0.1', 'Authorization', authorization, 'X-Twice', 'a', 'X-Twice', 'b'] },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode));
        },
      );
      request.on('error', reject);
      request.end();
    });
    expect(status).toBe(204);
    expect(events.slice(before).at(-1)?.headers['x-twice']).toBe('a,b');
  });

  it('passes JSON and text as text, anything else base64-encoded', async () => {
    const auth = await bearer();
    const json = await send('/v1/x', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json; charset=utf-8' },
      body: '{"é":1}',
    });
    expect(json.event).toMatchObject({ body: '{"é":1}', isBase64Encoded: false });
    const bytes = randomBytes(300);
    const binary = await send('/v1/x', { method: 'POST', headers: { ...auth, 'content-type': 'image/jpeg' }, body: bytes });
    expect(binary.event).toMatchObject({ isBase64Encoded: true, body: bytes.toString('base64') });
    const untyped = await send('/v1/x', { method: 'POST', headers: { ...auth, 'content-type': '' }, body: 'abc' });
    expect(untyped.event?.isBase64Encoded).toBe(true);
  });
});

describe('limits and answers', () => {
  it('answers 404 for a path no route takes, and 413 over the payload limit, both without the handler', async () => {
    expect(await send('/elsewhere', { headers: await bearer() })).toMatchObject({
      status: 404,
      text: '{"message":"Not Found"}',
      event: undefined,
    });
    const big = await send('/v1/x', {
      method: 'POST',
      headers: { ...(await bearer()), 'content-type': 'application/json' },
      body: 'x'.repeat(64 * 1024 + 1),
    });
    expect(big).toMatchObject({ status: 413, text: '{"message":"Request Entity Too Large"}', event: undefined });
  });

  it("maps the handler's results back: status, headers, cookies, base64 bodies, bare values", async () => {
    const auth = await bearer();
    answer = async () => ({
      statusCode: 201,
      headers: { 'X-Thing': 'yes', 'content-type': 'image/png' },
      cookies: ['a=1; Path=/', 'b=2'],
      body: Buffer.from([0, 1, 2, 255]).toString('base64'),
      isBase64Encoded: true,
    });
    const response = await fetch(`${gateway.endpoint}/v1/x`, { headers: auth });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-thing')).toBe('yes');
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2']);
    expect([...new Uint8Array(await response.arrayBuffer())]).toEqual([0, 1, 2, 255]);

    answer = async () => ({ hello: 'world' });
    expect(await send('/v1/x', { headers: auth })).toMatchObject({ status: 200, text: '{"hello":"world"}' });
    answer = async () => 'plain';
    expect(await send('/v1/x', { headers: auth })).toMatchObject({ status: 200, text: 'plain' });
    answer = async () => ({ statusCode: 'nope' });
    expect(await send('/v1/x', { headers: auth })).toMatchObject({ status: 500, text: '{"message":"Internal Server Error"}' });
  });

  it('answers 500 when the handler throws and 503 past the integration timeout', async () => {
    const auth = await bearer();
    answer = async () => {
      throw new Error('boom');
    };
    expect(await send('/v1/x', { headers: auth })).toMatchObject({ status: 500, text: '{"message":"Internal Server Error"}' });
    answer = () => new Promise(() => undefined);
    expect(await send('/v1/x', { headers: auth })).toMatchObject({ status: 503, text: '{"message":"Service Unavailable"}' });
    answer = async () => ({ statusCode: 204 });
  });
});
