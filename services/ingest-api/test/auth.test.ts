import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { startApiGatewayLocal } from '@ndf/api-gateway-local';
import { apiRoutes } from '@ndf/catalog';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestApiEntry } from '../src/config.js';
import { noteBody, startIngest, type IngestUnderTest } from './ingest-fixture.js';

let ingest: IngestUnderTest;
let aliceNote: string;

beforeAll(async () => {
  ingest = await startIngest('ingest-auth-');
  const created = await ingest.call('POST', '/v1/notes', '/v1/notes', {
    token: await ingest.token(),
    body: noteBody(),
    headers: { 'idempotency-key': randomUUID() },
  });
  aliceNote = (created.body as { id: string }).id;
});
afterAll(async () => ingest?.stop());

describe('authentication', () => {
  it('answers 401 before the handler without a token, or with a tampered or expired one', async () => {
    const good = await ingest.token();
    const [header, payload, signature] = good.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, unknown>;
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, 'custom:tenant': 'globex' })).toString('base64url')}.${signature}`;
    const expiring = await ingest.token({ expiresInSeconds: 1 });
    await sleep(2_100);
    for (const token of [undefined, 'not-a-jwt', tampered, expiring]) {
      const answer = await ingest.call('GET', '/v1/notes/{id}', `/v1/notes/${aliceNote}`, { token });
      expect({ token, status: answer.status, body: answer.body }).toEqual({ token, status: 401, body: { message: 'Unauthorized' } });
    }
  });

  it('answers 401 for a token of another audience or another issuer', async () => {
    const token = await ingest.token();
    for (const authorizer of [
      { issuer: ingest.stack.endpoints.issuer, audience: ['another-app'], jwksUrl: ingest.stack.endpoints.jwks },
      { issuer: 'http://127.0.0.1:1', audience: [ingest.stack.issuer.audience], jwksUrl: ingest.stack.endpoints.jwks },
    ]) {
      const gateway = await startApiGatewayLocal({ port: 0, handler: ingest.api, routes: apiRoutes(ingestApiEntry()), authorizer });
      try {
        const response = await fetch(`${gateway.endpoint}/v1/notes/${aliceNote}`, { headers: { authorization: `Bearer ${token}` } });
        expect(response.status).toBe(401);
        expect(await response.json()).toEqual({ message: 'Unauthorized' });
      } finally {
        await gateway.stop();
      }
    }
  });

  it('serves health and the contract without a token', async () => {
    expect((await ingest.call('GET', '/v1/health', '/v1/health')).status).toBe(200);
    const document = await ingest.call('GET', '/v1/openapi.json', '/v1/openapi.json');
    expect(document.body).toMatchObject({ openapi: '3.1.0' });
  });

  it("answers 403 problem+json to an operator's token on every tenant route: it grants no tenant data", async () => {
    const token = await ingest.token({ user: 'oncall', roles: ['operator'] });
    const answers = [
      await ingest.call('GET', '/v1/notes', '/v1/notes', { token }),
      await ingest.call('GET', '/v1/notes/{id}', `/v1/notes/${aliceNote}`, { token }),
      await ingest.call('POST', '/v1/notes', '/v1/notes', { token, body: noteBody(), headers: { 'idempotency-key': randomUUID() } }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(403);
      expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(answer.body).toMatchObject({ code: 'forbidden', detail: expect.stringContaining('operator') });
    }
  });

  it('answers 403 for a valid token that grants no role', async () => {
    const answer = await ingest.call('GET', '/v1/notes', '/v1/notes', { token: await ingest.token({ roles: [] }) });
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ code: 'forbidden' });
  });
});

describe('tenants and users', () => {
  it('hides a note from another tenant, even one with the same user name and an admin role: 404', async () => {
    const token = await ingest.token({ tenant: 'globex', user: 'alice', roles: ['employee', 'admin'] });
    const answer = await ingest.call('GET', '/v1/notes/{id}', `/v1/notes/${aliceNote}`, { token });
    expect(answer).toMatchObject({ status: 404, body: { code: 'not_found' } });
    expect((await ingest.call('GET', '/v1/notes', '/v1/notes', { token })).body).toEqual({ items: [] });
  });

  it('hides a note from another employee of the tenant, and shows it to an approver', async () => {
    const bob = await ingest.token({ user: 'bob' });
    expect((await ingest.call('GET', '/v1/notes/{id}', `/v1/notes/${aliceNote}`, { token: bob })).status).toBe(404);
    const approver = await ingest.token({ user: 'carol', roles: ['approver'] });
    const read = await ingest.call('GET', '/v1/notes/{id}', `/v1/notes/${aliceNote}`, { token: approver });
    expect(read).toMatchObject({ status: 200, body: { id: aliceNote, owner: 'alice' } });
  });

  it('lets only the owner change a note: another employee gets 404, an approver 403', async () => {
    for (const [token, status] of [
      [await ingest.token({ user: 'bob' }), 404],
      [await ingest.token({ user: 'carol', roles: ['approver'] }), 403],
    ] as const) {
      const patched = await ingest.call('PATCH', '/v1/notes/{id}', `/v1/notes/${aliceNote}`, {
        token,
        body: { merchant: 'x' },
        headers: { 'if-match': '"1"' },
      });
      expect(patched.status).toBe(status);
      expect((await ingest.call('DELETE', '/v1/notes/{id}', `/v1/notes/${aliceNote}`, { token })).status).toBe(status);
    }
    const still = await ingest.call('GET', '/v1/notes/{id}', `/v1/notes/${aliceNote}`, { token: await ingest.token() });
    expect(still.body).toMatchObject({ version: 1, merchant: 'Café de la Gare' });
  });

  it('keeps idempotency keys per user: the same key from two users makes two notes', async () => {
    const key = randomUUID();
    const alice = await ingest.call('POST', '/v1/notes', '/v1/notes', {
      token: await ingest.token(),
      body: noteBody(),
      headers: { 'idempotency-key': key },
    });
    const bob = await ingest.call('POST', '/v1/notes', '/v1/notes', {
      token: await ingest.token({ user: 'bob' }),
      body: noteBody(),
      headers: { 'idempotency-key': key },
    });
    expect([alice.status, bob.status]).toEqual([201, 201]);
    expect((alice.body as { id: string }).id).not.toBe((bob.body as { id: string }).id);
  });
});
