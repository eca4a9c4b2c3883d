import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOOPBACK } from '../src/net/ports.js';
import { BackendClient } from '../src/s3/backend-client.js';

/** Answers 200 once it has the declared bytes, and closes the connection, as s3rver does with no keep-alive. */
function eagerBackend(): Server {
  return createServer((req, res) => {
    let received = 0;
    const declared = Number(req.headers['content-length']);
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received === declared) {
        res.writeHead(200, { etag: '"stored"', connection: 'close' });
        res.end();
      }
    });
  });
}

/** A body whose source says it is at its end well after its last byte, as a file read stream may under load. */
function lateEndingBody(bytes: Buffer, endDelayMs: number): Readable {
  let sent = false;
  return new Readable({
    read() {
      if (sent) return void setTimeout(() => this.push(null), endDelayMs);
      sent = true;
      this.push(bytes);
    },
  });
}

describe('the edge client of the S3 emulator', () => {
  let server: Server;
  let client: BackendClient;
  beforeAll(async () => {
    server = eagerBackend();
    server.listen(0, LOOPBACK);
    await once(server, 'listening');
    client = new BackendClient(`http://${LOOPBACK}:${(server.address() as AddressInfo).port}`);
  });
  afterAll(async () => {
    client.close();
    server.close();
    await once(server, 'close');
  });

  it('takes an answer to a fully sent body as stored, even when the source ends after the connection closed', async () => {
    const bytes = Buffer.alloc(64 * 1024, 7);
    const answer = await client.send('PUT', '/bucket/key', { 'content-length': bytes.length }, lateEndingBody(bytes, 100));
    expect(answer.status).toBe(200);
    expect(answer.headers.etag).toBe('"stored"');
  });

  it('still fails a body cut short: fewer bytes than declared', async () => {
    const bytes = Buffer.alloc(1024, 7);
    const short = new Readable({
      read() {
        this.destroy(new Error('the source broke'));
      },
    });
    await expect(client.send('PUT', '/bucket/key', { 'content-length': bytes.length }, short)).rejects.toThrow();
  });
});
