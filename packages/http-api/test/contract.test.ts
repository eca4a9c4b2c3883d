import { describe, expect, it } from 'vitest';
import { Contract, contractViolation, decodeCursor, encodeCursor } from '../src/index.js';

// A document of two operations, enough to check what every API's tests rely on.
const document = {
  openapi: '3.1.0',
  components: {
    schemas: {
      Thing: { type: 'object', required: ['id'], additionalProperties: false, properties: { id: { type: 'string' } } },
    },
  },
  paths: {
    '/v1/things': {
      get: {
        responses: {
          '200': { description: 'One.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
          '204': { description: 'None.' },
        },
      },
    },
  },
};
const contract = new Contract(document, 'https://ndf.local/test-api/openapi.json');
const answer = (status: number, body: unknown, contentType = 'application/json') => ({
  status,
  headers: new Headers(body === undefined ? {} : { 'content-type': contentType }),
  body,
});

describe('contractViolation', () => {
  it('passes an answer the document declares, as it declares it', () => {
    expect(contractViolation(contract, answer(200, { id: 'a' }), 'GET', '/v1/things')).toBeUndefined();
    expect(contractViolation(contract, answer(204, undefined), 'GET', '/v1/things')).toBeUndefined();
  });

  it('names what breaks it: an undeclared operation or status, another content type, a body off its schema or where none is', () => {
    const cases: [ReturnType<typeof answer>, string, string][] = [
      [answer(200, { id: 'a' }), 'POST', 'no POST /v1/things'],
      [answer(404, { id: 'a' }), 'GET', 'answered 404, which the document does not declare'],
      [answer(200, { id: 'a' }, 'text/plain'), 'GET', 'answered text/plain'],
      [answer(200, { id: 1 }), 'GET', 'body breaks the document'],
      [answer(200, { id: 'a', more: true }), 'GET', 'body breaks the document'],
      [answer(204, { id: 'a' }), 'GET', 'should have no body'],
    ];
    for (const [given, method, reason] of cases) expect(contractViolation(contract, given, method, '/v1/things')).toContain(reason);
  });
});

describe('page cursors', () => {
  const isSortKey = (sortKey: string) => /^\d{4}#\w+$/.test(sortKey);

  it('carry the sort key they were made from, opaque to the client', () => {
    const cursor = encodeCursor('2026#abc');
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('2026');
    expect(decodeCursor(cursor, isSortKey)).toBe('2026#abc');
  });

  it('read anything else as no cursor: garbage, other JSON, a sort key of another shape', () => {
    for (const cursor of ['', 'not-a-cursor', Buffer.from('[1]').toString('base64url'), encodeCursor('T#globex#U#bob')])
      expect(decodeCursor(cursor, isSortKey), cursor).toBeUndefined();
  });
});
