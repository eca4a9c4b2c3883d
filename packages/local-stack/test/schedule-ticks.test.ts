import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { catalog, queueName, serviceEntry } from '@ndf/catalog';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSqsEmulator, type RunningSqsEmulator } from '../src/emulators/sqs-emulator.js';
import { freePort } from '../src/net/ports.js';
import { startScheduleTicks } from '../src/platform/schedule-ticks.js';

const PREFIX = 'ticks-';
let emulator: RunningSqsEmulator;
let sqs: SQSClient;

beforeAll(async () => {
  emulator = await startSqsEmulator({ port: await freePort(), region: 'eu-west-3' });
  sqs = new SQSClient({
    endpoint: emulator.endpoint,
    region: 'eu-west-3',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
});
afterAll(async () => emulator?.stop());

describe('the ticks npm start sends to services fed by a schedule', () => {
  it("puts {kind: tick} on each such service's queue every period, and on no other", async () => {
    const scheduled = serviceEntry('reconciler');
    const other = serviceEntry('ocr');
    const queueOf = async (name: string) => (await sqs.send(new CreateQueueCommand({ QueueName: queueName(PREFIX, name) }))).QueueUrl!;
    const ticked = await queueOf(scheduled.name);
    const untouched = await queueOf(other.name);
    const ticks = startScheduleTicks(
      { ...catalog, services: [scheduled, other] },
      { sqs, prefix: PREFIX, env: { NDF_TICK_SECONDS: '0.2' }, log: () => undefined },
    );
    try {
      expect(ticks.schedules).toEqual(['reconciler every 0.2 s']);
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: ticked, MaxNumberOfMessages: 10, WaitTimeSeconds: 5 }),
      );
      expect(Messages.map((message) => JSON.parse(message.Body!) as unknown)).toContainEqual({ kind: 'tick' });
      const none = await sqs.send(new ReceiveMessageCommand({ QueueUrl: untouched, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
      expect(none.Messages ?? []).toEqual([]);
    } finally {
      ticks.stop();
    }
  });

  it('refuses a period that is not a positive number', () => {
    expect(() => startScheduleTicks(catalog, { sqs, prefix: PREFIX, env: { NDF_TICK_SECONDS: '0' }, log: () => undefined })).toThrow(
      'NDF_TICK_SECONDS=0 is not a positive number.',
    );
  });
});
