import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import { afterEach, describe, expect, it } from 'vitest';
import { startSqsEmulator, type RunningSqsEmulator } from '../src/emulators/sqs-emulator.js';
import { freePort } from '../src/net/ports.js';

const REGION = 'eu-west-3';
const emulatorProcess = fileURLToPath(new URL('./fixtures/sqs-emulator-process.ts', import.meta.url));

function client(endpoint: string): SQSClient {
  return new SQSClient({ endpoint, region: REGION, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
}

async function sendTen(sqs: SQSClient, queueUrl: string): Promise<string[]> {
  const bodies = Array.from({ length: 10 }, (_, index) => `message ${index}`);
  await sqs.send(
    new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: bodies.map((body, index) => ({ Id: `m${index}`, MessageBody: body })) }),
  );
  return bodies;
}

/** Receives until `count` messages came, or a receive comes back empty. */
async function receiveAll(sqs: SQSClient, queueUrl: string, count: number): Promise<Message[]> {
  const received: Message[] = [];
  while (received.length < count) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 2,
        MessageSystemAttributeNames: ['ApproximateReceiveCount'],
      }),
    );
    if (Messages.length === 0) break;
    received.push(...Messages);
  }
  return received;
}

/**
 * A queue of ten messages, three of them received and so in flight when the emulator goes, for
 * longer than the test waits: they come back only if the start releases them.
 */
async function queueWithWorkInFlight(sqs: SQSClient) {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'kept', Attributes: { VisibilityTimeout: '600' } }));
  const bodies = await sendTen(sqs, QueueUrl!);
  const inFlight = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 3 }));
  expect(inFlight.Messages).toHaveLength(3);
  return { queueUrl: QueueUrl!, bodies };
}

describe('SQS emulator with a data folder', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  function dataFolder(): string {
    const directory = mkdtempSync(join(tmpdir(), 'ndf-sqs-durable-'));
    cleanups.push(() => rmSync(directory, { recursive: true, force: true }));
    return directory;
  }

  async function start(port: number, dataDir: string | undefined): Promise<RunningSqsEmulator> {
    const emulator = await startSqsEmulator({ port, region: REGION, dataDir });
    cleanups.push(() => emulator.stop());
    return emulator;
  }

  it('gives back every message after a stop and a start on the same folder, those in flight at once', async () => {
    const dataDir = dataFolder();
    const port = await freePort();
    const first = await startSqsEmulator({ port, region: REGION, dataDir });
    const { queueUrl, bodies } = await queueWithWorkInFlight(client(first.endpoint));
    await first.stop();

    const second = await start(port, dataDir);
    expect(second.released).toBe(3);
    const received = await receiveAll(client(second.endpoint), queueUrl, bodies.length);
    expect(received.map((message) => message.Body).sort()).toEqual(bodies);
  });

  it('gives back every message after the process holding it is SIGKILLed, those in flight at once', async () => {
    const dataDir = dataFolder();
    const port = await freePort();
    const child = spawn(process.execPath, ['--conditions=development', '--import', 'tsx', emulatorProcess, String(port), dataDir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    cleanups.push(() => void child.kill('SIGKILL'));
    const endpoint = await new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`the emulator process exited (${code}) before it was ready`)));
      child.stdout.on('data', (chunk: Buffer) => {
        const ready = /ready (\S+)/.exec(chunk.toString());
        if (ready) resolve(ready[1]!);
      });
    });
    const { queueUrl, bodies } = await queueWithWorkInFlight(client(endpoint));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;

    const restarted = await start(port, dataDir);
    expect(restarted.released).toBe(3);
    const received = await receiveAll(client(restarted.endpoint), queueUrl, bodies.length);
    expect(received.map((message) => message.Body).sort()).toEqual(bodies);
  });

  it('releases a message at once (visibility 0, as a stopping consumer does), its receive count kept', async () => {
    const emulator = await start(await freePort(), dataFolder());
    const sqs = client(emulator.endpoint);
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'released', Attributes: { VisibilityTimeout: '600' } }));
    await sendTen(sqs, QueueUrl!);
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 1 }));
    await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: Messages[0]!.ReceiptHandle, VisibilityTimeout: 0 }));

    const again = await receiveAll(sqs, QueueUrl!, 10);
    expect(again).toHaveLength(10);
    const released = again.find((message) => message.MessageId === Messages[0]!.MessageId);
    expect(released?.Attributes?.ApproximateReceiveCount).toBe('2');
  });

  it('keeps nothing without a data folder, as before (the tests share in-memory queues)', async () => {
    const port = await freePort();
    const first = await startSqsEmulator({ port, region: REGION, dataDir: undefined });
    const sqs = client(first.endpoint);
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'gone' }));
    await sendTen(sqs, QueueUrl!);
    await first.stop();

    const second = await start(port, undefined);
    const { QueueUrl: again } = await client(second.endpoint).send(new CreateQueueCommand({ QueueName: 'gone' }));
    expect(await receiveAll(client(second.endpoint), again!, 10)).toEqual([]);
  });
});
