import { GetItemCommand, PutItemCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { ChangeMessageVisibilityCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provision } from '../src/provision/provision.js';
import { startLocalStack, type LocalStack } from '../src/stack.js';
import { testCatalog, testStackConfig } from './stack-fixture.js';

let stack: LocalStack;
const queueUrl = (service: string) => stack.provisioned.queues.get(service)!.queue.url;
const deadLetterQueueUrl = (service: string) => stack.provisioned.queues.get(service)!.deadLetterQueue.url;

/** The next message, past the s3:TestEvent that S3 sends when notifications are configured. */
async function receiveOne(url: string, waitSeconds = 5) {
  for (;;) {
    const { Messages } = await stack.clients.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        WaitTimeSeconds: waitSeconds,
        MaxNumberOfMessages: 1,
        MessageSystemAttributeNames: ['ApproximateReceiveCount'],
      }),
    );
    const message = Messages?.[0];
    if (!message?.Body?.includes('"Event":"s3:TestEvent"')) return message;
  }
}

beforeAll(async () => {
  stack = await startLocalStack(await testStackConfig(), { catalog: testCatalog });
});
afterAll(async () => {
  await stack?.stop();
});

describe('the local stack, through the AWS SDK v3', () => {
  it('provisions every table, queue with its DLQ, and bucket from the catalog, and a second run changes nothing', async () => {
    expect(stack.provisioned.log.createdResources).toEqual(
      expect.arrayContaining([
        'table test-notes',
        'table test-runtime',
        'queue test-probe-receipts',
        'queue test-probe-receipts-dlq',
        'bucket test-receipts',
      ]),
    );
    const again = await provision(testCatalog, stack.clients, 'test-');
    expect(again.log.createdResources).toEqual([]);
    expect(again.log.updatedResources).toEqual([]);
    expect(again.log.changed).toBe(false);
  });

  it('writes and reads DynamoDB, and the write shows up on the table stream with both images', async () => {
    const item = { pk: { S: 'TENANT#acme' }, sk: { S: 'NOTE#1' }, type: { S: 'NOTE' }, amount: { S: '42.50' } };
    await stack.clients.dynamodb.send(new PutItemCommand({ TableName: 'test-notes', Item: item }));
    const read = await stack.clients.dynamodb.send(
      new GetItemCommand({ TableName: 'test-notes', Key: { pk: item.pk, sk: item.sk }, ConsistentRead: true }),
    );
    expect(read.Item).toEqual(item);

    const table = await stack.clients.dynamodb.send(new DescribeTableCommand({ TableName: 'test-notes' }));
    expect(table.Table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
    const stream = await stack.clients.dynamodbStreams.send(new DescribeStreamCommand({ StreamArn: table.Table!.LatestStreamArn! }));
    const shardId = stream.StreamDescription!.Shards![0]!.ShardId!;
    const { ShardIterator } = await stack.clients.dynamodbStreams.send(
      new GetShardIteratorCommand({ StreamArn: table.Table!.LatestStreamArn!, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    const { Records } = await stack.clients.dynamodbStreams.send(new GetRecordsCommand({ ShardIterator }));
    expect(Records?.map((record) => [record.eventName, record.dynamodb?.NewImage?.amount?.S])).toContainEqual(['INSERT', '42.50']);
  });

  it('moves a message received maxReceiveCount times without deletion to its DLQ', async () => {
    const url = queueUrl('probe-notes');
    await stack.clients.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: JSON.stringify({ poison: true }) }));
    for (let attempt = 1; attempt <= 2; attempt += 1) {
      const message = await receiveOne(url);
      expect(message?.Attributes?.ApproximateReceiveCount).toBe(String(attempt));
      await stack.clients.sqs.send(
        new ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: message!.ReceiptHandle!, VisibilityTimeout: 0 }),
      );
    }
    expect(await receiveOne(url, 1)).toBeUndefined();
    const deadLetter = await receiveOne(deadLetterQueueUrl('probe-notes'));
    expect(deadLetter?.Body).toBe(JSON.stringify({ poison: true }));
  });

  it('puts and gets S3 objects, and an object put produces its notification on the subscribed queues only', async () => {
    const body = Buffer.from('%PDF-1.7 not really');
    await stack.clients.s3.send(
      new PutObjectCommand({ Bucket: 'test-receipts', Key: 'tenants/acme/receipts/r1.pdf', Body: body, ContentType: 'application/pdf' }),
    );
    const object = await stack.clients.s3.send(new GetObjectCommand({ Bucket: 'test-receipts', Key: 'tenants/acme/receipts/r1.pdf' }));
    expect(Buffer.from(await object.Body!.transformToByteArray())).toEqual(body);

    for (const service of ['probe-receipts', 'probe-pdf']) {
      const message = await receiveOne(queueUrl(service));
      const record = JSON.parse(message!.Body!).Records[0];
      expect(record).toMatchObject({
        eventSource: 'aws:s3',
        eventName: 'ObjectCreated:Put',
        s3: { bucket: { name: 'test-receipts' }, object: { key: 'tenants/acme/receipts/r1.pdf', size: body.length } },
      });
    }
    await stack.clients.s3.send(new PutObjectCommand({ Bucket: 'test-receipts', Key: 'tenants/acme/receipts/r2.jpg', Body: body }));
    expect(JSON.parse((await receiveOne(queueUrl('probe-receipts')))!.Body!).Records[0].s3.object.key).toBe('tenants/acme/receipts/r2.jpg');
    expect(await receiveOne(queueUrl('probe-pdf'), 1)).toBeUndefined();
  });

  it('refuses a presigned POST over its size limit or past its expiry, and stores nothing', async () => {
    const post = (key: string, expires: number) =>
      createPresignedPost(stack.clients.s3, {
        Bucket: 'test-receipts',
        Key: key,
        Conditions: [['content-length-range', 1, 1_000]],
        Expires: expires,
      });
    const upload = async (presigned: Awaited<ReturnType<typeof post>>, size: number) => {
      const form = new FormData();
      for (const [name, value] of Object.entries(presigned.fields)) form.append(name, value);
      form.append('file', new Blob([Buffer.alloc(size, 7)]), 'receipt.jpg');
      return fetch(presigned.url, { method: 'POST', body: form });
    };
    const exists = (key: string) =>
      stack.clients.s3.send(new HeadObjectCommand({ Bucket: 'test-receipts', Key: key })).then(
        () => true,
        () => false,
      );

    const tooBig = await upload(await post('tenants/acme/too-big.jpg', 60), 5_000);
    expect(tooBig.status).toBe(400);
    expect(await tooBig.text()).toContain('<Code>EntityTooLarge</Code>');
    expect(await exists('tenants/acme/too-big.jpg')).toBe(false);

    const expired = await post('tenants/acme/expired.jpg', 1);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const late = await upload(expired, 100);
    expect(late.status).toBe(403);
    expect(await late.text()).toContain('Policy expired');
    expect(await exists('tenants/acme/expired.jpg')).toBe(false);

    const fine = await upload(await post('tenants/acme/fine.jpg', 60), 100);
    expect(fine.status).toBe(204);
    expect(await exists('tenants/acme/fine.jpg')).toBe(true);
  });

  it('catches mail sent over SMTP and serves it over HTTP', async () => {
    const transport = createTransport({ host: stack.endpoints.smtp.host, port: stack.endpoints.smtp.port, secure: false, ignoreTLS: true });
    await transport.sendMail({
      from: 'noreply@ndf.test',
      to: 'alice@acme.test',
      subject: 'Your note was approved',
      text: 'Note 42 approved.',
    });
    transport.close();
    const messages = (await (await fetch(`${stack.endpoints.mail}/api/messages`)).json()) as { subject: string; text: string }[];
    expect(messages.find((message) => message.subject === 'Your note was approved')?.text).toContain('Note 42 approved.');
  });

  it('issues tokens that verify against its JWKS, and a tampered one does not', async () => {
    const token = await stack.issuer.mint({ tenant: 'acme', user: 'alice', roles: ['employee'] });
    const jwks = createRemoteJWKSet(new URL(stack.endpoints.jwks));
    const { payload } = await jwtVerify(token, jwks, { issuer: stack.endpoints.issuer, audience: stack.issuer.audience });
    expect(payload).toMatchObject({ sub: 'alice', 'custom:tenant': 'acme', 'cognito:groups': ['employee'] });

    const [header, body, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...payload, 'custom:tenant': 'globex' })).toString('base64url');
    await expect(jwtVerify(`${header}.${forged}.${signature}`, jwks, { issuer: stack.endpoints.issuer })).rejects.toThrow();
    expect(body).not.toBe(forged);
  });

  it('hands services the SDK endpoint variables of the stack', () => {
    expect(stack.environment()).toMatchObject({
      AWS_ENDPOINT_URL_DYNAMODB: stack.endpoints.dynamodb,
      AWS_ENDPOINT_URL_SQS: stack.endpoints.sqs,
      AWS_ENDPOINT_URL_S3: stack.endpoints.s3,
      NDF_PREFIX: 'test-',
    });
  });
});
