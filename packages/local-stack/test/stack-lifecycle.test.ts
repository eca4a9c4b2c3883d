import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import { assertPortFree, LOOPBACK } from '../src/net/ports.js';
import { startLocalStack } from '../src/stack.js';
import { isAlive } from './processes.js';
import { testCatalog, testStackConfig } from './stack-fixture.js';

const dataDir = mkdtempSync(join(tmpdir(), 'ndf-lifecycle-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('starting and stopping the local stack', () => {
  it('keeps tables and receipts on disk across a restart, and leaves no process and no open port when stopped', async () => {
    const config = await testStackConfig(dataDir);
    const first = await startLocalStack(config, { catalog: testCatalog });
    await first.clients.dynamodb.send(
      new PutItemCommand({ TableName: 'test-notes', Item: { pk: { S: 'TENANT#acme' }, sk: { S: 'NOTE#kept' } } }),
    );
    await first.clients.s3.send(new PutObjectCommand({ Bucket: 'test-receipts', Key: 'tenants/acme/kept.jpg', Body: 'original bytes' }));
    const pids = first.childPids;
    await first.stop();

    expect(pids.filter(isAlive)).toEqual([]);
    for (const port of Object.values(config.ports)) await expect(assertPortFree(port, 'test')).resolves.toBeUndefined();

    const second = await startLocalStack(config, { catalog: testCatalog });
    try {
      // Tables, buckets and their notifications are on disk and unchanged; the SQS emulator
      // keeps queues in memory, so only they are created again.
      const { createdResources, updatedResources, unchangedResources } = second.provisioned.log;
      expect(updatedResources).toEqual([]);
      expect(createdResources.every((resource) => resource.startsWith('queue '))).toBe(true);
      expect(unchangedResources).toEqual(
        expect.arrayContaining(['table test-notes', 'bucket test-receipts', 'notifications of test-receipts']),
      );
      const item = await second.clients.dynamodb.send(
        new GetItemCommand({ TableName: 'test-notes', Key: { pk: { S: 'TENANT#acme' }, sk: { S: 'NOTE#kept' } } }),
      );
      expect(item.Item?.sk?.S).toBe('NOTE#kept');
      const object = await second.clients.s3.send(new GetObjectCommand({ Bucket: 'test-receipts', Key: 'tenants/acme/kept.jpg' }));
      expect(await object.Body!.transformToString()).toBe('original bytes');
    } finally {
      await second.stop();
    }
  });

  it('restarts DynamoDB Local on the same port with its tables, as a crash and restart would, and stops the new process with the stack', async () => {
    const config = await testStackConfig(join(dataDir, 'restart'));
    const stack = await startLocalStack(config, { catalog: testCatalog });
    const before = stack.childPids[0]!;
    try {
      await stack.clients.dynamodb.send(
        new PutItemCommand({ TableName: 'test-notes', Item: { pk: { S: 'TENANT#acme' }, sk: { S: 'NOTE#survives' } } }),
      );
      await stack.restartDynamoDb(200);
      expect(isAlive(before)).toBe(false);
      expect(stack.childPids[0]).not.toBe(before);
      const item = await stack.clients.dynamodb.send(
        new GetItemCommand({ TableName: 'test-notes', Key: { pk: { S: 'TENANT#acme' }, sk: { S: 'NOTE#survives' } } }),
      );
      expect(item.Item?.sk?.S).toBe('NOTE#survives');
    } finally {
      await stack.stop();
    }
    expect(stack.childPids.filter(isAlive)).toEqual([]);
  });

  it('says which port is taken, by what, and how to choose another', async () => {
    const config = await testStackConfig();
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(config.ports.sqs, LOOPBACK, resolve));
    try {
      await expect(startLocalStack(config, { catalog: testCatalog })).rejects.toThrow(
        `Port ${config.ports.sqs} on 127.0.0.1, wanted by the SQS emulator, is already in use.`,
      );
      await expect(startLocalStack(config, { catalog: testCatalog })).rejects.toThrow('NDF_PORT_SQS=<port>');
    } finally {
      squatter.close();
    }
  });

  it('says what to install when Java is missing', async () => {
    const config = await testStackConfig();
    const emptyBin = join(dataDir, 'empty-bin');
    mkdirSync(emptyBin, { recursive: true });
    const savedPath = process.env.PATH;
    process.env.PATH = emptyBin;
    try {
      await expect(startLocalStack(config, { catalog: testCatalog })).rejects.toThrow(/Java was not found.*Install a Java 17\+ JDK/);
    } finally {
      process.env.PATH = savedPath;
    }
  });
});
