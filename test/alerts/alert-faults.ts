import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { GetQueueUrlCommand, SendMessageBatchCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { DEFAULT_PREFIX, catalog, queueName, type RunbookKind } from '@ndf/catalog';
import { receiptKey, tenantScope } from '@ndf/contracts';
import { generateFixtures } from '@ndf/receipt-fixtures';
import { ReceiptsClient, platformAccess, receiptUploadEvent, storeBehindTheEdge } from '@ndf/testkit';
import { emulatorProcess, serviceProcess } from './platform-processes.js';

export type PlatformAccess = Awaited<ReturnType<typeof platformAccess>>;

/** What a fault acts on: the running platform (its process tree) and its endpoints. */
export interface FaultContext {
  /** The pid of `npm start`'s process. */
  readonly root: number;
  readonly access: PlatformAccess;
}

/** A fault of the alert benchmark: what it breaks, the alert it must raise, and how it is undone. */
export interface Fault {
  readonly name: string;
  readonly what: string;
  /** The component whose alert must come, with this runbook. */
  readonly component: string;
  readonly runbook: RunbookKind;
  /** Breaks the platform (after what it needs is ready); resolves to when the fault began, and what undoes it. */
  inject(context: FaultContext): Promise<Injected>;
}

export interface Injected {
  /** Epoch ms at which the platform broke: the start of the time to alert. */
  readonly at: number;
  readonly undo: () => Promise<void>;
}

/** The tenant the benchmark's receipts belong to (platformAccess's token is of it). */
export const BENCH_TENANT = 'bench-alert';
const BENCH_SCOPE = tenantScope({ tenant: BENCH_TENANT, user: 'bench', roles: [] });

/** A fault that undoes itself (a process the supervisor restarts, a message quarantined once). */
const once = (): Injected => ({ at: Date.now(), undo: async () => undefined });

async function sendToQueue(access: PlatformAccess, service: string, bodies: readonly string[]): Promise<void> {
  const { QueueUrl } = await access.aws.sqs.send(new GetQueueUrlCommand({ QueueName: queueName(DEFAULT_PREFIX, service) }));
  for (let start = 0; start < bodies.length; start += 10) {
    const entries = bodies.slice(start, start + 10).map((body, index) => ({ Id: String(index), MessageBody: body }));
    if (entries.length === 1) await access.aws.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: entries[0]!.MessageBody }));
    else await access.aws.sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: entries }));
  }
}

/** A receipt read to the end, as the app sends one: its note, its key and the version the platform pinned. */
async function processedReceipt(access: PlatformAccess) {
  const client = new ReceiptsClient(access.api, access.token);
  const [fixture] = await generateFixtures({ seed: 13, count: 1, format: 'pdf-digital' });
  const submitted = await client.submit(fixture!);
  const key = receiptKey(BENCH_SCOPE, submitted.receiptId, submitted.noteId);
  for (let tries = 0; tries < 240; tries += 1) {
    const { Item } = await access.aws.dynamodb.send(
      new GetItemCommand({ TableName: access.table, Key: { pk: { S: key.pk }, sk: { S: key.sk } } }),
    );
    const item = Item ? unmarshall(Item) : undefined;
    if (item?.status === 'processed')
      return { ...submitted, objectKey: String(item.objectKey), versionId: String(item.objectVersionId), size: Number(item.size ?? 1) };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the receipt the benchmark sent was not processed within 2 minutes');
}

/**
 * Requests to the API until stopped, five a second whatever their answers take (a user does not
 * wait for another's request), at most `limit` in all and 50 at once: the traffic a 5xx burst needs.
 */
function apiTraffic(access: PlatformAccess, limit: number): () => Promise<void> {
  const pending = new Set<Promise<unknown>>();
  let sent = 0;
  const timer = setInterval(() => {
    if (sent >= limit || pending.size >= 50) return;
    sent += 1;
    const request = fetch(`${access.api}/notes`, {
      headers: { authorization: `Bearer ${access.token}` },
      signal: AbortSignal.timeout(10_000),
    })
      .then((response) => response.arrayBuffer())
      .catch(() => undefined)
      .finally(() => pending.delete(request));
    pending.add(request);
  }, 200);
  return async () => {
    clearInterval(timer);
    await Promise.all(pending);
  };
}

/** SIGSTOP: the process stands still, holding all it holds, until SIGCONT. */
function pause(pid: number): Injected {
  process.kill(pid, 'SIGSTOP');
  return { at: Date.now(), undo: async () => void process.kill(pid, 'SIGCONT') };
}

export const FAULTS: readonly Fault[] = [
  {
    name: 'sigkill',
    what: 'SIGKILL of the OCR service',
    component: 'ocr',
    runbook: 'process-exited',
    inject: async ({ root }) => {
      process.kill(serviceProcess(root, 'ocr'), 'SIGKILL');
      return once();
    },
  },
  {
    name: 'hang',
    what: 'the image normaliser hung (SIGSTOP: its event loop stands still, nothing it holds is released)',
    component: 'image-normalizer',
    runbook: 'heartbeat-missing',
    inject: async ({ root }) => pause(serviceProcess(root, 'image-normalizer')),
  },
  {
    name: 'poison',
    what: 'a message that is not a job, on the format sniffer queue',
    component: 'format-sniffer',
    runbook: 'message-quarantined',
    inject: async ({ access }) => {
      const injected = once();
      await sendToQueue(access, 'format-sniffer', [`not a job ${randomUUID()}`]);
      return injected;
    },
  },
  {
    name: 'dependency',
    what: 'DynamoDB Local stopped (SIGSTOP) while receipt events reach the intake service',
    component: 'receipt-intake',
    runbook: 'breaker-open',
    inject: async ({ root, access }) => {
      // Events of a receipt already read, with its pinned version: once DynamoDB is back, each is a repeat that changes nothing.
      const receipt = await processedReceipt(access);
      const event = JSON.stringify(
        receiptUploadEvent(access, { key: receipt.objectKey, size: receipt.size, versionId: receipt.versionId }),
      );
      const resume = pause(emulatorProcess(root, 'DynamoDBLocal.jar'));
      await sendToQueue(
        access,
        'receipt-intake',
        Array.from({ length: 20 }, () => event),
      );
      return resume;
    },
  },
  {
    name: 'api-5xx',
    what: 'DynamoDB Local stopped (SIGSTOP) under API traffic (5 requests a second)',
    component: 'ingest-api',
    runbook: 'api-server-errors',
    inject: async ({ root, access }) => {
      const paused = pause(emulatorProcess(root, 'DynamoDBLocal.jar'));
      const stopTraffic = apiTraffic(access, 600);
      return {
        at: paused.at,
        undo: async () => {
          await paused.undo();
          await stopTraffic();
        },
      };
    },
  },
  {
    name: 'stalled',
    what: 'a receipt stored behind the S3 edge (no event) and left 10 minutes ago: the reconciler finds it',
    component: 'reconciler',
    runbook: 'counter-reconciler-redriven',
    inject: async ({ access }) => {
      const [fixture] = await generateFixtures({ seed: 14, count: 1, format: 'pdf-digital' });
      const bytes = await readFile(fixture!.path);
      const asked = await new ReceiptsClient(access.api, access.token).ask(fixture!, bytes.length);
      await storeBehindTheEdge(access, asked.key, bytes, 'application/pdf');
      const key = receiptKey(BENCH_SCOPE, asked.receiptId, asked.receipt.noteId);
      await access.aws.dynamodb.send(
        new UpdateItemCommand({
          TableName: access.table,
          Key: { pk: { S: key.pk }, sk: { S: key.sk } },
          UpdateExpression: 'SET gsi1sk = :then',
          ConditionExpression: 'attribute_exists(gsi1pk)',
          ExpressionAttributeValues: { ':then': { S: new Date(Date.now() - 600_000).toISOString() } },
        }),
      );
      return once();
    },
  },
  ...(catalog.services.some((service) => service.name === 'canary')
    ? [
        {
          name: 'canary',
          what: 'the ingest API hung (SIGSTOP): only the canary, which uses it as a user would, can tell',
          component: 'canary',
          runbook: 'counter-canary-failed' as RunbookKind,
          inject: async ({ root }: FaultContext) => pause(serviceProcess(root, 'ingest-api')),
        },
      ]
    : []),
];
