import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientCredentialsTokens } from '../src/client-credentials-token.js';
import { CachedTokens, tokenSourceFrom } from '../src/token-source.js';

const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((close) => close()));

/** A token endpoint on loopback that answers as Cognito's /oauth2/token does, and remembers what it was asked. */
async function tokenEndpoint(answer: { status: number; body: unknown }) {
  const asked: { authorization?: string; body: string }[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      asked.push({ authorization: request.headers.authorization, body });
      response.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => server.close());
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth2/token`, asked };
}

describe('the canary token sources', () => {
  it('asks for a token again only as it nears its expiry', async () => {
    let now = 0;
    let issued = 0;
    const tokens = new CachedTokens(
      async () => ({ token: `t${(issued += 1)}`, expiresAt: 3_600_000 }),
      () => now,
    );
    expect(await tokens.token(AbortSignal.timeout(1_000))).toBe('t1');
    now = 3_000_000;
    expect(await tokens.token(AbortSignal.timeout(1_000))).toBe('t1');
    now = 3_300_001;
    expect(await tokens.token(AbortSignal.timeout(1_000))).toBe('t2');
  });

  it("gets the cloud's token by the client credentials grant, the client's id and secret in Basic authentication", async () => {
    const endpoint = await tokenEndpoint({ status: 200, body: { access_token: 'abc', expires_in: 3600, token_type: 'Bearer' } });
    const before = Date.now();
    const issued = await new ClientCredentialsTokens({ tokenUrl: endpoint.url, clientId: 'canary', clientSecret: 's3cret' }).issue(
      AbortSignal.timeout(5_000),
    );
    expect(issued.token).toBe('abc');
    expect(issued.expiresAt).toBeGreaterThanOrEqual(before + 3_600_000);
    expect(endpoint.asked).toEqual([
      { authorization: `Basic ${Buffer.from('canary:s3cret').toString('base64')}`, body: 'grant_type=client_credentials' },
    ]);
  });

  it('fails with what the token endpoint answered when it refuses', async () => {
    const endpoint = await tokenEndpoint({ status: 400, body: { error: 'invalid_client' } });
    await expect(
      new ClientCredentialsTokens({ tokenUrl: endpoint.url, clientId: 'canary', clientSecret: 'wrong' }).issue(AbortSignal.timeout(5_000)),
    ).rejects.toThrow('The token endpoint answered 400: {"error":"invalid_client"}');
  });

  it('is configured by the environment, and says what is missing', () => {
    expect(() => tokenSourceFrom({})).toThrow('No token source');
    expect(() => tokenSourceFrom({ NDF_CANARY_CLIENT_ID: 'canary' })).toThrow(
      'NDF_CANARY_TOKEN_URL and NDF_CANARY_CLIENT_SECRET must be set too.',
    );
    expect(tokenSourceFrom({ NDF_JWT_ISSUER: 'http://127.0.0.1:9400' })).toBeInstanceOf(CachedTokens);
  });
});
