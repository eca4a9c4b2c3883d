import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { LOOPBACK } from '../net/ports.js';
import { cleanQuery } from './backend-client.js';
import type { ObjectCreatedEventName } from './s3-event.js';

/** A path-style request: bucket, key, and the query once presigning parameters are set aside. */
export interface Target {
  readonly bucket: string;
  /** Decoded key; undefined for requests on the bucket or the service. */
  readonly key: string | undefined;
  /** The request path as the client encoded it. */
  readonly rawPath: string;
  readonly query: string;
  readonly queryNames: readonly string[];
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function parseTarget(url: string): Target {
  const queryStart = url.indexOf('?');
  const rawPath = queryStart === -1 ? url : url.slice(0, queryStart);
  const { query, names } = cleanQuery(queryStart === -1 ? '' : url.slice(queryStart + 1));
  const [, rawBucket = '', ...rawKey] = rawPath.split('/');
  const key = rawKey.length > 0 ? decodeSegment(rawKey.join('/')) : undefined;
  return { bucket: decodeSegment(rawBucket), key: key === '' ? undefined : key, rawPath, query, queryNames: names };
}

export type Operation = 'PostForm' | ObjectCreatedEventName | undefined;

export function classify(method: string, target: Target, headers: IncomingHttpHeaders): Operation {
  if (!target.bucket) return undefined;
  const onlyXId = target.queryNames.every((name) => name === 'x-id');
  if (method === 'POST' && target.key === undefined && target.queryNames.length === 0) {
    return (headers['content-type'] ?? '').toLowerCase().startsWith('multipart/form-data') ? 'PostForm' : undefined;
  }
  if (method === 'PUT' && target.key !== undefined && onlyXId) {
    return headers['x-amz-copy-source'] ? 'ObjectCreated:Copy' : 'ObjectCreated:Put';
  }
  if (method === 'POST' && target.key !== undefined && target.queryNames.includes('uploadid'))
    return 'ObjectCreated:CompleteMultipartUpload';
  return undefined;
}

/** The access key id a request was signed with, for the event's userIdentity. */
export function principalOf(req: IncomingMessage): string {
  const authorization = req.headers.authorization ?? '';
  const fromHeader = /Credential=([^/,\s]+)\//.exec(authorization)?.[1];
  const fromQuery = /[?&]X-Amz-Credential=([^%&/]+)(?:%2F|\/)/i.exec(req.url ?? '')?.[1];
  const accessKeyId = fromHeader ?? fromQuery;
  return accessKeyId ? `AWS:${accessKeyId}` : 'anonymous';
}

export function sourceIp(req: IncomingMessage): string {
  return (req.socket.remoteAddress ?? LOOPBACK).replace(/^::ffff:/, '');
}
