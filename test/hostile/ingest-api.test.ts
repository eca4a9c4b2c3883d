import { randomUUID } from 'node:crypto';
import { catalog } from '@ndf/catalog';
import { MAX_RECEIPTS_PER_NOTE } from '@ndf/contracts';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIngestProcess, type IngestProcess } from '../ingest/ingest-process.js';

// Hostile and unlucky inputs sent to the ingest API over real HTTP, through its own local
// entry point (gateway stand-in, JWT authorizer, handler): each case with the answer it must
// get. None may be a 5xx, and the process must log no error.

const PREFIX = 'hostile-ingest-';

let stack: SharedStack;
let api: IngestProcess;

/** What the cases work on: tokens, and items made beforehand. */
interface World {
  readonly token: string;
  readonly globex: string;
  readonly note: string;
  readonly fullNote: string;
  readonly otherTenantNote: string;
  readonly otherTenantReceipt: string;
  readonly attachedReceipt: string;
  readonly noteKey: string;
  readonly receiptKey: string;
}
let world: World;

interface Request {
  readonly method: string;
  readonly path: string;
  readonly token?: string | undefined;
  readonly headers?: Record<string, string>;
  /** JSON-encoded unless a string or bytes. */
  readonly body?: unknown;
}

interface Case {
  readonly name: string;
  readonly request: (world: World) => Request;
  readonly status: number;
  /** The problem's code; undefined for a success or the gateway's own answer. */
  readonly code?: string;
}

const receipt = (overrides: Record<string, unknown> = {}) => ({
  fileName: 'ticket.jpg',
  contentType: 'image/jpeg',
  size: 1000,
  ...overrides,
});
const note = (overrides: Record<string, unknown> = {}) => ({
  date: '2024-03-12',
  amount: { value: '12.00', currency: 'EUR' },
  ...overrides,
});
const nestedArrays = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const nestedObjects = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const key = () => ({ 'idempotency-key': randomUUID() });

const CASES: readonly Case[] = [
  // Finding 8: nested JSON
  {
    name: '100,000 nested arrays (200 KB) as a note',
    request: (w) => ({ method: 'POST', path: '/v1/notes', token: w.token, headers: key(), body: nestedArrays(100_000) }),
    status: 400,
    code: 'too_deeply_nested',
  },
  {
    name: '50,000 nested objects as a receipt request',
    request: (w) => ({ method: 'POST', path: '/v1/receipts', token: w.token, body: nestedObjects(50_000) }),
    status: 400,
    code: 'too_deeply_nested',
  },
  {
    name: 'nested arrays as a correction',
    request: (w) => ({
      method: 'PATCH',
      path: `/v1/notes/${w.note}`,
      token: w.token,
      headers: { 'if-match': '"1"' },
      body: nestedArrays(100_000),
    }),
    status: 400,
    code: 'too_deeply_nested',
  },
  {
    name: 'nested arrays as a batch',
    request: (w) => ({ method: 'POST', path: '/v1/notes/batch', token: w.token, body: nestedArrays(100_000) }),
    status: 400,
    code: 'too_deeply_nested',
  },
  {
    name: 'a comment nested 40 deep inside a note',
    request: (w) => ({
      method: 'POST',
      path: '/v1/notes',
      token: w.token,
      headers: key(),
      body: JSON.stringify(note({ comment: JSON.parse(nestedArrays(40)) as unknown })),
    }),
    status: 400,
    code: 'too_deeply_nested',
  },
  // Bodies that are not what they claim
  {
    name: 'truncated JSON',
    request: (w) => ({ method: 'POST', path: '/v1/notes', token: w.token, headers: key(), body: '{"date":"2024-03-12",' }),
    status: 400,
    code: 'malformed_json',
  },
  {
    name: 'bytes that are not UTF-8',
    request: (w) => ({ method: 'POST', path: '/v1/receipts', token: w.token, body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) }),
    status: 400,
    code: 'malformed_json',
  },
  {
    name: 'a lone surrogate in a file name',
    request: (w) => ({
      method: 'POST',
      path: '/v1/receipts',
      token: w.token,
      body: '{"fileName":"\\ud800.jpg","contentType":"image/jpeg","size":1}',
    }),
    status: 400,
    code: 'validation_failed',
  },
  {
    name: 'a body over 1 MiB',
    request: (w) => ({
      method: 'POST',
      path: '/v1/notes',
      token: w.token,
      headers: key(),
      body: JSON.stringify(note({ comment: 'x'.repeat(1_100_000) })),
    }),
    status: 413,
    code: 'payload_too_large',
  },
  {
    name: 'a form instead of JSON',
    request: (w) => ({
      method: 'POST',
      path: '/v1/receipts',
      token: w.token,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'fileName=a.jpg',
    }),
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'a receipt field the contract does not know (key)',
    request: (w) => ({ method: 'POST', path: '/v1/receipts', token: w.token, body: receipt({ key: 'tenants/globex/receipts/x' }) }),
    status: 400,
    code: 'validation_failed',
  },
  {
    name: 'a page size of a billion',
    request: (w) => ({ method: 'GET', path: '/v1/notes?limit=1000000000', token: w.token }),
    status: 400,
    code: 'validation_failed',
  },
  // Finding 5: unbounded lists
  {
    name: `receipt ${MAX_RECEIPTS_PER_NOTE + 1} on one note`,
    request: (w) => ({ method: 'POST', path: '/v1/receipts', token: w.token, body: receipt({ noteId: w.fullNote }) }),
    status: 409,
    code: 'too_many_receipts',
  },
  {
    name: `a note listing ${MAX_RECEIPTS_PER_NOTE + 1} receipts`,
    request: (w) => ({
      method: 'POST',
      path: '/v1/notes',
      token: w.token,
      headers: key(),
      body: note({ receiptIds: Array.from({ length: MAX_RECEIPTS_PER_NOTE + 1 }, () => randomUUID()) }),
    }),
    status: 400,
    code: 'validation_failed',
  },
  // Finding 9: one receipt, one note
  {
    name: 'a second note listing a receipt another note lists',
    request: (w) => ({
      method: 'POST',
      path: '/v1/notes',
      token: w.token,
      headers: key(),
      body: note({ receiptIds: [w.attachedReceipt] }),
    }),
    status: 409,
    code: 'receipt_already_attached',
  },
  // Finding 12 and replays
  {
    name: "a receipt's Idempotency-Key again with another body",
    request: (w) => ({
      method: 'POST',
      path: '/v1/receipts',
      token: w.token,
      headers: { 'idempotency-key': w.receiptKey },
      body: receipt({ size: 2 }),
    }),
    status: 409,
    code: 'idempotency_conflict',
  },
  {
    name: "a receipt's Idempotency-Key again with the same body",
    request: (w) => ({
      method: 'POST',
      path: '/v1/receipts',
      token: w.token,
      headers: { 'idempotency-key': w.receiptKey },
      body: receipt(),
    }),
    status: 200,
  },
  {
    name: "a note's Idempotency-Key again with another body",
    request: (w) => ({
      method: 'POST',
      path: '/v1/notes',
      token: w.token,
      headers: { 'idempotency-key': w.noteKey },
      body: note({ merchant: 'Other' }),
    }),
    status: 409,
    code: 'idempotency_conflict',
  },
  {
    name: 'an Idempotency-Key with a control character',
    request: (w) => ({ method: 'POST', path: '/v1/receipts', token: w.token, headers: { 'idempotency-key': 'a\tb' }, body: receipt() }),
    status: 400,
    code: 'validation_failed',
  },
  // Wrong tenant
  {
    name: "another tenant's note: read",
    request: (w) => ({ method: 'GET', path: `/v1/notes/${w.otherTenantNote}`, token: w.token }),
    status: 404,
    code: 'not_found',
  },
  {
    name: "another tenant's note: correct",
    request: (w) => ({
      method: 'PATCH',
      path: `/v1/notes/${w.otherTenantNote}`,
      token: w.token,
      headers: { 'if-match': '"1"' },
      body: { merchant: 'x' },
    }),
    status: 404,
    code: 'not_found',
  },
  {
    name: "another tenant's note: delete",
    request: (w) => ({ method: 'DELETE', path: `/v1/notes/${w.otherTenantNote}`, token: w.token }),
    status: 404,
    code: 'not_found',
  },
  {
    name: "another tenant's note: attach a receipt",
    request: (w) => ({ method: 'POST', path: '/v1/receipts', token: w.token, body: receipt({ noteId: w.otherTenantNote }) }),
    status: 404,
    code: 'not_found',
  },
  {
    name: "another tenant's receipt listed in a note",
    request: (w) => ({
      method: 'POST',
      path: '/v1/notes',
      token: w.token,
      headers: key(),
      body: note({ receiptIds: [w.otherTenantReceipt] }),
    }),
    status: 422,
    code: 'invalid_reference',
  },
  {
    name: "another tenant's receipt Idempotency-Key: a receipt of one's own",
    request: (w) => ({
      method: 'POST',
      path: '/v1/receipts',
      token: w.globex,
      headers: { 'idempotency-key': w.receiptKey },
      body: receipt({ size: 3 }),
    }),
    status: 201,
  },
  // The gateway and the routes
  { name: 'no token', request: () => ({ method: 'POST', path: '/v1/receipts', body: receipt() }), status: 401 },
  {
    name: 'a note id that is not a UUID',
    request: (w) => ({ method: 'GET', path: '/v1/notes/..%2F..%2Fetc', token: w.token }),
    status: 404,
    code: 'route_not_found',
  },
  { name: 'the health route, anonymous', request: () => ({ method: 'GET', path: '/v1/health' }), status: 200 },
];

async function send(request: Request): Promise<{ status: number; body: Record<string, unknown> | undefined; text: string }> {
  const json = request.body !== undefined && typeof request.body !== 'string' && !Buffer.isBuffer(request.body);
  const body = request.body === undefined ? undefined : json ? JSON.stringify(request.body) : (request.body as string | Buffer);
  const response = await fetch(`${api.endpoint}${request.path}`, {
    method: request.method,
    headers: {
      ...(request.token ? { authorization: `Bearer ${request.token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...request.headers,
    },
    body,
  });
  const text = await response.text();
  let parsed: Record<string, unknown> | undefined;
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, body: parsed, text };
}

async function made(request: Request, field = 'id'): Promise<string> {
  const answer = await send(request);
  if (answer.status !== 201) throw new Error(`setting up: ${request.method} ${request.path} answered ${answer.status} ${answer.text}`);
  return String(answer.body![field]);
}

beforeAll(async () => {
  stack = await useSharedStack(PREFIX, catalog);
  api = await startIngestProcess(stack);
  const token = await stack.issuer.mint({ tenant: 'acme', user: 'hana', roles: ['employee'] });
  const globex = await stack.issuer.mint({ tenant: 'globex', user: 'hana', roles: ['employee', 'admin'] });
  const noteKey = randomUUID();
  const receiptKey = randomUUID();
  const fullNote = await made({ method: 'POST', path: '/v1/notes', token, headers: key(), body: note() });
  for (let index = 0; index < MAX_RECEIPTS_PER_NOTE; index += 1)
    await made({ method: 'POST', path: '/v1/receipts', token, body: receipt({ noteId: fullNote }) }, 'receiptId');
  const attachedReceipt = await made({ method: 'POST', path: '/v1/receipts', token, body: receipt() }, 'receiptId');
  await made({ method: 'POST', path: '/v1/notes', token, headers: key(), body: note({ receiptIds: [attachedReceipt] }) });
  await made({ method: 'POST', path: '/v1/receipts', token, headers: { 'idempotency-key': receiptKey }, body: receipt() }, 'receiptId');
  world = {
    token,
    globex,
    note: await made({ method: 'POST', path: '/v1/notes', token, headers: { 'idempotency-key': noteKey }, body: note() }),
    fullNote,
    otherTenantNote: await made({ method: 'POST', path: '/v1/notes', token: globex, headers: key(), body: note() }),
    otherTenantReceipt: await made({ method: 'POST', path: '/v1/receipts', token: globex, body: receipt() }, 'receiptId'),
    attachedReceipt,
    noteKey,
    receiptKey,
  };
}, 120_000);

afterAll(async () => {
  await api?.stop();
  await stack?.stop();
});

describe('hostile inputs to the ingest API', () => {
  it.each(CASES.map((entry) => [entry.name, entry] as const))('%s', async (_name, entry) => {
    const answer = await send(entry.request(world));
    expect({ status: answer.status, code: answer.body?.code }).toEqual({ status: entry.status, code: entry.code });
    expect(answer.status).toBeLessThan(500);
  });

  it('answers health with booleans only, and the process logged no error for any case', async () => {
    expect((await send({ method: 'GET', path: '/v1/health' })).body).toEqual({
      status: 'ok',
      checks: { dynamodb: { ok: true }, s3: { ok: true } },
    });
    expect(api.output()).not.toMatch(/"level":"error"/);
  });
});
