import { PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { catalog, findRouter, streamSubscriptions, tableName, type ServiceEntry } from '@ndf/catalog';
import type { ChangeMessage } from '@ndf/contracts';
import { waitUntil } from '@ndf/local-stack';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { CORRELATION_ATTRIBUTE, startService } from '@ndf/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routerService } from '../src/service.js';

const PREFIX = 'router-';
const subscriber = (name: string, consumes: ServiceEntry['consumes']): ServiceEntry => ({
  name,
  description: 'a subscriber of this test only',
  critical: false,
  consumes,
  emits: [],
  limits: { deadlineMs: 2_000, concurrency: 4, maxAttempts: 3 },
  alarms: { maxMessageAgeSeconds: 60, quarantinedMessages: 1, heartbeatMissingSeconds: 30 },
});
const testCatalog = {
  ...catalog,
  services: [
    subscriber('new-notes', { kind: 'stream', table: 'notes', itemTypes: ['NOTE'], events: ['INSERT'] }),
    subscriber('uploads', { kind: 'stream', table: 'notes', itemTypes: ['RECEIPT'], events: ['MODIFY'], where: { status: ['uploaded'] } }),
  ],
};
let stack: SharedStack;

beforeAll(async () => {
  stack = await useSharedStack(PREFIX, testCatalog);
});
afterAll(async () => {
  await stack?.stop();
});

async function drain(service: string): Promise<{ change: ChangeMessage; correlationId: string | undefined }[]> {
  const { Messages = [] } = await stack.clients.sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: stack.provisioned.queues.get(service)!.queue.url,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: 0,
      MessageAttributeNames: ['All'],
    }),
  );
  return Messages.map((message) => ({
    change: JSON.parse(message.Body!) as ChangeMessage,
    correlationId: message.MessageAttributes?.[CORRELATION_ATTRIBUTE]?.StringValue,
  }));
}

describe('the stream router', () => {
  it('sends each change of the notes table to the queues subscribed to it, with the correlation id, and nothing elsewhere', async () => {
    const stop = new AbortController();
    const running = await startService(routerService(findRouter(testCatalog, 'stream-router'), streamSubscriptions(testCatalog, 'notes')), {
      env: { ...stack.environment(), LOG_LEVEL: 'silent' },
      signal: stop.signal,
    });
    try {
      const table = tableName(PREFIX, 'notes');
      const put = (pk: string, sk: string, type: string, extra: Record<string, { S: string }> = {}) =>
        stack.clients.dynamodb.send(
          new PutItemCommand({ TableName: table, Item: { pk: { S: pk }, sk: { S: sk }, type: { S: type }, ...extra } }),
        );
      await put('T#acme#N#1', 'NOTE', 'NOTE', { correlationId: { S: 'req-note-1' } });
      await put('T#acme#N#1', 'RCPT#r1', 'RECEIPT', { status: { S: 'awaiting-upload' } });
      await stack.clients.dynamodb.send(
        new UpdateItemCommand({
          TableName: table,
          Key: { pk: { S: 'T#acme#N#1' }, sk: { S: 'RCPT#r1' } },
          UpdateExpression: 'SET #s = :s',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':s': { S: 'uploaded' } },
        }),
      );
      await stack.clients.dynamodb.send(
        new UpdateItemCommand({
          TableName: table,
          Key: { pk: { S: 'T#acme#N#1' }, sk: { S: 'RCPT#r1' } },
          UpdateExpression: 'SET #s = :s',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':s': { S: 'sniffed' } },
        }),
      );

      const newNotes: Awaited<ReturnType<typeof drain>> = [];
      const uploads: Awaited<ReturnType<typeof drain>> = [];
      await waitUntil('the note and the upload routed', async () => {
        newNotes.push(...(await drain('new-notes')));
        uploads.push(...(await drain('uploads')));
        return newNotes.length >= 1 && uploads.length >= 1;
      });
      // Whatever else would have come has had the time to.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      newNotes.push(...(await drain('new-notes')));
      uploads.push(...(await drain('uploads')));

      expect(newNotes.map(({ change, correlationId }) => [change.eventName, change.keys.sk, correlationId])).toEqual([
        ['INSERT', 'NOTE', 'req-note-1'],
      ]);
      expect(newNotes[0]!.change.newImage).toMatchObject({ type: 'NOTE', correlationId: 'req-note-1' });
      expect(uploads.map(({ change }) => [change.eventName, change.newImage?.status, change.oldImage?.status])).toEqual([
        ['MODIFY', 'uploaded', 'awaiting-upload'],
      ]);
      const metrics = (await (await fetch(`${running.metricsUrl}/metrics`)).json()) as { counters: Record<string, number> };
      expect(metrics.counters.stream_handled).toBeGreaterThanOrEqual(4);
    } finally {
      stop.abort();
      await running.stopped;
    }
  }, 60_000);
});
