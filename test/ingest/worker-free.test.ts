import { randomBytes, randomUUID } from 'node:crypto';
import { bucketName, catalog } from '@ndf/catalog';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startIngestProcess, type IngestProcess } from './ingest-process.js';

// The critical path with nothing of the worker fleet running: the platform's catalog is
// provisioned (every service's queue exists), but no service process and no stream router
// is started. Only DynamoDB, S3 and the ingest API's own local entry point run.

const PREFIX = 'ingest-alone-';

let stack: SharedStack;
let api: IngestProcess;
let endpoint: string;

beforeAll(async () => {
  stack = await useSharedStack(PREFIX, catalog);
  api = await startIngestProcess(stack);
  endpoint = api.endpoint;
}, 90_000);

afterAll(async () => {
  await api?.stop();
  await stack?.stop();
});

it('accepts a note and its receipt with every worker service and the stream router stopped', async () => {
  expect(catalog.services.length).toBeGreaterThan(0);
  const token = await stack.issuer.mint({ tenant: 'acme', user: 'alice', roles: ['employee'] });
  const auth = { authorization: `Bearer ${token}` };

  const created = await fetch(`${endpoint}/v1/notes`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({ date: '2024-03-12', amount: { value: '18.40', currency: 'EUR' }, merchant: 'SNCF', category: 'train' }),
  });
  expect(created.status).toBe(201);
  const note = (await created.json()) as { id: string; status: string };
  expect(note.status).toBe('received');

  const asked = await fetch(`${endpoint}/v1/receipts`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ fileName: 'billet.pdf', contentType: 'application/pdf', size: 2048, noteId: note.id }),
  });
  expect(asked.status).toBe(201);
  const { key, upload } = (await asked.json()) as { key: string; upload: { url: string; fields: Record<string, string> } };
  const bytes = randomBytes(2048);
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append('file', new Blob([bytes]), 'billet.pdf');
  expect((await fetch(upload.url, { method: 'POST', body: form })).status).toBe(204);
  // The local S3 does not check signatures on reads, so a plain GET shows what is stored.
  const object = await fetch(`${stack.endpoints.s3}/${bucketName(PREFIX, 'receipts')}/${key}`);
  expect(Buffer.from(await object.arrayBuffer()).equals(bytes)).toBe(true);

  const read = await fetch(`${endpoint}/v1/notes/${note.id}`, { headers: auth });
  expect(read.status).toBe(200);
  // Nothing downstream ran: the receipt still waits for the intake service.
  expect(await read.json()).toMatchObject({ id: note.id, receipts: [{ fileName: 'billet.pdf', status: 'awaiting_upload' }], stages: [] });
  const listed = (await (await fetch(`${endpoint}/v1/notes`, { headers: auth })).json()) as { items: { id: string }[] };
  expect(listed.items.map((item) => item.id)).toEqual([note.id]);
  expect(api.output()).not.toMatch(/"level":"error"/);
});
