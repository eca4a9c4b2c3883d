import type { IncomingHttpHeaders } from 'node:http';
import { Transform, type TransformCallback } from 'node:stream';

/**
 * Whether the body is framed in `aws-chunked` encoding (the SDKs send streamed bodies so, with a
 * checksum trailer). S3 removes the framing; the emulator behind the edge would store it.
 */
export function isAwsChunked(headers: IncomingHttpHeaders): boolean {
  const encoding = headers['content-encoding'] ?? '';
  const sha = headers['x-amz-content-sha256'];
  return encoding.split(',').some((part) => part.trim() === 'aws-chunked') || (typeof sha === 'string' && sha.startsWith('STREAMING-'));
}

/** Headers for the decoded body: its length, and no trace of the framing. */
export function decodedHeaders(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const result: IncomingHttpHeaders = { ...headers };
  const encodings = (headers['content-encoding'] ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part && part !== 'aws-chunked');
  if (encodings.length > 0) result['content-encoding'] = encodings.join(', ');
  else delete result['content-encoding'];
  const decodedLength = headers['x-amz-decoded-content-length'];
  if (typeof decodedLength === 'string') result['content-length'] = decodedLength;
  else delete result['content-length'];
  for (const name of ['x-amz-decoded-content-length', 'x-amz-trailer', 'x-amz-content-sha256']) delete result[name];
  return result;
}

type State = 'size' | 'data' | 'data-end' | 'trailer' | 'done';

/** Strips aws-chunked framing (`<hex>[;chunk-signature=..]\r\n<data>\r\n ... 0\r\n<trailers>\r\n`). */
export class AwsChunkedDecoder extends Transform {
  private state: State = 'size';
  private line = '';
  private remaining = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      this.consume(chunk);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    callback(this.state === 'done' || this.state === 'trailer' ? null : new Error('aws-chunked body ended before its last chunk'));
  }

  private consume(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length && this.state !== 'done') {
      if (this.state === 'data') {
        const take = Math.min(this.remaining, chunk.length - offset);
        this.push(chunk.subarray(offset, offset + take));
        offset += take;
        this.remaining -= take;
        if (this.remaining === 0) this.state = 'data-end';
        continue;
      }
      const newline = chunk.indexOf(0x0a, offset);
      const end = newline === -1 ? chunk.length : newline + 1;
      this.line += chunk.subarray(offset, end).toString('latin1');
      offset = end;
      if (newline === -1) {
        if (this.line.length > 8192) throw new Error('aws-chunked framing line too long');
        continue;
      }
      this.endLine(this.line.replace(/\r?\n$/, ''));
      this.line = '';
    }
  }

  private endLine(line: string): void {
    if (this.state === 'data-end') {
      if (line !== '') throw new Error('aws-chunked chunk not followed by CRLF');
      this.state = 'size';
    } else if (this.state === 'size') {
      const size = Number.parseInt(line.split(';')[0] ?? '', 16);
      if (!Number.isSafeInteger(size) || size < 0) throw new Error(`invalid aws-chunked chunk size line: ${line}`);
      this.remaining = size;
      this.state = size === 0 ? 'trailer' : 'data';
    } else if (this.state === 'trailer' && line === '') {
      this.state = 'done';
    }
  }
}
