import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { bucketName, catalog, SCHEDULE_TICK, tableName } from '@ndf/catalog';
import { SYNTHETIC_TENANT } from '@ndf/contracts';
import { waitUntil, type Supervisor } from '@ndf/local-stack';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { createLogger, defineService, startService, type QueueServiceDefinition } from '@ndf/runtime';
import { service as canary } from '@ndf/canary';
import { canaryDependencies, type CanaryRunDependencies } from '@ndf/canary/dependencies';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiptChain } from '../receipts/receipt-chain-processes.js';

// The canary on the receipt chain as `npm start` runs it (the ingest API, the stream router and
// every receipt service as processes under the supervisor), on the run's shared stack under a
// prefix of its own. The canary itself runs in this process, fed ticks through its queue.

const PREFIX = 'canary-chain-';
let stack: SharedStack;
let supervisor: Supervisor;
let api: string;

// Generous, so that a run on a loaded machine fails only for what it checks; the deadline's own test waits it out.
const SETTINGS = { NDF_CANARY_INTERVAL_SECONDS: '40', NDF_CANARY_FIELDS_DEADLINE_SECONDS: '25', NDF_CANARY_REQUEST_TIMEOUT_SECONDS: '10' };

beforeAll(async () => {
  stack = await useSharedStack(PREFIX, catalog);
  ({ api, supervisor } = await startReceiptChain(catalog, stack));
}, 120_000);

afterAll(async () => {
  await supervisor?.stop();
  await stack?.stop();
});

interface CanaryRun {
  readonly counters: Record<string, number>;
  readonly latencies: Record<string, unknown>;
  /** Its JSON log lines at warn and above. */
  readonly problems: Record<string, unknown>[];
}

/** Starts the canary, sends it one tick, waits for its run, and stops it. */
async function oneRun(definition: QueueServiceDefinition<typeof canary.entry, CanaryRunDependencies> = canary): Promise<CanaryRun> {
  const lines: string[] = [];
  const stop = new AbortController();
  const running = await startService(definition, {
    env: { ...stack.environment(), ...SETTINGS, NDF_INGEST_API_URL: api },
    signal: stop.signal,
    drainMs: 1_000,
    logger: createLogger({ service: 'canary', level: 'warn', destination: { write: (line: string) => void lines.push(line) } }),
  });
  try {
    await stack.clients.sqs.send(
      new SendMessageCommand({ QueueUrl: stack.provisioned.queues.get('canary')!.queue.url, MessageBody: JSON.stringify(SCHEDULE_TICK) }),
    );
    await waitUntil('a canary run', async () => (running.metrics.snapshot().counters.canary_runs ?? 0) > 0, 60_000, 100);
    const { counters, latencies } = running.metrics.snapshot();
    return { counters, latencies, problems: lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
  } finally {
    stop.abort();
    await running.stopped;
  }
}

describe('the canary', () => {
  it('runs the chain end to end as the synthetic tenant: counted, each step timed, nothing logged', async () => {
    const run = await oneRun();
    expect(run.problems).toEqual([]);
    expect(run.counters.canary_runs).toBe(1);
    expect(run.counters.canary_failed).toBe(0);
    for (const step of ['token', 'create-note', 'ask-upload', 'upload', 'fields', 'check', 'clean-up'])
      expect(run.latencies[`canary_latency_ms.${step}`], step).toMatchObject({ count: 1 });
    expect(run.latencies.canary_latency_ms).toMatchObject({ count: 1 });
  }, 120_000);

  it('fails a run whose receipt is read with a field it does not show, naming the step and the field', async () => {
    const wrongTotal = defineService<typeof canary.entry, CanaryRunDependencies>({
      ...canary,
      dependencies: async (context) => {
        const dependencies = await canaryDependencies(context);
        return {
          ...dependencies,
          receipt: { ...dependencies.receipt, expected: { ...dependencies.receipt.expected, totalInclVat: '62.91' } },
        };
      },
    });
    const run = await oneRun(wrongTotal);
    expect(run.counters).toMatchObject({ canary_runs: 1, canary_failed: 1 });
    expect(run.problems).toEqual([
      expect.objectContaining({
        level: 'error',
        event: 'canary-failed',
        step: 'check',
        correlationId: expect.stringMatching(/^canary-/),
        reason: expect.stringContaining('totalInclVat: expected "62.91", read "26.91"'),
      }),
    ]);
  }, 120_000);

  it('fails a run the API refuses at the step it refuses, with its status and the correlation id it answered', async () => {
    const wrongAddress = defineService<typeof canary.entry, CanaryRunDependencies>({
      ...canary,
      dependencies: (context) => canaryDependencies({ env: { ...context.env, NDF_INGEST_API_URL: `${api}/v0` } }),
    });
    const run = await oneRun(wrongAddress);
    expect(run.counters).toMatchObject({ canary_runs: 1, canary_failed: 1 });
    expect(run.problems).toEqual([
      expect.objectContaining({
        event: 'canary-failed',
        step: 'create-note',
        status: 404,
        correlationId: expect.stringMatching(/^canary-/),
        reason: expect.stringContaining('POST /notes answered 404'),
      }),
    ]);
    expect(run.problems[0]).not.toHaveProperty('noteId');
  }, 120_000);

  it('keeps its data in the synthetic tenant: its note and receipt under its keys, its files under its prefix, none of it seen by a real tenant, its note deleted', async () => {
    await oneRun();
    const { Items = [] } = await stack.clients.dynamodb.send(new ScanCommand({ TableName: tableName(PREFIX, 'notes') }));
    const items = Items.map((item) => unmarshall(item));
    expect(items.length).toBeGreaterThan(0);
    expect(items.filter((item) => !String(item.pk).startsWith(`T#${SYNTHETIC_TENANT}#`))).toEqual([]);
    const notes = items.filter((item) => item.type === 'NOTE');
    expect(notes.length).toBeGreaterThan(0);
    expect(notes.map((note) => note.status)).toEqual(notes.map(() => 'deleted'));
    const receipts = items.filter((item) => item.type === 'RECEIPT');
    expect(receipts.map((receipt) => receipt.tenant)).toEqual(receipts.map(() => SYNTHETIC_TENANT));

    const { Contents = [] } = await stack.clients.s3.send(new ListObjectsV2Command({ Bucket: bucketName(PREFIX, 'receipts') }));
    expect(Contents.length).toBeGreaterThan(0);
    expect(Contents.map(({ Key }) => Key).filter((key) => !/^(tenants|derived)\/ndf-synthetic\//.test(key ?? ''))).toEqual([]);

    // An administrator of a real tenant sees none of it, by listing or by id.
    const admin = await stack.issuer.mint({ tenant: 'acme', user: 'root', roles: ['admin'] });
    const listed = await fetch(`${api}/notes`, { headers: { authorization: `Bearer ${admin}` } });
    expect(((await listed.json()) as { items: unknown[] }).items).toEqual([]);
    for (const note of notes) {
      const byId = await fetch(`${api}/notes/${String(note.noteId)}`, { headers: { authorization: `Bearer ${admin}` } });
      expect(byId.status).toBe(404);
    }
  }, 120_000);

  it('fails a run whose receipt never comes back (OCR down) at its deadline, naming the step and the correlation id', async () => {
    await supervisor.kill('ocr');
    // Past the killed process's last long poll, what comes for OCR waits in its queue (see the receipt chain's tests).
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    try {
      const run = await oneRun();
      expect(run.counters).toMatchObject({ canary_runs: 1, canary_failed: 1 });
      expect(run.problems).toEqual([
        expect.objectContaining({
          level: 'error',
          event: 'canary-failed',
          step: 'fields',
          correlationId: expect.stringMatching(/^canary-/),
          reason: expect.stringMatching(
            /^The receipt's fields were not back 25 s after its upload \(status reading, stages .*image-normalizer:succeeded/,
          ),
        }),
      ]);
    } finally {
      supervisor.resume('ocr');
    }
  }, 120_000);
});
