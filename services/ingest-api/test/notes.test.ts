import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { tableName } from '@ndf/catalog';
import { noteKey, tenantScope, type Note, type NotePage } from '@ndf/contracts';
import { ingestContract } from '../src/validation/contract.js';
import { noteBody, startIngest, type IngestUnderTest } from './ingest-fixture.js';

let ingest: IngestUnderTest;
let token: string;

beforeAll(async () => {
  ingest = await startIngest('ingest-notes-');
  token = await ingest.token({ user: 'nadia' });
});
afterAll(async () => ingest?.stop());

const create = (body: unknown, key: string = randomUUID(), as = token) =>
  ingest.call('POST', '/v1/notes', '/v1/notes', { token: as, body, headers: { 'idempotency-key': key } });
const idOf = (answer: { body: unknown }) => (answer.body as Note).id;

describe('idempotent creation', () => {
  it('creates a received note at version 1, then answers the same note to a replay', async () => {
    const key = randomUUID();
    const first = await create(noteBody({ comment: 'line one\nline two' }), key);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      status: 'received',
      version: 1,
      owner: 'nadia',
      amount: { value: '42.50', currency: 'EUR' },
      receiptIds: [],
    });
    expect(first.headers.get('location')).toBe(`/v1/notes/${idOf(first)}`);
    expect(first.headers.get('etag')).toBe('"1"');
    const replay = await create(noteBody({ comment: 'line one\nline two' }), key);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(first.body);
  });

  it('keeps the correlation id of the request on the note, so every hop can log it, and says it in the answer', async () => {
    const sent = await ingest.call('POST', '/v1/notes', '/v1/notes', {
      token,
      body: noteBody(),
      headers: { 'idempotency-key': randomUUID(), 'x-correlation-id': 'app-retry-7f3a9c' },
    });
    expect(sent.headers.get('x-correlation-id')).toBe('app-retry-7f3a9c');
    const own = await create(noteBody());
    const assigned = own.headers.get('x-correlation-id');
    expect(assigned).toMatch(/\S{8,}/);
    for (const [answer, expected] of [
      [sent, 'app-retry-7f3a9c'],
      [own, assigned],
    ] as const) {
      const { Item } = await ingest.stack.clients.dynamodb.send(
        new GetItemCommand({
          TableName: tableName(ingest.stack.config.prefix, 'notes'),
          Key: marshall(noteKey(tenantScope({ tenant: 'acme', user: 'nadia', roles: ['employee'] }), idOf(answer))),
        }),
      );
      expect(unmarshall(Item!).correlationId).toBe(expected);
    }
    // Not a usable id (spaces, too short): the gateway's request id stands in.
    const odd = await ingest.call('POST', '/v1/notes', '/v1/notes', {
      token,
      body: noteBody(),
      headers: { 'idempotency-key': randomUUID(), 'x-correlation-id': 'a b' },
    });
    expect(odd.headers.get('x-correlation-id')).not.toBe('a b');
  });

  it('treats the same body with its keys in another order as the same request', async () => {
    const key = randomUUID();
    const first = await create({ date: '2024-03-01', amount: { value: '10.00', currency: 'EUR' } }, key);
    const reordered = await create({ amount: { currency: 'EUR', value: '10.00' }, date: '2024-03-01' }, key);
    expect([first.status, reordered.status, idOf(reordered)]).toEqual([201, 200, idOf(first)]);
  });

  it('answers 409 to the same key with another body, and keeps the first note', async () => {
    const key = randomUUID();
    const first = await create(noteBody(), key);
    for (const other of [
      noteBody({ amount: { value: '42.51', currency: 'EUR' } }),
      noteBody({ amount: { value: '42.5', currency: 'EUR' } }),
      noteBody({ merchant: 'Elsewhere' }),
    ]) {
      const conflict = await create(other, key);
      expect(conflict).toMatchObject({ status: 409, body: { code: 'idempotency_conflict' } });
    }
    expect((await ingest.call('GET', '/v1/notes/{id}', `/v1/notes/${idOf(first)}`, { token })).body).toMatchObject({
      amount: { value: '42.50' },
      merchant: 'Café de la Gare',
    });
  });

  it('makes one note of 20 concurrent identical requests', async () => {
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 20 }, () => create(noteBody({ date: '2021-01-01' }), key)));
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(1);
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(19);
    expect(new Set(answers.map(idOf)).size).toBe(1);
    const listed = await ingest.call('GET', '/v1/notes', '/v1/notes', { token, headers: {}, body: undefined });
    expect((listed.body as NotePage).items.filter((note) => note.date === '2021-01-01')).toHaveLength(1);
  });

  it("answers 410 to a replay of a deleted draft's creation, rather than bringing it back", async () => {
    const key = randomUUID();
    const first = await create(noteBody(), key);
    expect((await ingest.call('DELETE', '/v1/notes/{id}', `/v1/notes/${idOf(first)}`, { token })).status).toBe(204);
    expect(await create(noteBody(), key)).toMatchObject({ status: 410, body: { code: 'note_deleted' } });
    expect((await ingest.call('GET', '/v1/notes/{id}', `/v1/notes/${idOf(first)}`, { token })).status).toBe(404);
  });
});

describe('batches', () => {
  it('creates each note on its own: new, replayed, invalid and conflicting in one batch', async () => {
    const replayedKey = randomUUID();
    const earlier = await create(noteBody({ merchant: 'Replayed' }), replayedKey);
    const conflictKey = randomUUID();
    await create(noteBody({ merchant: 'First' }), conflictKey);
    const notes = [
      { idempotencyKey: randomUUID(), note: noteBody({ merchant: 'New' }) },
      { idempotencyKey: replayedKey, note: noteBody({ merchant: 'Replayed' }) },
      { idempotencyKey: randomUUID(), note: noteBody({ amount: { value: '1.234', currency: 'EUR' } }) },
      { idempotencyKey: conflictKey, note: noteBody({ merchant: 'Second' }) },
      { idempotencyKey: 'has space', note: noteBody() },
    ];
    const answer = await ingest.call('POST', '/v1/notes/batch', '/v1/notes/batch', { token, body: { notes } });
    expect(answer.status).toBe(200);
    const results = (
      answer.body as {
        results: { index: number; status: number; note?: Note; problem?: { code: string; errors?: { field: string; code: string }[] } }[];
      }
    ).results;
    expect(results.map((result) => [result.index, result.status])).toEqual([
      [0, 201],
      [1, 200],
      [2, 400],
      [3, 409],
      [4, 400],
    ]);
    expect(results[1]!.note!.id).toBe(idOf(earlier));
    expect(results[2]!.problem!.errors).toEqual([
      expect.objectContaining({ field: '/notes/2/note/amount/value', code: 'too_many_decimals' }),
    ]);
    expect(results[4]!.problem!.errors).toEqual([expect.objectContaining({ field: '/notes/4/idempotencyKey', code: 'invalid_format' })]);
  });

  it('refuses a batch that is empty, over 25 notes, or not a batch', async () => {
    const over = Array.from({ length: 26 }, () => ({ idempotencyKey: randomUUID(), note: noteBody() }));
    for (const [body, field, code] of [
      [{ notes: [] }, '/notes', 'too_few_items'],
      [{ notes: over }, '/notes', 'too_many_items'],
      [{ notes: {} }, '/notes', 'wrong_type'],
      [{ notes: [], extra: 1 }, '/extra', 'unknown_field'],
    ] as const) {
      const answer = await ingest.call('POST', '/v1/notes/batch', '/v1/notes/batch', { token, body });
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({
        code: 'validation_failed',
        errors: expect.arrayContaining([expect.objectContaining({ field, code })]),
      });
    }
  });
});

describe('reading and listing', () => {
  it("lists only the caller's notes, newest expense date first, in pages that neither repeat nor skip", async () => {
    const lister = await ingest.token({ user: 'lister' });
    const dates = [
      '2023-05-01',
      '2023-01-15',
      '2023-12-31',
      '2023-05-01',
      '2023-07-14',
      '2022-02-28',
      '2023-03-03',
      '2023-09-09',
      '2023-05-01',
      '2023-11-11',
      '2023-02-02',
      '2023-08-08',
    ];
    const ids = await Promise.all(dates.map(async (date) => idOf(await create(noteBody({ date }), randomUUID(), lister))));
    const seen: Note[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const query = new URLSearchParams({ limit: '5', ...(cursor ? { cursor } : {}) });
      const page = (await ingest.call('GET', '/v1/notes', `/v1/notes?${query}`, { token: lister })).body as NotePage;
      expect(page.items.length).toBeLessThanOrEqual(5);
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen.map((note) => note.id).sort()).toEqual([...ids].sort());
    expect(seen.map((note) => note.date)).toEqual([...dates].sort().reverse());
  });

  it('filters by date range and status', async () => {
    const filterer = await ingest.token({ user: 'filterer' });
    for (const date of ['2024-01-01', '2024-01-15', '2024-02-01', '2024-03-01']) await create(noteBody({ date }), randomUUID(), filterer);
    const page = async (query: string) =>
      ((await ingest.call('GET', '/v1/notes', `/v1/notes?${query}`, { token: filterer })).body as NotePage).items.map((note) => note.date);
    expect(await page('from=2024-01-15&to=2024-02-01')).toEqual(['2024-02-01', '2024-01-15']);
    expect(await page('from=2024-02-01')).toEqual(['2024-03-01', '2024-02-01']);
    expect(await page('to=2024-01-01')).toEqual(['2024-01-01']);
    expect(await page('status=received&limit=2')).toEqual(['2024-03-01', '2024-02-01']);
    expect(await page('status=approved')).toEqual([]);
  });

  it('refuses bad query parameters and forged cursors', async () => {
    const otherTenantCursor = Buffer.from(JSON.stringify({ after: 'T#globex#U#bob' })).toString('base64url');
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=ten', 'limit'],
      ['from=2024-13-01', 'from'],
      ['status=lost', 'status'],
      ['cursor=%%%', 'cursor'],
      [`cursor=${otherTenantCursor}`, 'cursor'],
      ['sort=asc', 'sort'],
      ['from=2024-02-01&to=2024-01-01', 'from'],
    ]) {
      const answer = await ingest.call('GET', '/v1/notes', `/v1/notes?${query}`, { token });
      expect({ query, status: answer.status }).toEqual({ query, status: 400 });
      expect(answer.body).toMatchObject({ code: 'validation_failed', errors: [expect.objectContaining({ field, in: 'query' })] });
    }
  });

  it('answers 404 for an unknown or malformed id, 404 for an unknown path and 405 for a wrong method', async () => {
    expect((await ingest.call('GET', '/v1/notes/{id}', `/v1/notes/${randomUUID()}`, { token })).status).toBe(404);
    // Paths and methods outside the document answer problems too, with the Problem schema.
    const isProblem = ingestContract().schemaCheck('Problem');
    for (const [method, path, status, code] of [
      ['GET', '/v1/notes/not-an-id', 404, 'route_not_found'],
      ['GET', '/v1/nothing', 404, 'route_not_found'],
      ['PUT', '/v1/notes', 405, 'method_not_allowed'],
    ] as const) {
      const response = await fetch(`${ingest.gateway.endpoint}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
      const body = (await response.json()) as unknown;
      expect({ path, status: response.status, body }).toMatchObject({ path, status, body: { code } });
      expect(isProblem(body)).toEqual([]);
      if (status === 405) expect(response.headers.get('allow')).toBe('POST, GET');
    }
  });
});

describe('corrections and deletion', () => {
  it('applies a merge patch at the version read, bumps the version and moves the note in the listing', async () => {
    const note = idOf(await create(noteBody({ date: '2020-06-01', project: 'P-1' })));
    const patched = await ingest.call('PATCH', '/v1/notes/{id}', `/v1/notes/${note}`, {
      token,
      rawBody: JSON.stringify({ date: '2020-06-02', merchant: 'Corrected', project: null }),
      headers: { 'content-type': 'application/merge-patch+json', 'if-match': '"1"' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ version: 2, date: '2020-06-02', merchant: 'Corrected' });
    expect(patched.body).not.toHaveProperty('project');
    expect(patched.headers.get('etag')).toBe('"2"');
    const listed = ((await ingest.call('GET', '/v1/notes', '/v1/notes?from=2020-06-02&to=2020-06-02', { token })).body as NotePage).items;
    expect(listed.map((item) => item.id)).toEqual([note]);
  });

  it('keeps what the checks need (country, fuel, company mention, attendees), and a patch removes them', async () => {
    const details = {
      country: 'BE',
      fuel: { vehicle: 'passenger_car', energy: 'diesel' },
      companyMention: 'printed',
      attendees: ['Ana Lima', 'Client: Jo Bloggs'],
      vatLines: [{ rate: '10', amount: '4.20' }],
    };
    const note = idOf(await create(noteBody({ date: '2020-06-03', ...details })));
    expect((await ingest.call('GET', '/v1/notes/{id}', `/v1/notes/${note}`, { token })).body).toMatchObject(details);
    const patched = await ingest.call('PATCH', '/v1/notes/{id}', `/v1/notes/${note}`, {
      token,
      rawBody: JSON.stringify({ fuel: null, attendees: null, country: 'FR' }),
      headers: { 'content-type': 'application/merge-patch+json', 'if-match': '"1"' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ country: 'FR', companyMention: 'printed' });
    expect(patched.body).not.toHaveProperty('fuel');
    expect(patched.body).not.toHaveProperty('attendees');
  });

  it('answers 412 to a stale version, 428 without If-Match, 400 to a malformed one, and changes nothing', async () => {
    const note = idOf(await create(noteBody()));
    const patch = (headers: Record<string, string>) =>
      ingest.call('PATCH', '/v1/notes/{id}', `/v1/notes/${note}`, { token, body: { merchant: 'Late' }, headers });
    expect(await patch({ 'if-match': '"1"' })).toMatchObject({ status: 200 });
    expect(await patch({ 'if-match': '"1"' })).toMatchObject({ status: 412, body: { code: 'version_mismatch' } });
    expect(await patch({})).toMatchObject({ status: 428, body: { code: 'precondition_required' } });
    expect(await patch({ 'if-match': 'banana' })).toMatchObject({ status: 400, body: { errors: [{ field: 'If-Match', in: 'header' }] } });
    expect((await ingest.call('GET', '/v1/notes/{id}', `/v1/notes/${note}`, { token })).body).toMatchObject({ version: 2 });
  });

  it('makes two concurrent corrections at one version succeed once', async () => {
    const note = idOf(await create(noteBody()));
    const answers = await Promise.all(
      ['A', 'B', 'C', 'D'].map((merchant) =>
        ingest.call('PATCH', '/v1/notes/{id}', `/v1/notes/${note}`, { token, body: { merchant }, headers: { 'if-match': '1' } }),
      ),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 412, 412, 412]);
  });

  it('refuses an empty or invalid patch, and fields a patch cannot change', async () => {
    const note = idOf(await create(noteBody()));
    for (const [body, field, code] of [
      [{}, '/', 'required'],
      [{ amount: null }, '/amount', 'wrong_type'],
      [{ receiptIds: [] }, '/receiptIds', 'unknown_field'],
      [{ status: 'approved' }, '/status', 'unknown_field'],
      [{ date: '2999-01-01' }, '/date', 'date_in_future'],
    ] as const) {
      const answer = await ingest.call('PATCH', '/v1/notes/{id}', `/v1/notes/${note}`, { token, body, headers: { 'if-match': '"1"' } });
      expect({ body, status: answer.status }).toEqual({ body, status: 400 });
      expect(answer.body).toMatchObject({ errors: expect.arrayContaining([expect.objectContaining({ field, code })]) });
    }
  });

  it('deletes a draft once, with If-Match checked when sent', async () => {
    const note = idOf(await create(noteBody()));
    expect(await ingest.call('DELETE', '/v1/notes/{id}', `/v1/notes/${note}`, { token, headers: { 'if-match': '"7"' } })).toMatchObject({
      status: 412,
    });
    expect((await ingest.call('DELETE', '/v1/notes/{id}', `/v1/notes/${note}`, { token, headers: { 'if-match': '"1"' } })).status).toBe(
      204,
    );
    expect((await ingest.call('DELETE', '/v1/notes/{id}', `/v1/notes/${note}`, { token })).status).toBe(404);
    expect(
      (
        await ingest.call('PATCH', '/v1/notes/{id}', `/v1/notes/${note}`, {
          token,
          body: { merchant: 'x' },
          headers: { 'if-match': '"2"' },
        })
      ).status,
    ).toBe(404);
  });
});
