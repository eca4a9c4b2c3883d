import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { once } from 'node:events';
import busboy from 'busboy';
import type { BackendClient } from './backend-client.js';
import { objectPath, responseHeaders } from './backend-client.js';
import { checkContentLength, verifyPostPolicy, type PostAccepted, type PostRefused, type SecretLookup } from './post-policy.js';
import { errorXml, postResponseXml, type RequestIds } from './s3-xml.js';
import { refuseUnsafeKey } from './name-guard.js';

/** S3 bounds the form fields sent before the file to 20 KB. */
const MAX_FIELDS_BYTES = 20 * 1024;

export interface PostUploadContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly bucket: string;
  readonly ids: RequestIds;
  readonly region: string;
  readonly credentials: SecretLookup;
  readonly backend: BackendClient;
  readonly maxPostBodyBytes: number;
  /** The URL clients use for an object (the Location of the answer). */
  readonly objectUrl: (key: string) => string;
  /** Called once the object is stored, before the client is answered. */
  readonly onStored: (stored: StoredPost) => void;
  /** Runs the write of a key and the keeping of its version with no other write of that key in between. */
  readonly exclusive: <T>(key: string, work: () => Promise<T>) => Promise<T>;
  /** Keeps the bytes now stored at the key as a version of their own, in a versioned bucket; its id. */
  readonly keepVersion: (key: string) => Promise<string | undefined>;
  readonly log: (message: string) => void;
}

/** Writes of an accepted upload to the emulator, the first and its retries. */
const STORE_ATTEMPTS = 3;

export interface StoredPost {
  readonly key: string;
  readonly size: number;
  readonly eTag: string;
  readonly versionId: string | undefined;
  readonly accessKeyId: string;
}

interface Spooled {
  readonly directory: string;
  readonly path: string;
  readonly size: number;
  /** The file went over the policy's maximum: what was written is gone. */
  readonly discarded: boolean;
}

function refused(status: number, code: string, message: string, details: Record<string, string> = {}): PostRefused {
  return { ok: false, status, code, message, details };
}

/** Reads and forgets the rest of the request. */
function drain(req: IncomingMessage): Promise<void> {
  req.resume();
  if (req.complete || req.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    req.once('end', resolve);
    req.once('close', resolve);
  });
}

function sendError(context: PostUploadContext, error: PostRefused, headers: OutgoingHttpHeaders = {}): void {
  if (context.res.headersSent) return;
  const body = errorXml(error.code, error.message, error.details, context.ids);
  context.res.writeHead(error.status, { ...headers, 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
  context.res.end(body);
}

/**
 * Writes the file to a private temporary file while counting its bytes; past `max` it stops
 * writing, deletes what it wrote, and only counts the rest.
 */
async function spool(file: Readable, max: number | undefined): Promise<Spooled> {
  const directory = await mkdtemp(join(tmpdir(), 'ndf-s3-post-'));
  const path = join(directory, 'file');
  const out = createWriteStream(path);
  const outFailed = once(out, 'error').then(([error]) => Promise.reject(error as Error));
  outFailed.catch(() => undefined);
  let size = 0;
  let discarded = false;
  try {
    for await (const chunk of file) {
      const bytes = chunk as Buffer;
      size += bytes.length;
      if (discarded) continue;
      if (max !== undefined && size > max) {
        discarded = true;
        const closed = once(out, 'close');
        out.destroy();
        await closed;
        await rm(path, { force: true });
        continue;
      }
      if (!out.write(bytes)) await Promise.race([once(out, 'drain'), outFailed]);
    }
    if (!discarded) {
      out.end();
      await Promise.race([once(out, 'close'), outFailed]);
    }
  } catch (error) {
    out.destroy();
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
  return { directory, path, size, discarded };
}

function store(context: PostUploadContext, accepted: PostAccepted, spooled: Spooled): Promise<void> {
  return context.exclusive(accepted.key, () => storeNow(context, accepted, spooled));
}

async function storeNow(context: PostUploadContext, accepted: PostAccepted, spooled: Spooled): Promise<void> {
  const headers: OutgoingHttpHeaders = {
    'content-type': accepted.contentType,
    'content-length': spooled.size,
    ...accepted.headers,
    ...Object.fromEntries(Object.entries(accepted.metadata).map(([name, value]) => [`x-amz-meta-${name}`, value])),
  };
  // The file is spooled, so a write the emulator failed (s3rver answers a rare 500 under load,
  // where S3 would have stored the object) is made again rather than passed on to the client.
  let answer = await context.backend.send('PUT', objectPath(context.bucket, accepted.key), headers, createReadStream(spooled.path));
  for (let attempt = 2; attempt <= STORE_ATTEMPTS && answer.status >= 500; attempt += 1) {
    context.log(
      `S3 edge: the emulator answered ${answer.status} to storing ${context.bucket}/${accepted.key} (${String(answer.body).slice(0, 200)}); writing it again`,
    );
    await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    answer = await context.backend.send('PUT', objectPath(context.bucket, accepted.key), headers, createReadStream(spooled.path));
  }
  if (answer.status !== 200) {
    context.res.writeHead(answer.status, responseHeaders(answer.headers));
    context.res.end(answer.body);
    return;
  }
  const eTag = String(answer.headers.etag ?? '');
  const versionId = await context.keepVersion(accepted.key);
  const versionHeader = versionId ? { 'x-amz-version-id': versionId } : {};
  context.onStored({ key: accepted.key, size: spooled.size, eTag, versionId, accessKeyId: accepted.accessKeyId });
  const location = context.objectUrl(accepted.key);
  if (accepted.successActionRedirect && URL.canParse(accepted.successActionRedirect)) {
    const target = new URL(accepted.successActionRedirect);
    target.searchParams.append('bucket', context.bucket);
    target.searchParams.append('key', accepted.key);
    target.searchParams.append('etag', eTag);
    context.res.writeHead(303, { location: target.href, etag: eTag, ...versionHeader, 'content-length': 0 });
    context.res.end();
    return;
  }
  if (accepted.successActionStatus === 201) {
    const body = postResponseXml(location, context.bucket, accepted.key, eTag);
    context.res.writeHead(201, {
      location,
      etag: eTag,
      ...versionHeader,
      'content-type': 'application/xml',
      'content-length': Buffer.byteLength(body),
    });
    context.res.end(body);
    return;
  }
  context.res.writeHead(accepted.successActionStatus, { location, etag: eTag, ...versionHeader, 'content-length': 0 });
  context.res.end();
}

/**
 * A browser-based upload (POST of a multipart form to a bucket): the fields before `file` are
 * checked against the signed policy before any byte of the file is kept, the file is counted
 * as it streams in, and the object reaches the emulator only once every check has passed.
 */
export async function handlePostUpload(context: PostUploadContext): Promise<void> {
  const { req } = context;
  const fields: Record<string, string> = {};
  let fieldsBytes = 0;
  let refusal: PostRefused | undefined;
  let fileSeen = false;
  let currentFile: Readable | undefined;
  let upload: Promise<{ accepted: PostAccepted; spooled: Spooled }> | undefined;
  let bodyBytes = 0;
  /** Set when the exchange ended early (body over the bound, client gone): nothing more to answer. */
  let abandoned = false;

  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { fieldNameSize: 1024, fieldSize: MAX_FIELDS_BYTES + 1 } });
  } catch {
    await drain(req);
    return sendError(
      context,
      refused(400, 'MalformedPOSTRequest', 'The body of your POST request is not well-formed multipart/form-data.'),
    );
  }

  const startFile = (file: Readable, filename: string) => {
    fileSeen = true;
    if (refusal) return void file.resume();
    const verdict = verifyPostPolicy({
      bucket: context.bucket,
      fields,
      filename,
      now: new Date(),
      region: context.region,
      credentials: context.credentials,
    });
    if (!verdict.ok) {
      refusal = verdict;
      return void file.resume();
    }
    const unsafeKey = refuseUnsafeKey(verdict.key);
    if (unsafeKey) {
      refusal = refused(400, unsafeKey.code, unsafeKey.message, { ArgumentName: 'key' });
      return void file.resume();
    }
    currentFile = file;
    upload = spool(file, verdict.contentLengthRange?.max).then((spooled) => ({ accepted: verdict, spooled }));
    upload.catch(() => undefined);
  };

  parser.on('field', (name, value) => {
    if (fileSeen) return; // S3 ignores whatever follows the file
    if (name.toLowerCase() === 'file') return startFile(Readable.from([Buffer.from(value, 'utf8')]), '');
    fieldsBytes += Buffer.byteLength(name) + Buffer.byteLength(value);
    if (fieldsBytes > MAX_FIELDS_BYTES && !refusal) {
      refusal = refused(400, 'MaxPostPreDataLengthExceededError', 'Your POST request fields preceding the upload file were too large.', {
        MaxPostPreDataLength: String(MAX_FIELDS_BYTES),
      });
    }
    fields[name] = value;
  });
  parser.on('file', (name, file, info) => {
    if (fileSeen || name.toLowerCase() !== 'file') return void file.resume();
    startFile(file, info.filename ?? '');
  });

  const parsed = new Promise<void>((resolve) => {
    parser.once('close', resolve);
    parser.once('error', () => {
      refusal ??= refused(400, 'MalformedPOSTRequest', 'The body of your POST request is not well-formed multipart/form-data.');
      currentFile?.destroy(new Error('malformed form'));
      req.unpipe(parser);
      void drain(req).then(resolve);
    });
    req.on('data', (chunk: Buffer) => {
      bodyBytes += chunk.length;
      if (bodyBytes <= context.maxPostBodyBytes || abandoned) return;
      // Past this bound the edge stops listening altogether rather than read on.
      abandoned = true;
      req.unpipe(parser);
      currentFile?.destroy(new Error('request body too large'));
      sendError(
        context,
        refused(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', {
          MaxSizeAllowed: String(context.maxPostBodyBytes),
        }),
        { connection: 'close' },
      );
      context.res.once('finish', () => req.destroy());
      resolve();
    });
    req.once('close', () => {
      if (req.complete || abandoned) return;
      abandoned = true;
      currentFile?.destroy(new Error('the client went away'));
      resolve();
    });
  });
  req.pipe(parser);
  await parsed;

  let spooled: Spooled | undefined;
  try {
    const result = upload ? await upload : undefined;
    spooled = result?.spooled;
    if (abandoned) return;
    if (refusal) return sendError(context, refusal);
    if (!result) {
      return sendError(
        context,
        refused(400, 'InvalidArgument', 'POST requires exactly one file upload per request.', { ArgumentName: 'file', ArgumentValue: '0' }),
      );
    }
    const sizeRefusal = checkContentLength(result.accepted.contentLengthRange, result.spooled.size);
    if (sizeRefusal) return sendError(context, sizeRefusal);
    await store(context, result.accepted, result.spooled);
  } catch (error) {
    if (abandoned) return;
    if (refusal) return sendError(context, refusal);
    throw error;
  } finally {
    if (spooled) await rm(spooled.directory, { recursive: true, force: true });
  }
}
