import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalog } from '@ndf/catalog';
import type { NoteDetail, ReceiptUpload } from '@ndf/contracts';
import {
  freePort,
  LogStore,
  paths,
  platformProcesses,
  processLogEnvironment,
  processOutput,
  Supervisor,
  waitUntil,
} from '@ndf/local-stack';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { generateFixture } from '@ndf/receipt-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The platform's log collection as `npm start` runs it: the services a digital PDF goes through,
// as processes under the supervisor, logging JSON lines that the platform reads, prints and keeps.

const PREFIX = 'logsearch-';
/** Every service a digital PDF's receipt goes through, from its upload to its note's enrichment. */
const PDF_PATH = ['receipt-intake', 'format-sniffer', 'pdf-inspector', 'receipt-parser', 'note-enricher'];

let stack: SharedStack;
let supervisor: Supervisor;
let logs: LogStore;
let api: string;
const folder = mkdtempSync(join(tmpdir(), 'ndf-log-search-'));
const printed: string[] = [];

beforeAll(async () => {
  stack = await useSharedStack(PREFIX, catalog);
  const port = await freePort();
  api = `http://127.0.0.1:${port}/v1`;
  logs = new LogStore({ folder });
  const output = processOutput({ print: (component, text) => printed.push(`${component} │ ${text}`), store: logs });
  const pdfPath = { ...catalog, services: catalog.services.filter((service) => PDF_PATH.includes(service.name)) };
  supervisor = new Supervisor(
    platformProcesses(
      pdfPath,
      paths.repoRoot,
      { ...stack.environment(), ...processLogEnvironment({ metrics: false }) },
      {
        NDF_PORT_INGEST_API: String(port),
      },
    ),
    (event) => {
      if (event.type === 'output') output(event.name, event.line, event.stream);
    },
  );
  supervisor.start();
  await waitUntil('the ingest API', async () => (await fetch(`${api}/health`).catch(() => undefined))?.ok === true, 60_000, 200);
}, 120_000);

afterAll(async () => {
  await supervisor?.stop();
  logs?.close();
  await stack?.stop();
  rmSync(folder, { recursive: true, force: true });
});

async function call<T>(
  token: string,
  method: string,
  path: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${api}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as T };
}

describe('the log search on the running platform', () => {
  it("finds every service's lines of one receipt, by its correlation id and by its id, in time order, and again after a restart", async () => {
    const token = await stack.issuer.mint({ tenant: 'acme', user: 'lea', roles: ['employee'] });
    const note = await call<NoteDetail>(
      token,
      'POST',
      '/notes',
      { date: '2024-03-12', amount: { value: '42.50', currency: 'EUR' } },
      {
        'idempotency-key': randomUUID(),
      },
    );
    expect(note.status).toBe(201);
    const invoice = await generateFixture(51, 1, 'pdf-digital');
    const bytes = await readFile(invoice.path);
    const correlationId = `receipt-${randomUUID()}`;
    const asked = await call<ReceiptUpload>(
      token,
      'POST',
      '/receipts',
      { fileName: 'facture.pdf', contentType: 'application/pdf', size: bytes.length, noteId: note.body.id },
      { 'x-correlation-id': correlationId },
    );
    expect(asked.status).toBe(201);
    const form = new FormData();
    for (const [name, value] of Object.entries(asked.body.upload.fields)) form.append(name, value);
    form.append('file', new Blob([bytes]), 'facture.pdf');
    expect((await fetch(asked.body.upload.url, { method: 'POST', body: form })).status).toBeLessThan(300);

    const events = (id: string) => logs.search(id, 100).map((line) => `${line.component}:${line.event ?? ''}`);
    await waitUntil(
      "the note enriched with the receipt's fields",
      async () => events(correlationId).includes('note-enricher:note-enriched'),
      120_000,
      500,
    ).catch((error: unknown) => {
      console.log(`log search: ${JSON.stringify(events(correlationId))}\n${printed.slice(-40).join('\n')}`);
      throw error;
    });

    const byCorrelation = logs.search(correlationId, 100);
    expect(events(correlationId)).toEqual(['receipt-parser:receipt-read', 'note-enricher:note-enriched']);
    expect(byCorrelation.every((line) => line.correlationId === correlationId)).toBe(true);
    expect(byCorrelation.map((line) => line.at)).toEqual([...byCorrelation.map((line) => line.at)].sort((a, b) => a - b));
    expect(byCorrelation[0]!.fields).toMatchObject({ receiptId: asked.body.receiptId, level: 'info', pid: expect.any(Number) as number });
    // The upload comes from S3, not from the request: its line has the receipt's id, not the correlation id.
    expect(events(asked.body.receiptId)).toEqual(['receipt-intake:receipt-recorded', 'receipt-parser:receipt-read']);
    expect(
      printed.some((line) =>
        line.startsWith(`receipt-parser │ INFO  receipt-read receiptId=${asked.body.receiptId} correlationId=${correlationId}`),
      ),
    ).toBe(true);
    expect(printed.filter((line) => line.includes('"_aws"'))).toEqual([]);

    logs.flush();
    const reopened = new LogStore({ folder });
    expect(reopened.search(correlationId, 100)).toEqual(byCorrelation);
    expect(reopened.search(asked.body.receiptId, 100)).toEqual(logs.search(asked.body.receiptId, 100));
  }, 180_000);
});
