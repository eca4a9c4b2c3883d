import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { MonitorReadModel } from '@ndf/alerting';
import { catalog, queueName, tableName } from '@ndf/catalog';
import { receiptKey, tenantScope, type ChangeMessage } from '@ndf/contracts';
import { service as formatSniffer } from '@ndf/format-sniffer/service';
import { stackTokenChecks, waitUntil } from '@ndf/local-stack';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { startPlatformConsole, type OpsConsole } from '@ndf/ops-console';
import { generateFixture } from '@ndf/receipt-fixtures';
import { platformQuarantine } from '@ndf/runtime';
import { startServiceUnderTest, storeUploadedReceipt, type ServiceUnderTest } from '@ndf/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// An operator's replay through the ops console's API hands the quarantined message back to the
// real service, which moves the receipt on: the walk from a quarantine alert to a receipt read.
// The console's monitor side is not read here, so it is given an empty read model.

const PREFIX = 'console-replay-';
const scope = tenantScope({ tenant: 'acme', user: 'alice', roles: ['employee'] });
const NO_MONITOR: MonitorReadModel = {
  status: () => ({ at: Date.now(), components: [], edges: [] }),
  alerts: () => ({ open: [], recent: [] }),
  series: (component) => ({ component, periodSeconds: 10, points: [] }),
  logs: () => [],
  errors: () => [],
};
let stack: SharedStack;
let sniffer: ServiceUnderTest;
let opsConsole: OpsConsole;

beforeAll(async () => {
  stack = await useSharedStack(PREFIX, catalog);
  sniffer = await startServiceUnderTest(formatSniffer, stack);
  opsConsole = await startPlatformConsole({
    monitor: NO_MONITOR,
    clients: stack.clients,
    prefix: PREFIX,
    tokens: stackTokenChecks(stack),
    env: {},
    port: 0,
  });
});
afterAll(async () => {
  await opsConsole?.stop();
  await sniffer?.stop();
  await stack?.stop();
});

/** A PNG receipt as receipt-intake leaves it (uploaded, its bytes stored), and the change the stream router sent the sniffer for it. */
async function uploadedReceipt(receiptId: string): Promise<ChangeMessage> {
  const png = await generateFixture(21, 1, 'png');
  const bytes = await readFile(png.path);
  return storeUploadedReceipt(stack, PREFIX, { scope, receiptId, fileName: 'ticket.png', declaredContentType: 'image/png', body: bytes });
}

describe('a replay from the ops console', () => {
  it('hands the message back to the service, which reads the receipt it had given up on', async () => {
    const receiptId = randomUUID();
    const change = await uploadedReceipt(receiptId);
    // What the sniffer's consumer left after its S3 reads timed out on every attempt.
    await platformQuarantine(stack.clients, PREFIX).quarantine({
      service: 'format-sniffer',
      source: { kind: 'sqs', queueName: queueName(PREFIX, 'format-sniffer') },
      payload: JSON.stringify(change),
      attributes: {},
      reason: 'exhausted 5 attempts',
      failures: [{ attempt: 5, at: new Date().toISOString(), durationMs: 10_000, errorName: 'TimeoutError', message: 'S3 read timed out' }],
      firstReceivedAt: new Date().toISOString(),
      lastReceivedAt: new Date().toISOString(),
      originalId: receiptId,
    });

    const token = await stack.issuer.mint({ tenant: 'ndf-operators', user: 'dana', email: 'dana@ops.example', roles: ['operator'] });
    const listed = await fetch(`${opsConsole.url}/api/quarantine?service=format-sniffer&tenant=acme`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(((await listed.json()) as { items: { id: string }[] }).items.map((item) => item.id)).toContain(receiptId);
    const replay = await fetch(`${opsConsole.url}/api/quarantine/format-sniffer/${receiptId}/replay`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'S3 is back' }),
    });
    expect(replay.status).toBe(200);

    let receipt: Record<string, unknown> = {};
    await waitUntil(
      'the sniffer to read the replayed receipt',
      async () => {
        const { Item } = await stack.clients.dynamodb.send(
          new GetItemCommand({ TableName: tableName(PREFIX, 'notes'), Key: marshall(receiptKey(scope, receiptId)), ConsistentRead: true }),
        );
        receipt = Item ? unmarshall(Item) : {};
        return receipt.status !== 'uploaded';
      },
      20_000,
      200,
    );
    expect(receipt).toMatchObject({ status: 'reading', detectedType: 'image/png' });
    expect(await platformQuarantine(stack.clients, PREFIX).show('format-sniffer', receiptId)).toMatchObject({
      status: 'replayed',
      audit: [{ action: 'replay', actor: 'dana@ops.example', reason: 'S3 is back' }],
    });
  });
});
