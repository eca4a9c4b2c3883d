import { once } from 'node:events';
import { createServer, request, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { setTimeout } from 'node:timers/promises';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetBucketNotificationConfigurationCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutBucketNotificationConfigurationCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { buildApp } from 'fauxqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, LOOPBACK } from '../src/net/ports.js';
import { waitUntil } from '../src/net/wait-until.js';
import { startS3BackendProcess as startS3Backend, type RunningS3Backend as S3Backend } from '../src/emulators/s3-backend-process.js';
import { startS3Edge, type S3Edge, type S3EventMessage } from '../src/s3/index.js';

const REGION = 'eu-west-3';
const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
const secretOf = (accessKeyId: string) => (accessKeyId === CREDENTIALS.accessKeyId ? CREDENTIALS.secretAccessKey : undefined);

interface Fauxqs {
  close(): Promise<void>;
}

async function startFauxqs(port: number): Promise<Fauxqs> {
  const app = buildApp({ logger: false, defaultRegion: REGION });
  await app.listen({ port, host: LOOPBACK });
  return { close: () => app.close() };
}

function sqsClient(port: number): SQSClient {
  return new SQSClient({ region: REGION, endpoint: `http://${LOOPBACK}:${port}`, credentials: CREDENTIALS, maxAttempts: 1 });
}

async function createQueue(sqs: SQSClient, name: string): Promise<{ queueUrl: string; queueArn: string }> {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  return { queueUrl: QueueUrl ?? '', queueArn: Attributes?.QueueArn ?? '' };
}

/** Every message now on the queue, parsed (each is deleted from view by its visibility timeout). */
async function receiveAll(sqs: SQSClient, queueUrl: string): Promise<unknown[]> {
  const bodies: unknown[] = [];
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, VisibilityTimeout: 300 }),
    );
    if (Messages.length === 0) return bodies;
    bodies.push(...Messages.map((message) => JSON.parse(message.Body ?? 'null') as unknown));
  }
}

function objectEvents(messages: unknown[]): S3EventMessage[] {
  return messages.filter((message): message is S3EventMessage => typeof message === 'object' && message !== null && 'Records' in message);
}

interface QueueTarget {
  readonly id: string;
  readonly queueArn: string;
  readonly prefix?: string;
  readonly suffix?: string;
  readonly events?: string[];
}

/** Configures the bucket's notifications through the S3 API, as provisioning does. */
async function configureNotifications(s3: S3Client, bucket: string, targets: QueueTarget[]): Promise<void> {
  await s3.send(
    new PutBucketNotificationConfigurationCommand({
      Bucket: bucket,
      NotificationConfiguration: {
        QueueConfigurations: targets.map((target) => ({
          Id: target.id,
          QueueArn: target.queueArn,
          Events: (target.events ?? ['s3:ObjectCreated:*']) as never,
          Filter: {
            Key: {
              FilterRules: [
                ...(target.prefix !== undefined ? [{ Name: 'prefix' as const, Value: target.prefix }] : []),
                ...(target.suffix !== undefined ? [{ Name: 'suffix' as const, Value: target.suffix }] : []),
              ],
            },
          },
        })),
      },
    }),
  );
}

function s3Client(endpoint: string): S3Client {
  return new S3Client({ region: REGION, endpoint, forcePathStyle: true, credentials: CREDENTIALS });
}

async function statusOf(promise: Promise<unknown>): Promise<number | undefined> {
  try {
    await promise;
    return 200;
  } catch (error) {
    return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  }
}

async function postForm(url: string, fields: Record<string, string>, file: Buffer, filename: string): Promise<Response> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([file], { type: 'application/octet-stream' }), filename);
  return fetch(url, { method: 'POST', body: form });
}

function xmlElement(xml: string, name: string): string | undefined {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
}

/** An edge whose log lines (failed deliveries, writes made again) the test reads. */
async function startLoggingEdge(backendEndpoint: string, sqsPort: number, logged: string[]): Promise<S3Edge> {
  return startS3Edge({
    port: await freePort(),
    backendEndpoint,
    region: REGION,
    credentials: secretOf,
    sqs: sqsClient(sqsPort),
    log: (message) => logged.push(message),
  });
}

describe('S3 edge in front of s3rver, notifying fauxqs', () => {
  let directory: string;
  let backend: S3Backend;
  let backendPort: number;
  let fauxqs: Fauxqs;
  let sqs: SQSClient;
  let edge: S3Edge;
  let s3: S3Client;
  let bucketCount = 0;

  /** A fresh bucket notifying a fresh queue (the test event already taken off it). */
  async function bucketWithQueue(filters: { prefix?: string; suffix?: string } = {}) {
    bucketCount += 1;
    const bucket = `edge-test-${bucketCount}`;
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    const queue = await createQueue(sqs, `${bucket}-events`);
    await configureNotifications(s3, bucket, [{ id: `${bucket}-created`, queueArn: queue.queueArn, ...filters }]);
    await edge.flush();
    const testEvents = await receiveAll(sqs, queue.queueUrl);
    expect(testEvents).toEqual([expect.objectContaining({ Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: bucket })]);
    return { bucket, queue };
  }

  async function eventsOn(queueUrl: string): Promise<S3EventMessage[]> {
    await edge.flush();
    return objectEvents(await receiveAll(sqs, queueUrl));
  }

  async function exists(bucket: string, key: string): Promise<boolean> {
    const status = await statusOf(s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key })));
    if (status !== 200 && status !== 404) throw new Error(`HeadObject answered ${status}`);
    return status === 200;
  }

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'ndf-s3-edge-test-'));
    backendPort = await freePort();
    backend = await startS3Backend({ port: backendPort, directory });
    const sqsPort = await freePort();
    fauxqs = await startFauxqs(sqsPort);
    sqs = sqsClient(sqsPort);
    edge = await startS3Edge({ port: await freePort(), backendEndpoint: backend.endpoint, region: REGION, credentials: secretOf, sqs });
    s3 = s3Client(edge.endpoint);
  });

  afterAll(async () => {
    await edge?.stop();
    await backend?.stop();
    await fauxqs?.close();
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  async function presign(bucket: string, key: string, options: { max?: number; expires?: number; fields?: Record<string, string> } = {}) {
    return createPresignedPost(s3, {
      Bucket: bucket,
      Key: key,
      Conditions: [['content-length-range', 1, options.max ?? 1024]],
      Fields: options.fields ?? {},
      Expires: options.expires ?? 300,
    });
  }

  it('stores a POST upload within its limits byte for byte, and announces it once', async () => {
    const { bucket, queue } = await bucketWithQueue();
    const { url, fields } = await presign(bucket, 'incoming/user-1/${filename}', {
      fields: { 'Content-Type': 'image/png', 'x-amz-meta-owner': 'user-1' },
    });
    const bytes = Buffer.from(Array.from({ length: 1000 }, (_, index) => index % 256));
    const response = await postForm(url, fields, bytes, 'note de frais.png');
    expect(response.status).toBe(204);
    expect(response.headers.get('location')).toBe(`${edge.endpoint}/${bucket}/incoming/user-1/note%20de%20frais.png`);

    const key = 'incoming/user-1/note de frais.png';
    const stored = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    expect(Buffer.from(await stored.Body!.transformToByteArray())).toEqual(bytes);
    expect(stored.ContentType).toBe('image/png');
    expect(stored.Metadata).toEqual({ owner: 'user-1' });

    const events = await eventsOn(queue.queueUrl);
    expect(events).toHaveLength(1);
    const record = events[0]?.Records[0];
    expect(record).toMatchObject({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: REGION,
      eventName: 'ObjectCreated:Post',
      userIdentity: { principalId: 'AWS:local' },
      requestParameters: { sourceIPAddress: '127.0.0.1' },
      s3: {
        s3SchemaVersion: '1.0',
        configurationId: `${bucket}-created`,
        bucket: { name: bucket, arn: `arn:aws:s3:::${bucket}` },
        object: { key: 'incoming/user-1/note+de+frais.png', size: 1000, eTag: stored.ETag?.replace(/"/g, '') },
      },
    });
    expect(record?.eventTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(record?.s3.object.sequencer).toMatch(/^[0-9A-F]+$/);
    expect(record?.responseElements['x-amz-request-id']).toMatch(/^[0-9A-F]{16}$/);
  });

  it('answers success_action_status 201 with the PostResponse document', async () => {
    const { bucket } = await bucketWithQueue();
    const { url, fields } = await presign(bucket, 'doc.txt', { fields: { success_action_status: '201' } });
    const response = await postForm(url, fields, Buffer.from('hello'), 'doc.txt');
    expect(response.status).toBe(201);
    const body = await response.text();
    expect(xmlElement(body, 'Bucket')).toBe(bucket);
    expect(xmlElement(body, 'Key')).toBe('doc.txt');
    expect(xmlElement(body, 'Location')).toBe(`${edge.endpoint}/${bucket}/doc.txt`);
    expect(xmlElement(body, 'ETag')).toMatch(/^&quot;[0-9a-f]{32}&quot;$/);
  });

  it('refuses a file over content-length-range with EntityTooLarge, stores nothing and announces nothing', async () => {
    const { bucket, queue } = await bucketWithQueue();
    const { url, fields } = await presign(bucket, 'too-big.bin', { max: 100 });
    const response = await postForm(url, fields, Buffer.alloc(64 * 1024, 7), 'too-big.bin');
    expect(response.status).toBe(400);
    const body = await response.text();
    expect(xmlElement(body, 'Code')).toBe('EntityTooLarge');
    expect(xmlElement(body, 'MaxSizeAllowed')).toBe('100');
    expect(xmlElement(body, 'ProposedSize')).toBe(String(64 * 1024));
    expect(await exists(bucket, 'too-big.bin')).toBe(false);
    expect(await eventsOn(queue.queueUrl)).toEqual([]);
  });

  it('refuses a file under content-length-range with EntityTooSmall', async () => {
    const { bucket } = await bucketWithQueue();
    const { url, fields } = await createPresignedPost(s3, {
      Bucket: bucket,
      Key: 'small.bin',
      Conditions: [['content-length-range', 10, 100]],
    });
    const response = await postForm(url, fields, Buffer.from('tiny'), 'small.bin');
    expect(response.status).toBe(400);
    expect(xmlElement(await response.text(), 'Code')).toBe('EntityTooSmall');
    expect(await exists(bucket, 'small.bin')).toBe(false);
  });

  it('refuses an expired policy with 403 and stores nothing', async () => {
    const { bucket, queue } = await bucketWithQueue();
    const { url, fields } = await presign(bucket, 'late.txt', { expires: -1 });
    const response = await postForm(url, fields, Buffer.from('late'), 'late.txt');
    expect(response.status).toBe(403);
    const body = await response.text();
    expect(xmlElement(body, 'Code')).toBe('AccessDenied');
    expect(xmlElement(body, 'Message')).toBe('Invalid according to Policy: Policy expired.');
    expect(await exists(bucket, 'late.txt')).toBe(false);
    expect(await eventsOn(queue.queueUrl)).toEqual([]);
  });

  it('refuses a tampered signature with 403 SignatureDoesNotMatch', async () => {
    const { bucket } = await bucketWithQueue();
    const { url, fields } = await presign(bucket, 'signed.txt');
    const signature = fields['X-Amz-Signature'] ?? '';
    const tampered = `${signature.slice(0, -1)}${signature.endsWith('a') ? 'b' : 'a'}`;
    const response = await postForm(url, { ...fields, 'X-Amz-Signature': tampered }, Buffer.from('x'), 'signed.txt');
    expect(response.status).toBe(403);
    expect(xmlElement(await response.text(), 'Code')).toBe('SignatureDoesNotMatch');
    expect(await exists(bucket, 'signed.txt')).toBe(false);
  });

  it('refuses a key outside the starts-with condition', async () => {
    const { bucket } = await bucketWithQueue();
    const { url, fields } = await presign(bucket, 'incoming/user-1/${filename}');
    const response = await postForm(url, { ...fields, key: 'incoming/user-2/${filename}' }, Buffer.from('x'), 'stolen.txt');
    expect(response.status).toBe(403);
    const body = await response.text();
    expect(xmlElement(body, 'Code')).toBe('AccessDenied');
    expect(xmlElement(body, 'Message')).toBe(
      'Invalid according to Policy: Policy Condition failed: [&quot;starts-with&quot;, &quot;$key&quot;, &quot;incoming/user-1/&quot;]',
    );
    expect(await exists(bucket, 'incoming/user-2/stolen.txt')).toBe(false);
  });

  it('refuses a field the policy does not cover', async () => {
    const { bucket } = await bucketWithQueue();
    const { url, fields } = await presign(bucket, 'extra.txt');
    const response = await postForm(url, { ...fields, 'x-amz-meta-owner': 'someone' }, Buffer.from('x'), 'extra.txt');
    expect(response.status).toBe(403);
    expect(xmlElement(await response.text(), 'Message')).toBe('Invalid according to Policy: Extra input fields: x-amz-meta-owner');
    expect(await exists(bucket, 'extra.txt')).toBe(false);
  });

  it('announces PutObject, including a streamed body sent aws-chunked', async () => {
    const { bucket, queue } = await bucketWithQueue();
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'put/a.txt', Body: 'hello put', ContentType: 'text/plain' }));
    const streamed = Buffer.from('streamed bytes, framed by the SDK');
    await s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: 'put/b.bin', Body: Readable.from([streamed]), ContentLength: streamed.length }),
    );
    const readBack = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'put/b.bin' }));
    expect(Buffer.from(await readBack.Body!.transformToByteArray())).toEqual(streamed);

    const records = (await eventsOn(queue.queueUrl)).map((event) => event.Records[0]);
    expect(records.map((record) => [record?.eventName, record?.s3.object.key, record?.s3.object.size])).toEqual([
      ['ObjectCreated:Put', 'put/a.txt', 9],
      ['ObjectCreated:Put', 'put/b.bin', streamed.length],
    ]);
  });

  it('announces CopyObject with the size of the copy', async () => {
    const { bucket, queue } = await bucketWithQueue();
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'source.txt', Body: 'copy me please' }));
    await s3.send(new CopyObjectCommand({ Bucket: bucket, Key: 'copies/target.txt', CopySource: `${bucket}/source.txt` }));
    const records = (await eventsOn(queue.queueUrl)).map((event) => event.Records[0]);
    expect(records.map((record) => [record?.eventName, record?.s3.object.key, record?.s3.object.size])).toEqual([
      ['ObjectCreated:Put', 'source.txt', 14],
      ['ObjectCreated:Copy', 'copies/target.txt', 14],
    ]);
  });

  it('announces a completed multipart upload, and not its parts', async () => {
    const { bucket, queue } = await bucketWithQueue();
    const key = 'multi/part.bin';
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
    const parts = [Buffer.alloc(300, 1), Buffer.alloc(200, 2)];
    const etags: string[] = [];
    for (const [index, body] of parts.entries()) {
      const { ETag } = await s3.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber: index + 1, Body: body }));
      etags.push(ETag ?? '');
    }
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: key,
        UploadId,
        MultipartUpload: { Parts: etags.map((ETag, index) => ({ ETag, PartNumber: index + 1 })) },
      }),
    );
    const stored = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    expect(Buffer.from(await stored.Body!.transformToByteArray())).toEqual(Buffer.concat(parts));

    const records = (await eventsOn(queue.queueUrl)).map((event) => event.Records[0]);
    expect(records.map((record) => [record?.eventName, record?.s3.object.key, record?.s3.object.size])).toEqual([
      ['ObjectCreated:CompleteMultipartUpload', key, 500],
    ]);
  });

  it('honours the prefix and suffix filters of each target', async () => {
    bucketCount += 1;
    const bucket = `edge-test-${bucketCount}`;
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    const pdfs = await createQueue(sqs, `${bucket}-pdfs`);
    const images = await createQueue(sqs, `${bucket}-images`);
    await configureNotifications(s3, bucket, [
      { id: 'pdfs', queueArn: pdfs.queueArn, prefix: 'incoming/', suffix: '.pdf' },
      { id: 'images', queueArn: images.queueArn, prefix: 'images/' },
    ]);
    for (const key of ['incoming/a.pdf', 'incoming/b.png', 'other/c.pdf', 'images/d.png']) {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: key }));
    }
    const keysOn = async (queueUrl: string) => {
      await edge.flush();
      const messages = await receiveAll(sqs, queueUrl);
      expect(messages.filter((message) => !('Records' in (message as object)))).toHaveLength(1);
      return objectEvents(messages).map((event) => [event.Records[0]?.s3.configurationId, event.Records[0]?.s3.object.key]);
    };
    expect(await keysOn(pdfs.queueUrl)).toEqual([['pdfs', 'incoming/a.pdf']]);
    expect(await keysOn(images.queueUrl)).toEqual([['images', 'images/d.png']]);
  });

  it('keeps the notification configuration set through the S3 API and sends only the selected event types', async () => {
    bucketCount += 1;
    const bucket = `edge-test-${bucketCount}`;
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    const uploads = await createQueue(sqs, `${bucket}-uploads`);
    await configureNotifications(s3, bucket, [
      { id: 'uploads', queueArn: uploads.queueArn, prefix: 'in/', events: ['s3:ObjectCreated:Post'] },
    ]);
    const read = await s3.send(new GetBucketNotificationConfigurationCommand({ Bucket: bucket }));
    expect(read.QueueConfigurations).toEqual([
      {
        Id: 'uploads',
        QueueArn: uploads.queueArn,
        Events: ['s3:ObjectCreated:Post'],
        Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'in/' }] } },
      },
    ]);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'in/put.txt', Body: 'put' }));
    const presigned = await createPresignedPost(s3, {
      Bucket: bucket,
      Key: 'in/posted.txt',
      Conditions: [['content-length-range', 1, 100]],
    });
    expect((await postForm(presigned.url, presigned.fields, Buffer.from('posted'), 'posted.txt')).status).toBe(204);
    await edge.flush();
    const messages = await receiveAll(sqs, uploads.queueUrl);
    expect(objectEvents(messages).map((event) => [event.Records[0]?.eventName, event.Records[0]?.s3.object.key])).toEqual([
      ['ObjectCreated:Post', 'in/posted.txt'],
    ]);
  });

  it('refuses a notification configuration for a missing bucket or with a malformed body', async () => {
    expect(await statusOf(configureNotifications(s3, 'no-such-bucket', []))).toBe(404);
    const { bucket } = await bucketWithQueue();
    const response = await fetch(`${edge.endpoint}/${bucket}?notification`, {
      method: 'PUT',
      body: '<NotificationConfiguration><QueueConfiguration><Queue>not-an-arn',
    });
    expect(response.status).toBe(400);
  });

  it('passes failed writes, reads and deletes through without events', async () => {
    const { bucket, queue } = await bucketWithQueue();
    expect(await statusOf(s3.send(new PutObjectCommand({ Bucket: 'no-such-bucket', Key: 'a', Body: 'a' })))).toBe(404);
    expect(await statusOf(s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'missing' })))).toBe(404);
    const response = await fetch(`${edge.endpoint}/${bucket}?delete`, {
      method: 'POST',
      body: '<Delete><Object><Key>a</Key></Object></Delete>',
    });
    expect(response.status).toBe(200);
    expect(await eventsOn(queue.queueUrl)).toEqual([]);
  });

  it('leaves no truncated object behind when a PUT is cut short', async () => {
    const { bucket, queue } = await bucketWithQueue();
    const socket = connect(Number(new URL(edge.endpoint).port), LOOPBACK);
    await once(socket, 'connect');
    socket.write(`PUT /${bucket}/cut.bin HTTP/1.1\r\nHost: ${LOOPBACK}\r\nContent-Length: 1000000\r\n\r\n`);
    socket.write(Buffer.alloc(100_000, 1));
    await setTimeout(100);
    socket.destroy();
    await waitUntil('the partial object to be gone', async () => !(await exists(bucket, 'cut.bin')));
    expect(await eventsOn(queue.queueUrl)).toEqual([]);
  });

  it('versions a versioned bucket: each POST or PUT gets a version id, announced, and a read by version finds its bytes', async () => {
    const { bucket, queue } = await bucketWithQueue();
    await s3.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket: bucket }))).Status).toBe('Enabled');
    const key = 'tenants/acme/receipt.jpg';
    const { url, fields } = await presign(bucket, key);
    const first = Buffer.from('the first upload');
    const posted = await postForm(url, fields, first, 'a.jpg');
    expect(posted.status).toBe(204);
    const firstVersion = posted.headers.get('x-amz-version-id');
    expect(firstVersion).toMatch(/^[A-Za-z0-9_-]{32}$/);
    // The same presigned POST used again, then a PUT: two more versions of the key.
    expect((await postForm(url, fields, Buffer.from('a second upload, later'), 'b.jpg')).status).toBe(204);
    const put = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'a third, by PUT' }));
    expect(put.VersionId).toMatch(/^[A-Za-z0-9_-]{32}$/);

    const events = await eventsOn(queue.queueUrl);
    const versions = events.map((event) => event.Records[0]!.s3.object.versionId);
    expect(versions).toHaveLength(3);
    expect(versions[0]).toBe(firstVersion);
    expect(versions[2]).toBe(put.VersionId);
    expect(new Set(versions).size).toBe(3);

    const read = async (versionId?: string) =>
      (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }))).Body!.transformToString();
    expect(await read(firstVersion!)).toBe('the first upload');
    expect(await read(versions[1])).toBe('a second upload, later');
    expect(await read()).toBe('a third, by PUT');
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key, VersionId: firstVersion! }));
    expect({ size: head.ContentLength, version: head.VersionId }).toEqual({ size: first.length, version: firstVersion });
    expect(await statusOf(s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'other-key', VersionId: firstVersion! })))).toBe(404);
  });

  it('versions a key with characters a URI keeps reserved (: ; @ = + $ , # and a space) as S3 does', async () => {
    const { bucket } = await bucketWithQueue();
    await s3.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    const key = 'audit/2026-03-02T19:00:00.000Z;a@b=c+d$e,f#g h.json';
    const put = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'reserved' }));
    expect(put.VersionId).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const read = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: put.VersionId }));
    expect(await read.Body!.transformToString()).toBe('reserved');
  });

  it('leaves an unversioned bucket without version ids', async () => {
    const { bucket, queue } = await bucketWithQueue();
    const put = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'a.txt', Body: 'a' }));
    expect(put.VersionId).toBeUndefined();
    const [event] = await eventsOn(queue.queueUrl);
    expect(event!.Records[0]!.s3.object).not.toHaveProperty('versionId');
  });

  it('keeps objects across a restart of s3rver on the same directory', async () => {
    const { bucket } = await bucketWithQueue();
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'durable.txt', Body: 'still here', ContentType: 'text/plain' }));
    await backend.stop();
    backend = await startS3Backend({ port: backendPort, directory });
    const stored = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'durable.txt' }));
    expect(await stored.Body!.transformToString()).toBe('still here');
    expect(stored.ContentType).toBe('text/plain');
  });
});

describe('S3 edge while SQS is down', () => {
  let directory: string;
  let backend: S3Backend;
  let sqsPort: number;
  let fauxqs: Fauxqs | undefined;
  let edge: S3Edge;
  const logged: string[] = [];

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'ndf-s3-edge-outage-'));
    backend = await startS3Backend({ port: await freePort(), directory });
    sqsPort = await freePort();
    fauxqs = await startFauxqs(sqsPort);
    edge = await startLoggingEdge(backend.endpoint, sqsPort, logged);
  });

  afterAll(async () => {
    await edge?.stop();
    await backend?.stop();
    await fauxqs?.close();
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  it('delivers the events once SQS is back', async () => {
    const sqs = sqsClient(sqsPort);
    const s3 = s3Client(edge.endpoint);
    await s3.send(new CreateBucketCommand({ Bucket: 'outage' }));
    const queue = await createQueue(sqs, 'outage-events');
    await configureNotifications(s3, 'outage', [{ id: 'outage-created', queueArn: queue.queueArn }]);
    await edge.flush();

    await fauxqs?.close();
    fauxqs = undefined;
    await s3.send(new PutObjectCommand({ Bucket: 'outage', Key: 'while-down.txt', Body: 'queued in memory' }));
    await waitUntil('a failed delivery to be logged', async () => logged.some((line) => line.includes('retrying')));

    // fauxqs keeps its queues in memory: the queue comes back under the same URL.
    fauxqs = await startFauxqs(sqsPort);
    expect(await createQueue(sqs, 'outage-events')).toEqual(queue);
    await edge.flush();
    const events = objectEvents(await receiveAll(sqs, queue.queueUrl));
    expect(events.map((event) => [event.Records[0]?.eventName, event.Records[0]?.s3.object.key])).toEqual([
      ['ObjectCreated:Put', 'while-down.txt'],
    ]);
  });
});

describe('S3 edge notification configurations on disk', () => {
  it('survive a restart of the edge', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'ndf-s3-edge-state-'));
    const backend = await startS3Backend({ port: await freePort(), directory: join(directory, 's3') });
    const sqsPort = await freePort();
    const fauxqs = await startFauxqs(sqsPort);
    const sqs = sqsClient(sqsPort);
    const start = async () =>
      startS3Edge({
        port: await freePort(),
        backendEndpoint: backend.endpoint,
        region: REGION,
        credentials: secretOf,
        sqs,
        stateDirectory: join(directory, 'edge'),
      });
    try {
      const first = await start();
      await s3Client(first.endpoint).send(new CreateBucketCommand({ Bucket: 'kept' }));
      const queue = await createQueue(sqs, 'kept-events');
      await configureNotifications(s3Client(first.endpoint), 'kept', [{ id: 'kept', queueArn: queue.queueArn }]);
      await first.stop();

      const second = await start();
      const read = await s3Client(second.endpoint).send(new GetBucketNotificationConfigurationCommand({ Bucket: 'kept' }));
      expect(read.QueueConfigurations?.map((configuration) => configuration.QueueArn)).toEqual([queue.queueArn]);
      await s3Client(second.endpoint).send(new PutObjectCommand({ Bucket: 'kept', Key: 'after-restart.txt', Body: 'x' }));
      await second.flush();
      const keys = objectEvents(await receiveAll(sqs, queue.queueUrl)).map((event) => event.Records[0]?.s3.object.key);
      expect(keys).toEqual(['after-restart.txt']);
      await second.stop();
    } finally {
      await backend.stop();
      await fauxqs.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe('S3 edge in front of an emulator that fails a write', () => {
  let directory: string;
  let backend: S3Backend;
  let flaky: Server;
  let fauxqs: Fauxqs;
  let edge: S3Edge;
  const logged: string[] = [];
  const failedOnce = new Set<string>();

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'ndf-s3-edge-flaky-'));
    backend = await startS3Backend({ port: await freePort(), directory });
    // In front of s3rver: the first PUT of each object answers 500, as s3rver rarely does under load.
    const target = new URL(backend.endpoint);
    flaky = createServer((req, res) => {
      if (req.method === 'PUT' && /^\/[^/]+\/[^/]+$/.test(req.url ?? '') && !failedOnce.has(req.url ?? '')) {
        failedOnce.add(req.url ?? '');
        req.resume();
        res.writeHead(500, { 'content-type': 'application/xml' }).end('<Error><Code>InternalError</Code></Error>');
        return;
      }
      const forwarded = request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      req.pipe(forwarded);
    });
    const flakyPort = await freePort();
    flaky.listen(flakyPort, LOOPBACK);
    await once(flaky, 'listening');
    const sqsPort = await freePort();
    fauxqs = await startFauxqs(sqsPort);
    edge = await startLoggingEdge(`http://${LOOPBACK}:${flakyPort}`, sqsPort, logged);
  });

  afterAll(async () => {
    await edge?.stop();
    flaky?.close();
    await backend?.stop();
    await fauxqs?.close();
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  it('writes a POST upload again rather than answer the client 500, and stores it once', async () => {
    const s3 = s3Client(edge.endpoint);
    await s3.send(new CreateBucketCommand({ Bucket: 'flaky' }));
    const { url, fields } = await createPresignedPost(s3, {
      Bucket: 'flaky',
      Key: 'receipt.bin',
      Conditions: [['content-length-range', 1, 100]],
    });
    const bytes = Buffer.from('a receipt, in bytes');
    const response = await postForm(url, fields, bytes, 'receipt.bin');
    expect(response.status).toBe(204);
    expect(failedOnce).toEqual(new Set(['/flaky/receipt.bin']));
    const stored = await s3.send(new GetObjectCommand({ Bucket: 'flaky', Key: 'receipt.bin' }));
    expect(Buffer.from(await stored.Body!.transformToByteArray())).toEqual(bytes);
    expect(logged.some((line) => line.includes('answered 500 to storing flaky/receipt.bin') && line.includes('writing it again'))).toBe(
      true,
    );
  });
});
