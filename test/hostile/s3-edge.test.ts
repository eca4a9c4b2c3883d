// Hostile inputs against the local S3 edge and the token issuer: each case with the answer it
// must get (an S3 error code, a refusal, or success), and none may leave a request hanging.
// The edge here stands in front of an S3 emulator of its own, whose folder sits alone in a
// temporary one, so that a file written outside it would be seen.
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, PutBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { SQSClient } from '@aws-sdk/client-sqs';
import { freePort, LOOPBACK } from '@ndf/local-stack';
import {
  startS3BackendProcess,
  startS3Edge,
  useSharedStack,
  type RunningS3Backend,
  type S3Edge,
  type SharedStack,
} from '@ndf/local-stack/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REGION = 'eu-west-3';
const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
const BUCKET = 'hostile-receipts';
const VERSIONED = 'hostile-versioned';
/** A name no legitimate file carries, looked for everywhere after the cases ran. */
const MARKER = `escape-${randomBytes(6).toString('hex')}`;

interface Answer {
  readonly status: number;
  readonly body: string;
  readonly code: string | undefined;
}

/** A request with its path sent exactly as written (fetch would resolve the dots itself). */
function rawRequest(base: string, method: string, path: string, headers: Record<string, string> = {}, body = ''): Promise<Answer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { hostname, port, method, path, headers: { 'content-length': Buffer.byteLength(body), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, body: text, code: /<Code>([^<]+)<\/Code>/.exec(text)?.[1] });
        });
        res.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** Every path under `root` whose name holds the marker. */
function markedFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((path) => path.includes(MARKER));
}

interface PathCase {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly expected: { readonly status: number; readonly code?: string };
}

const pathCases: PathCase[] = [
  { name: 'a plain key', method: 'PUT', path: `/${BUCKET}/tenants/t1/${MARKER}-fine.txt`, expected: { status: 200 } },
  { name: 'dot-dot segments', method: 'PUT', path: `/${BUCKET}/../../${MARKER}.txt`, expected: { status: 400, code: 'InvalidArgument' } },
  {
    name: 'percent-encoded dots',
    method: 'PUT',
    path: `/${BUCKET}/%2e%2e/%2E%2E/${MARKER}.txt`,
    expected: { status: 400, code: 'InvalidArgument' },
  },
  {
    name: 'encoded slashes',
    method: 'PUT',
    path: `/${BUCKET}/..%2f..%2f${MARKER}.txt`,
    expected: { status: 400, code: 'InvalidArgument' },
  },
  {
    name: 'dots encoded twice',
    method: 'PUT',
    path: `/${BUCKET}/%252e%252e/${MARKER}.txt`,
    expected: { status: 400, code: 'InvalidArgument' },
  },
  {
    name: 'backslashes',
    method: 'PUT',
    path: `/${BUCKET}/a%5c..%5c..%5c${MARKER}.txt`,
    expected: { status: 400, code: 'InvalidArgument' },
  },
  { name: 'an absolute key', method: 'PUT', path: `/${BUCKET}//tmp/${MARKER}.txt`, expected: { status: 400, code: 'InvalidArgument' } },
  { name: 'a drive letter', method: 'PUT', path: `/${BUCKET}/C:/${MARKER}.txt`, expected: { status: 400, code: 'InvalidArgument' } },
  { name: 'a NUL byte', method: 'PUT', path: `/${BUCKET}/${MARKER}%00.txt`, expected: { status: 400, code: 'InvalidArgument' } },
  { name: 'a dot-dot bucket', method: 'PUT', path: `/..%2f..%2f${MARKER}/x.txt`, expected: { status: 400, code: 'InvalidBucketName' } },
  {
    name: 'a dot-dot GET',
    method: 'GET',
    path: `/${BUCKET}/..%2f..%2f..%2fetc%2fpasswd`,
    expected: { status: 400, code: 'InvalidArgument' },
  },
  {
    name: 'a copy from outside the bucket',
    method: 'PUT',
    path: `/${BUCKET}/tenants/t1/${MARKER}-copy.txt`,
    headers: { 'x-amz-copy-source': `/${BUCKET}/../../../etc/passwd` },
    expected: { status: 400, code: 'InvalidArgument' },
  },
];

describe('the local S3 edge against hostile requests', () => {
  let root: string;
  let backend: RunningS3Backend;
  let edge: S3Edge;
  let sqs: SQSClient;
  let s3: S3Client;
  let shared: SharedStack;

  beforeAll(async () => {
    shared = await useSharedStack('hostile-s3-');
    root = mkdtempSync(join(tmpdir(), 'ndf-hostile-s3-'));
    backend = await startS3BackendProcess({ port: await freePort(), directory: join(root, 'data') });
    sqs = new SQSClient({ region: REGION, endpoint: shared.endpoints.sqs, credentials: CREDENTIALS });
    edge = await startS3Edge({
      port: await freePort(),
      backendEndpoint: backend.endpoint,
      region: REGION,
      credentials: (id) => (id === CREDENTIALS.accessKeyId ? CREDENTIALS.secretAccessKey : undefined),
      sqs,
      log: () => undefined,
    });
    s3 = new S3Client({ region: REGION, endpoint: edge.endpoint, credentials: CREDENTIALS, forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    await s3.send(new CreateBucketCommand({ Bucket: VERSIONED }));
  });

  afterAll(async () => {
    s3?.destroy();
    sqs?.destroy();
    await edge?.stop();
    await backend?.stop();
    await shared?.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it.each(pathCases)('$name: $method $path answers $expected.status $expected.code', async ({ method, path, headers, expected }) => {
    const answer = await rawRequest(edge.endpoint, method, path, headers, method === 'PUT' ? 'hostile bytes' : '');
    expect({ status: answer.status, code: answer.code }).toEqual({ status: expected.status, code: expected.code });
  });

  it.each([
    { name: 'a version id with dots', query: 'versionId=..', expected: { status: 400, code: 'InvalidArgument' } },
    { name: 'a version id with an encoded slash', query: 'versionId=..%2F..%2Fetc', expected: { status: 400, code: 'InvalidArgument' } },
    { name: 'the null version', query: 'versionId=null', expected: { status: 400, code: 'InvalidArgument' } },
    {
      name: 'a version that does not exist',
      query: 'versionId=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      expected: { status: 404, code: 'NoSuchKey' },
    },
  ])('a read by version, $name: answers $expected.status $expected.code', async ({ query, expected }) => {
    await s3.send(new PutBucketVersioningCommand({ Bucket: VERSIONED, VersioningConfiguration: { Status: 'Enabled' } }));
    await rawRequest(edge.endpoint, 'PUT', `/${VERSIONED}/tenants/t1/a.txt`, {}, 'bytes');
    const answer = await rawRequest(edge.endpoint, 'GET', `/${VERSIONED}/tenants/t1/a.txt?${query}`);
    expect({ status: answer.status, code: answer.code }).toEqual(expected);
  });

  async function postForm(key: string, filename: string, headers: Record<string, string> = {}): Promise<Answer> {
    const { url, fields } = await createPresignedPost(s3, { Bucket: BUCKET, Key: key, Expires: 300 });
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', new Blob(['hostile bytes']), filename);
    const response = await fetch(url, { method: 'POST', body: form, headers });
    const body = await response.text();
    return { status: response.status, body, code: /<Code>([^<]+)<\/Code>/.exec(body)?.[1] };
  }

  it.each([
    {
      name: 'a dot-dot key in the form',
      key: `../../${MARKER}-form.txt`,
      filename: 'a.txt',
      expected: { status: 400, code: 'InvalidArgument' },
    },
    {
      name: 'a file name with a path for ${filename} (its folders are dropped, as S3 does)',
      key: 'incoming/${filename}',
      filename: `../../${MARKER}-name.txt`,
      expected: { status: 204, code: undefined },
    },
  ])('POST upload, $name: answers $expected.status $expected.code', async ({ key, filename, expected }) => {
    const answer = await postForm(key, filename);
    expect({ status: answer.status, code: answer.code }).toEqual(expected);
  });

  it.each([
    { name: 'a form POST from a web page', origin: 'https://evil.example', host: undefined },
    { name: 'a form POST from a sandboxed page', origin: 'null', host: undefined },
    { name: 'a POST through a rebound DNS name', origin: undefined, host: 'evil.example' },
  ])('$name is refused with 403 AccessForbidden and stores nothing', async ({ origin, host }) => {
    const key = `tenants/t1/${MARKER}-cross-origin-${randomBytes(3).toString('hex')}`;
    const { url, fields } = await createPresignedPost(s3, { Bucket: BUCKET, Key: key, Expires: 300 });
    const boundary = 'hostile-boundary';
    const parts = Object.entries({ ...fields, file: 'from a page' }).map(
      ([name, value]) => `--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
    );
    const answer = await rawRequest(
      edge.endpoint,
      'POST',
      new URL(url).pathname,
      {
        'content-type': `multipart/form-data; boundary=${boundary}`,
        ...(origin ? { origin } : {}),
        ...(host ? { host: `${host}:${new URL(edge.endpoint).port}` } : {}),
      },
      `${parts.join('')}--${boundary}--\r\n`,
    );
    expect({ status: answer.status, code: answer.code }).toEqual({ status: 403, code: 'AccessForbidden' });
    expect((await rawRequest(edge.endpoint, 'HEAD', `/${BUCKET}/${key}`)).status).toBe(404);
  });

  it('refuses a CORS preflight from an origin it does not know', async () => {
    const answer = await rawRequest(edge.endpoint, 'OPTIONS', `/${BUCKET}/a`, {
      origin: 'https://evil.example',
      'access-control-request-method': 'PUT',
    });
    expect({ status: answer.status, code: answer.code }).toEqual({ status: 403, code: 'AccessForbidden' });
  });

  it.each([
    { name: 'a PUT', method: 'PUT', path: `/${BUCKET}/tenants/t1/cut-short.bin`, headers: {} },
    {
      name: 'a POST upload',
      method: 'POST',
      path: `/${BUCKET}`,
      headers: { 'content-type': 'multipart/form-data; boundary=cut' },
    },
  ])('$name whose client goes away half-way stores nothing and leaves the edge serving', async ({ method, path, headers }) => {
    const { hostname, port } = new URL(edge.endpoint);
    const outgoing = request({ hostname, port, method, path, headers: { ...headers, 'content-length': 1_000_000 } });
    outgoing.on('error', () => undefined);
    outgoing.write(method === 'POST' ? '--cut\r\ncontent-disposition: form-data; name="key"\r\n\r\ntenants/t1/cut-short.bin\r\n' : 'half');
    await new Promise((resolve) => setTimeout(resolve, 100));
    outgoing.destroy();
    await expect.poll(async () => (await rawRequest(edge.endpoint, 'HEAD', `/${BUCKET}/tenants/t1/cut-short.bin`)).status).toBe(404);
  });

  it('wrote nothing outside its folder, whatever the cases above asked', async () => {
    await edge.flush();
    expect(readdirSync(root)).toEqual(['data']);
    expect(readdirSync(tmpdir()).filter((name) => name.includes(MARKER))).toEqual([]);
    expect(existsSync(join('/', 'tmp', `${MARKER}.txt`))).toBe(false);
    // What was stored legitimately is under the bucket's folder, and only that.
    expect(markedFiles(join(root, 'data')).every((path) => path.startsWith(`${BUCKET}/`))).toBe(true);
  });

  it('answers the token issuer only without a foreign origin or host', async () => {
    const claims = JSON.stringify({ tenant: 'acme', user: 'alice', roles: ['employee'] });
    const issuer = shared.endpoints.issuer;
    const plain = await rawRequest(issuer, 'POST', '/token', { 'content-type': 'application/json' }, claims);
    expect(plain.status).toBe(200);
    const fromPage = await rawRequest(issuer, 'POST', '/token', { 'content-type': 'text/plain', origin: 'https://evil.example' }, claims);
    expect({ status: fromPage.status, field: (JSON.parse(fromPage.body) as { field?: string }).field }).toEqual({
      status: 403,
      field: 'origin',
    });
    const rebound = await rawRequest(issuer, 'POST', '/token', { 'content-type': 'application/json', host: 'evil.example' }, claims);
    expect(rebound.status).toBe(403);
  });
});

describe('the local S3 edge in front of an emulator that does not answer', () => {
  let silent: Server;
  const held = new Set<Socket>();
  let edge: S3Edge;
  let sqs: SQSClient;
  let closedPort: number;

  beforeAll(async () => {
    // Accepts connections and never answers, or answers the head of a GET and then stalls.
    silent = createServer((socket) => {
      held.add(socket);
      socket.once('close', () => held.delete(socket));
      socket.once('data', (data) => {
        if (data.toString('latin1').startsWith('GET /stalled/')) socket.write('HTTP/1.1 200 OK\r\ncontent-length: 1000\r\n\r\npartial');
      });
    });
    silent.listen(0, LOOPBACK);
    await once(silent, 'listening');
    const port = (silent.address() as { port: number }).port;
    closedPort = await freePort();
    sqs = new SQSClient({ region: REGION, endpoint: `http://${LOOPBACK}:${closedPort}`, credentials: CREDENTIALS });
    edge = await startS3Edge({
      port: await freePort(),
      backendEndpoint: `http://${LOOPBACK}:${port}`,
      region: REGION,
      credentials: () => undefined,
      sqs,
      log: () => undefined,
      backendTimeouts: { connectMs: 500, idleMs: 500 },
    });
  });

  afterAll(async () => {
    await edge?.stop();
    sqs?.destroy();
    for (const socket of held) socket.destroy();
    silent?.close();
  });

  it('answers 503 ServiceUnavailable once the emulator is silent too long, and closes its connection to it', async () => {
    const answer = await rawRequest(edge.endpoint, 'GET', `/${BUCKET}/a.txt`);
    expect({ status: answer.status, code: answer.code }).toEqual({ status: 503, code: 'ServiceUnavailable' });
    await expect.poll(() => held.size).toBe(0);
  });

  it('ends the client connection when the emulator stalls in the middle of an answer', async () => {
    await expect(rawRequest(edge.endpoint, 'GET', '/stalled/a.txt')).rejects.toThrow();
  });

  it('answers a PUT 503 when the emulator does not answer its write', async () => {
    const answer = await rawRequest(edge.endpoint, 'PUT', `/${BUCKET}/upload.txt`, {}, 'bytes');
    expect({ status: answer.status, code: answer.code }).toEqual({ status: 503, code: 'ServiceUnavailable' });
  });

  it('answers 503 when nothing listens where the emulator should be', async () => {
    const orphan = await startS3Edge({
      port: await freePort(),
      backendEndpoint: `http://${LOOPBACK}:${closedPort}`,
      region: REGION,
      credentials: () => undefined,
      sqs,
      log: () => undefined,
    });
    try {
      const answer = await rawRequest(orphan.endpoint, 'GET', `/${BUCKET}/a.txt`);
      expect({ status: answer.status, code: answer.code }).toEqual({ status: 503, code: 'ServiceUnavailable' });
    } finally {
      await orphan.stop();
    }
  });
});
