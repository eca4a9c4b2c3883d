import { mkdirSync } from 'node:fs';
import { ChangeMessageVisibilityBatchCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startFauxqs, type FauxqsServer } from 'fauxqs';
import { LOOPBACK } from '../net/ports.js';

export interface RunningSqsEmulator {
  readonly endpoint: string;
  /** Messages that were in flight when the emulator last stopped, made visible again at this start. */
  readonly released: number;
  stop(): Promise<void>;
}

export interface SqsEmulatorOptions {
  readonly port: number;
  readonly region: string;
  /**
   * Where queues and messages are kept (SQLite, written through on every change): a stack started
   * again on the same folder, after a stop or a SIGKILL, finds its messages. Undefined keeps them in memory.
   */
  readonly dataDir?: string;
}

/**
 * SQS by fauxqs, in this process, bound to loopback (`listenHost` is our patch: fauxqs binds every
 * interface). With a data folder, the messages in flight when it stopped are released at once: they
 * were held by processes of the platform that stopped with it, and nobody will delete them, so waiting
 * out their visibility timeouts (up to minutes) would only hold the work back.
 */
export async function startSqsEmulator(options: SqsEmulatorOptions): Promise<RunningSqsEmulator> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const server = await startFauxqs({
    port: options.port,
    listenHost: LOOPBACK,
    logger: false,
    defaultRegion: options.region,
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
  });
  const endpoint = `http://${LOOPBACK}:${server.port}`;
  try {
    const released = options.dataDir ? await releaseInFlight(server, endpoint, options.region) : 0;
    return { endpoint, released, stop: () => server.stop() };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

async function releaseInFlight(server: FauxqsServer, endpoint: string, region: string): Promise<number> {
  const sqs = new SQSClient({ endpoint, region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    const { QueueUrls = [] } = await sqs.send(new ListQueuesCommand({ MaxResults: 1000 }));
    let released = 0;
    for (const url of QueueUrls) {
      const inflight = server.inspectQueue(url.split('/').pop()!)?.messages.inflight ?? [];
      for (let start = 0; start < inflight.length; start += 10) {
        const batch = inflight.slice(start, start + 10);
        await sqs.send(
          new ChangeMessageVisibilityBatchCommand({
            QueueUrl: url,
            Entries: batch.map(({ receiptHandle }, index) => ({ Id: String(index), ReceiptHandle: receiptHandle, VisibilityTimeout: 0 })),
          }),
        );
        released += batch.length;
      }
    }
    return released;
  } finally {
    sqs.destroy();
  }
}
