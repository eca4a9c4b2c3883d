import { gatewayEvent } from '@ndf/api-gateway-local';
import { API_METRIC } from '@ndf/catalog';
import { describe, expect, it } from 'vitest';
import { authorized, createHttpApi, json, open, ProblemError, requireRole, type RequestContext, type Resource } from '../src/index.js';

// The router alone, over hand-made payload 2.0 events: what every API built on it answers
// before and around its own routes.

interface Context extends RequestContext {
  readonly seen: string[];
}

/** The contract of the routes below: only the POST of /things takes a body. */
const DOCUMENT = {
  paths: {
    '/v1/things': { post: { requestBody: {} } },
    '/v1/things/{id}': { get: {}, delete: {} },
    '/v1/health': { get: {} },
  },
};

function apiWith(resources: readonly Resource<Context>[], options: { deadlineMs?: number } = {}) {
  const seen: string[] = [];
  const lines: string[] = [];
  const logged: Record<string, unknown>[] = [];
  const api = createHttpApi<Context>({
    name: 'test-api',
    basePath: '/v1',
    document: DOCUMENT,
    deadlineMs: options.deadlineMs ?? 1_000,
    resources,
    context: (request) => ({ ...request, seen }),
    dependencies: 'DynamoDB',
    clock: () => new Date(),
    log: (entry) => void logged.push(entry),
    metrics: (line) => void lines.push(line),
  });
  return { api, seen, lines, logged };
}

const body = (answer: { body?: string }) => JSON.parse(answer.body!) as Record<string, unknown>;
const ID = '0a63a6e8-e9cc-47b4-a8e7-ed23cdaa8d42';

const things: Resource<Context> = {
  pattern: /^\/things\/(?<id>[0-9a-f-]{36})$/,
  template: '/things/{id}',
  methods: {
    GET: authorized(async (context) => {
      context.seen.push(`${context.scope.tenant}/${context.scope.user}/${context.pathParameters.id}`);
      return json(200, { id: context.pathParameters.id });
    }),
    DELETE: authorized(async (context) => {
      requireRole(context.scope, ['admin'], 'Deleting a thing');
      context.seen.push('deleted');
      return json(200, {});
    }),
  },
};
const thingsList: Resource<Context> = {
  pattern: /^\/things$/,
  template: '/things',
  methods: { POST: authorized(async (context) => json(201, { got: context.event.body })) },
};
const health: Resource<Context> = {
  pattern: /^\/health$/,
  template: '/health',
  methods: { GET: open(async () => json(200, { ok: true })) },
};

describe('createHttpApi', () => {
  it("gives a route its path parameters by name and the caller's scope from the claims", async () => {
    const { api, seen, lines } = apiWith([things]);
    const answer = await api(gatewayEvent('GET', `/v1/things/${ID}`, { user: 'mila', requestId: 'router-test-1' }));
    expect([answer.statusCode, body(answer)]).toEqual([200, { id: ID }]);
    expect(answer.headers['x-correlation-id']).toBe('router-test-1');
    expect(seen).toEqual([`acme/mila/${ID}`]);
    expect(JSON.parse(lines[0]!)).toMatchObject({ Api: 'test-api', [API_METRIC.requests]: 1, route: 'GET /v1/things/{id}', status: 200 });
  });

  it('answers 404 route_not_found outside its resources, 405 with Allow for another method, as problem+json', async () => {
    const { api } = apiWith([things, health]);
    for (const path of ['/v1/nowhere', `/v2/things/${ID}`, '/v1/things/not-an-id', '/v1']) {
      const answer = await api(gatewayEvent('GET', path));
      expect({ path, status: answer.statusCode, code: body(answer).code }).toEqual({ path, status: 404, code: 'route_not_found' });
      expect(answer.headers['content-type']).toBe('application/problem+json');
    }
    const refused = await api(gatewayEvent('PUT', `/v1/things/${ID}`));
    expect([refused.statusCode, body(refused).code, refused.headers.allow]).toEqual([405, 'method_not_allowed', 'GET, DELETE']);
  });

  it('answers 403 before an authorized route runs for a token without a tenant role, and lets a public route through without claims', async () => {
    const { api, seen } = apiWith([things, health]);
    for (const roles of [[], ['operator']]) {
      const answer = await api(gatewayEvent('GET', `/v1/things/${ID}`, { roles }));
      expect({ roles, status: answer.statusCode, code: body(answer).code }).toEqual({ roles, status: 403, code: 'forbidden' });
    }
    expect((await api(gatewayEvent('GET', `/v1/things/${ID}`, { authorized: false }))).statusCode).toBe(403);
    expect(seen).toEqual([]);
    expect((await api(gatewayEvent('GET', '/v1/health', { authorized: false }))).statusCode).toBe(200);
  });

  it('refuses with 403, naming the role needed, a caller whose roles may not do the thing: the route does nothing', async () => {
    const { api, seen } = apiWith([things]);
    const refused = await api(gatewayEvent('DELETE', `/v1/things/${ID}`, { roles: ['employee', 'approver'] }));
    expect([refused.statusCode, body(refused).code]).toEqual([403, 'forbidden']);
    expect(body(refused).detail).toBe('Deleting a thing needs the role admin; the token grants employee, approver.');
    expect(seen).toEqual([]);
    expect((await api(gatewayEvent('DELETE', `/v1/things/${ID}`, { roles: ['admin'] }))).statusCode).toBe(200);
    expect(seen).toEqual(['deleted']);
  });

  it('answers a thrown ProblemError as it says, a transient failure 503 with Retry-After, anything else 500 (logged)', async () => {
    const failing = (error: unknown): Resource<Context> => ({
      pattern: /^\/fail$/,
      template: '/fail',
      methods: { GET: open(() => Promise.reject(error)) },
    });
    const timeout = Object.assign(new Error('slow down'), { name: 'ThrottlingException', $fault: 'client' });
    const cases: [unknown, number, string][] = [
      [new ProblemError(409, 'not_editable', 'No.'), 409, 'not_editable'],
      [timeout, 503, 'dependency_unavailable'],
      [new TypeError('a bug'), 500, 'internal_error'],
    ];
    for (const [error, status, code] of cases) {
      const { api, logged } = apiWith([failing(error)]);
      const answer = await api(gatewayEvent('GET', '/v1/fail'));
      expect([answer.statusCode, body(answer).code]).toEqual([status, code]);
      expect(answer.headers['retry-after']).toBe(status === 503 ? '1' : undefined);
      expect(logged.map((entry) => entry.code)).toEqual(status >= 500 ? [code] : []);
    }
  });

  it('answers 503 deadline_exceeded with Retry-After past its deadline, and aborts the route', async () => {
    let aborted = false;
    const slow: Resource<Context> = {
      pattern: /^\/slow$/,
      template: '/slow',
      methods: {
        GET: open(
          (context) =>
            new Promise((_, reject) =>
              context.signal.addEventListener('abort', () => {
                aborted = true;
                reject(context.signal.reason as Error);
              }),
            ),
        ),
      },
    };
    const { api } = apiWith([slow], { deadlineMs: 20 });
    const answer = await api(gatewayEvent('GET', '/v1/slow'));
    expect([answer.statusCode, body(answer).code, answer.headers['retry-after']]).toEqual([503, 'deadline_exceeded', '1']);
    expect(aborted).toBe(true);
  });
  it('refuses a body sent to an operation whose contract takes none (400 unexpected_body), and lets an empty one and a declared one through', async () => {
    const { api, seen } = apiWith([things, thingsList]);
    const withBody = (method: string, path: string, body: string) => ({ ...gatewayEvent(method, path, { user: 'mila' }), body });
    const refused = await api(withBody('DELETE', `/v1/things/${ID}`, '{"reason":'));
    expect([refused.statusCode, body(refused).code, body(refused).detail]).toEqual([
      400,
      'unexpected_body',
      'DELETE /v1/things/{id} takes no body: send the request without one.',
    ]);
    expect(seen).toEqual([]);
    expect((await api(withBody('GET', `/v1/things/${ID}`, '  \n'))).statusCode).toBe(200);
    expect((await api(withBody('POST', '/v1/things', '{"name":"a"}'))).statusCode).toBe(201);
  });
});
