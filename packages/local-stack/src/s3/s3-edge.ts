import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { closeServer, listenOnLoopback } from '../net/listen.js';
import { LOOPBACK } from '../net/ports.js';
import { AwsChunkedDecoder, decodedHeaders, isAwsChunked } from './aws-chunked.js';
import { BackendClient, isBackendUnavailable, objectPath, responseHeaders, streamBody, type BackendTimeouts } from './backend-client.js';
import { checkBrowserRequest } from '../net/browser-guard.js';
import { refuseUnsafeNames } from './name-guard.js';
import { join } from 'node:path';
import { NotificationDelivery } from './notification-delivery.js';
import {
  InvalidNotificationConfiguration,
  NotificationStore,
  eventSelected,
  notificationConfigurationXml,
  parseNotificationConfiguration,
} from './notification-configuration.js';
import type { SecretLookup } from './post-policy.js';
import { handlePostUpload, type StoredPost } from './post-upload.js';
import { buildObjectCreatedEvent, buildTestEvent, keyMatchesFilter, type ObjectCreatedEventName } from './s3-event.js';
import { classify, parseTarget, principalOf, sourceIp, type Operation, type Target } from './s3-request.js';
import {
  InvalidVersioningConfiguration,
  KeyLocks,
  VersioningStore,
  isWellFormedVersionId,
  newVersionId,
  parseVersioningConfiguration,
  versionPath,
  versionsBucket,
  versioningConfigurationXml,
} from './versioning.js';
import { errorXml, newRequestIds, type RequestIds } from './s3-xml.js';

export interface S3EdgeOptions {
  readonly port: number;
  /** The S3 emulator the edge stands in front of. */
  readonly backendEndpoint: string;
  readonly region: string;
  readonly credentials: SecretLookup;
  readonly sqs: SQSClient;
  /** Bound on a whole POST upload body; past it the connection is closed. Defaults to 5 GiB, S3's own bound. */
  readonly maxPostBodyBytes?: number;
  /** Where failed deliveries are reported; defaults to console.warn. */
  readonly log?: (message: string) => void;
  /** Keeps bucket notification configurations here across restarts; in memory without it. */
  readonly stateDirectory?: string | undefined;
  /** Web origins whose pages may call the edge (CORS); none by default: only clients that send no Origin. */
  readonly allowedOrigins?: readonly string[];
  /** Bounds on each request to the emulator; past them it is aborted and the client answered 503. */
  readonly backendTimeouts?: BackendTimeouts;
}

export interface S3Edge {
  readonly endpoint: string;
  /** Resolves once every notification due so far has been delivered. */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

const DEFAULT_MAX_POST_BODY_BYTES = 5 * 1024 ** 3;
const BUCKET_OWNER_ID = 'A2NDFLOCALOWNER';

/** What an event says about the request, read while its connection is still there. */
interface RequestContext {
  readonly ids: RequestIds;
  readonly principalId: string;
  readonly sourceIpAddress: string;
}

/** Sequencers grow for successive events on a key, as S3's do (hex, fixed width). */
function sequencerClock(): () => string {
  let last = 0n;
  return () => {
    const now = BigInt(Date.now()) * 1_000_000n;
    last = now > last ? now : last + 1n;
    return last.toString(16).toUpperCase().padStart(18, '0');
  };
}

async function readText(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new InvalidNotificationConfiguration(`The configuration is larger than ${limit} bytes.`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sendError(res: ServerResponse, ids: RequestIds, status: number, code: string, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = errorXml(code, message, {}, ids);
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

export async function startS3Edge(options: S3EdgeOptions): Promise<S3Edge> {
  const endpoint = `http://${LOOPBACK}:${options.port}`;
  const log = options.log ?? ((message: string) => console.warn(message));
  const backend = new BackendClient(options.backendEndpoint, options.backendTimeouts);
  const delivery = new NotificationDelivery(options.sqs, { log });
  const notifications = new NotificationStore(options.stateDirectory ? join(options.stateDirectory, 'notifications.json') : undefined);
  const versioning = new VersioningStore(options.stateDirectory ? join(options.stateDirectory, 'versioning.json') : undefined);
  const keyLocks = new KeyLocks();
  const announcing = new Set<Promise<void>>();
  const nextSequencer = sequencerClock();

  interface Creation extends RequestContext {
    readonly eventName: ObjectCreatedEventName;
    readonly bucket: string;
    readonly key: string;
    readonly size: number;
    readonly eTag: string;
    readonly versionId: string | undefined;
  }

  function publish(creation: Creation): void {
    const eventTime = new Date();
    const sequencer = nextSequencer();
    for (const target of notifications.get(creation.bucket)) {
      if (!eventSelected(target.events, creation.eventName) || !keyMatchesFilter(creation.key, target)) continue;
      const message = buildObjectCreatedEvent({
        ...creation,
        region: options.region,
        eventTime,
        requestId: creation.ids.requestId,
        hostId: creation.ids.hostId,
        configurationId: target.id,
        bucketOwnerPrincipalId: BUCKET_OWNER_ID,
        sequencer,
      });
      delivery.enqueue(target.queueArn, JSON.stringify(message));
    }
  }

  /** Tracks work that ends in a notification, so that flush() waits for it too. */
  function announce(work: () => Promise<Creation>): void {
    const task = work()
      .then(publish)
      .catch((error: unknown) => log(`S3 edge could not build a notification: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => announcing.delete(task));
    announcing.add(task);
  }

  /** Size and ETag of a stored object, for creations whose request does not carry the bytes. */
  async function describeObject(rawPath: string): Promise<{ size: number; eTag: string }> {
    const head = await backend.send('HEAD', rawPath, {});
    if (head.status !== 200) throw new Error(`HEAD ${rawPath} answered ${head.status}`);
    return { size: Number(head.headers['content-length'] ?? 0), eTag: String(head.headers.etag ?? '') };
  }

  async function discardPartialObject(rawPath: string): Promise<void> {
    try {
      await backend.send('DELETE', rawPath, {});
      log(`S3 edge: the upload to ${rawPath} was interrupted; the partial object was removed`);
    } catch (error) {
      log(`S3 edge: the upload to ${rawPath} was interrupted and its partial object could not be removed: ${String(error)}`);
    }
  }

  function proxy(
    req: IncomingMessage,
    res: ServerResponse,
    target: Target,
    operation: ObjectCreatedEventName | undefined,
    context: RequestContext,
  ): void {
    const method = req.method ?? 'GET';
    const chunked = method === 'PUT' && isAwsChunked(req.headers);
    const outgoing = backend.request(
      method,
      target.rawPath + target.query,
      backend.forwardedHeaders(chunked ? decodedHeaders(req.headers) : req.headers),
    );
    const stages: Readable[] = chunked ? [req, new AwsChunkedDecoder()] : [req];
    let answered = false;
    let backendFailed = false;
    const sent = streamBody(stages, outgoing);
    sent.catch(() => {
      // s3rver writes a PUT body straight into the object's file, so an upload cut short
      // would leave a truncated object behind where S3 stores nothing.
      if (operation === 'ObjectCreated:Put' && !answered && !backendFailed) void discardPartialObject(target.rawPath);
    });

    outgoing.on('error', (error) => {
      backendFailed = !answered;
      sendError(res, context.ids, 503, 'ServiceUnavailable', `The S3 emulator behind the edge did not answer: ${error.message}`);
    });
    outgoing.on('response', (answer) => {
      answered = true;
      respond(answer).catch((error: unknown) => {
        log(`S3 edge could not keep the version of ${target.rawPath}: ${error instanceof Error ? error.message : String(error)}`);
        answer.resume();
        sendError(res, context.ids, 503, 'ServiceUnavailable', 'The S3 emulator stored the object but not its version; write it again.');
      });
    });

    async function respond(answer: IncomingMessage): Promise<void> {
      const status = answer.statusCode ?? 502;
      const key = target.key;
      let versionId: string | undefined;
      if (operation && status === 200 && key !== undefined) {
        const size = operation === 'ObjectCreated:Put' ? await sent : undefined;
        versionId = await keepVersion(target.bucket, key);
        announce(async () => {
          const stored = size === undefined ? await describeObject(target.rawPath) : { size, eTag: String(answer.headers.etag ?? '') };
          return { eventName: operation, bucket: target.bucket, key, ...stored, versionId, ...context };
        });
      }
      res.writeHead(status, { ...responseHeaders(answer.headers), ...(versionId ? { 'x-amz-version-id': versionId } : {}) });
      // An answer cut short (the emulator went away or stalled) ends the client's connection too.
      pipeline(answer, res).catch(() => res.destroy());
    }
  }

  /** In a versioned bucket, copies what is now stored at the key to a version of its own, and names it. */
  async function keepVersion(bucket: string, key: string): Promise<string | undefined> {
    if (!versioning.enabled(bucket)) return undefined;
    const versionId = newVersionId();
    // The emulator reads the copy source with decodeURI, which leaves %3A, %23 and the other reserved escapes as they are.
    const copy = await backend.send('PUT', versionPath(bucket, key, versionId), { 'x-amz-copy-source': encodeURI(`/${bucket}/${key}`) });
    if (copy.status !== 200) throw new Error(`copying ${bucket}/${key} to its version answered ${copy.status}`);
    return versionId;
  }

  /** A creation in a versioned bucket holds its key from the write until its version is kept. */
  function proxyCreation(req: IncomingMessage, res: ServerResponse, target: Target, operation: Operation, context: RequestContext): void {
    if (!operation || operation === 'PostForm' || target.key === undefined || !versioning.enabled(target.bucket)) {
      return proxy(req, res, target, operation === 'PostForm' ? undefined : operation, context);
    }
    void keyLocks.run(`${target.bucket}/${target.key}`, async () => {
      proxy(req, res, target, operation, context);
      if (!res.writableFinished && !res.destroyed) await once(res, 'close');
    });
  }

  /** A read of one version (`?versionId=`) in a versioned bucket: from where the edge keeps it. */
  function versionedRead(target: Target, ids: RequestIds, res: ServerResponse): Target | undefined {
    const versionParameter = /(?:^|[?&])versionId=([^&]*)/.exec(target.query);
    if (!versionParameter || target.key === undefined || !versioning.enabled(target.bucket)) return target;
    const versionId = decodeURIComponent(versionParameter[1] ?? '');
    if (versionId === 'null' || !isWellFormedVersionId(versionId)) {
      sendError(res, ids, 400, 'InvalidArgument', 'Invalid version id specified');
      return undefined;
    }
    res.setHeader('x-amz-version-id', versionId);
    const rest = target.query
      .replace(/^\?/, '')
      .split('&')
      .filter((part) => !part.startsWith('versionId=') && part !== '');
    return { ...target, rawPath: versionPath(target.bucket, target.key, versionId), query: rest.length ? `?${rest.join('&')}` : '' };
  }

  /** GetBucketVersioning and PutBucketVersioning, kept by the edge. */
  async function handleVersioningConfiguration(req: IncomingMessage, res: ServerResponse, bucket: string, ids: RequestIds): Promise<void> {
    const head = await backend.send('HEAD', `/${encodeURIComponent(bucket)}`, {});
    if (head.status === 404) return sendError(res, ids, 404, 'NoSuchBucket', 'The specified bucket does not exist');
    if (req.method === 'GET') {
      const body = versioningConfigurationXml(versioning.get(bucket));
      res.writeHead(200, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
      return void res.end(body);
    }
    if (req.method !== 'PUT')
      return sendError(res, ids, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
    let status;
    try {
      status = parseVersioningConfiguration(await readText(req, 64 * 1024));
    } catch (error) {
      if (!(error instanceof InvalidVersioningConfiguration || error instanceof InvalidNotificationConfiguration)) throw error;
      return sendError(res, ids, 400, 'MalformedXML', error.message);
    }
    if (status === 'Enabled') {
      const created = await backend.send('PUT', `/${encodeURIComponent(versionsBucket(bucket))}`, {});
      if (created.status !== 200 && created.status !== 409)
        throw new Error(`creating the versions of ${bucket} answered ${created.status}`);
    }
    versioning.set(bucket, status);
    res.writeHead(200, { 'content-length': 0 });
    res.end();
  }

  /** GetBucketNotificationConfiguration and PutBucketNotificationConfiguration, kept by the edge. */
  async function handleNotificationConfiguration(
    req: IncomingMessage,
    res: ServerResponse,
    bucket: string,
    ids: RequestIds,
  ): Promise<void> {
    const head = await backend.send('HEAD', `/${encodeURIComponent(bucket)}`, {});
    if (head.status === 404) return sendError(res, ids, 404, 'NoSuchBucket', 'The specified bucket does not exist');
    if (req.method === 'GET') {
      const body = notificationConfigurationXml(notifications.get(bucket));
      res.writeHead(200, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
      return void res.end(body);
    }
    if (req.method !== 'PUT')
      return sendError(res, ids, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
    let configured;
    try {
      configured = parseNotificationConfiguration(await readText(req, 256 * 1024));
    } catch (error) {
      if (!(error instanceof InvalidNotificationConfiguration)) throw error;
      return sendError(res, ids, 400, 'InvalidArgument', error.message);
    }
    const before = new Set(notifications.get(bucket).map((notification) => notification.queueArn));
    notifications.set(bucket, configured);
    // S3 sends a test event to each destination when a configuration is set.
    for (const queueArn of new Set(configured.map((notification) => notification.queueArn))) {
      if (!before.has(queueArn))
        delivery.enqueue(queueArn, JSON.stringify(buildTestEvent({ bucket, time: new Date(), ...newRequestIds() })));
    }
    res.writeHead(200, { 'content-length': 0 });
    res.end();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const ids = newRequestIds();
    res.setHeader('x-amz-request-id', ids.requestId);
    res.setHeader('x-amz-id-2', ids.hostId);
    const browser = checkBrowserRequest(req, options.allowedOrigins ?? []);
    if (!browser.ok) {
      req.resume();
      res.setHeader('connection', 'close');
      return sendError(res, ids, 403, 'AccessForbidden', `CORSResponse: ${browser.reason}`);
    }
    for (const [name, value] of Object.entries(browser.corsHeaders)) res.setHeader(name, value!);
    if (browser.preflight) {
      res.writeHead(200, { 'content-length': 0 });
      return void res.end();
    }
    const target = parseTarget(req.url ?? '/');
    const unsafe = refuseUnsafeNames(target, req.headers);
    if (unsafe) {
      req.resume();
      res.setHeader('connection', 'close');
      return sendError(res, ids, 400, unsafe.code, unsafe.message);
    }
    const onlyQuery = target.bucket && target.key === undefined && target.queryNames.length === 1 ? target.queryNames[0] : undefined;
    if (onlyQuery === 'notification') return handleNotificationConfiguration(req, res, target.bucket, ids);
    if (onlyQuery === 'versioning') return handleVersioningConfiguration(req, res, target.bucket, ids);
    const operation = classify(req.method ?? 'GET', target, req.headers);
    const context: RequestContext = { ids, principalId: principalOf(req), sourceIpAddress: sourceIp(req) };
    if ((req.method === 'GET' || req.method === 'HEAD') && operation === undefined) {
      const read = versionedRead(target, ids, res);
      return read ? proxy(req, res, read, undefined, context) : undefined;
    }
    if (operation !== 'PostForm') return proxyCreation(req, res, target, operation, context);
    await handlePostUpload({
      req,
      res,
      bucket: target.bucket,
      ids,
      region: options.region,
      credentials: options.credentials,
      backend,
      maxPostBodyBytes: options.maxPostBodyBytes ?? DEFAULT_MAX_POST_BODY_BYTES,
      objectUrl: (key) => `${endpoint}${objectPath(target.bucket, key)}`,
      log,
      exclusive: (key, work) => keyLocks.run(`${target.bucket}/${key}`, work),
      keepVersion: (key) => keepVersion(target.bucket, key),
      onStored: (stored: StoredPost) =>
        announce(async () => ({
          eventName: 'ObjectCreated:Post',
          bucket: target.bucket,
          key: stored.key,
          size: stored.size,
          eTag: stored.eTag,
          versionId: stored.versionId,
          ...context,
          principalId: `AWS:${stored.accessKeyId}`,
        })),
    });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`S3 edge failed on ${req.method} ${req.url}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (isBackendUnavailable(error)) {
        const reason = error instanceof Error ? error.message : String(error);
        return sendError(res, newRequestIds(), 503, 'ServiceUnavailable', `The S3 emulator behind the edge did not answer: ${reason}`);
      }
      sendError(res, newRequestIds(), 500, 'InternalError', 'We encountered an internal error. Please try again.');
    });
  });
  await listenOnLoopback(server, options.port, 'the S3 edge');

  return {
    endpoint,
    async flush() {
      while (announcing.size > 0) await Promise.all([...announcing]);
      await delivery.flush();
    },
    async stop() {
      await closeServer(server);
      await Promise.all([...announcing]);
      delivery.stop();
      backend.close();
    },
  };
}
