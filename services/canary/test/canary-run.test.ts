import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCanary, type CanaryRunDependencies } from '../src/canary-run.js';
import { IngestClient } from '../src/ingest-client.js';

// The run against an ingest API on loopback that creates the note, then answers 503 to everything
// else: the receipt's upload is refused, and so is the clean-up that follows.
const NOTE_ID = '0e47b0bc-9af4-8f4f-8e99-50f757f26f4b';
let server: Server;
let baseUrl: string;
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push(`${request.method} ${request.url}`);
    request.resume();
    request.on('end', () => {
      const created = request.method === 'POST' && request.url === '/v1/notes';
      response.writeHead(created ? 201 : 503, { 'content-type': 'application/json' });
      response.end(JSON.stringify(created ? { id: NOTE_ID } : { status: 503, code: 'dependency_unavailable' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('a canary run', () => {
  it('reports its first failure when the clean-up fails too, and leaves no rejection unhandled (it would end the process hosting it)', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const dependencies: CanaryRunDependencies = {
        tokens: { token: async () => 'a-token' },
        api: new IngestClient(baseUrl, 2_000),
        receipt: {
          fileName: 'r.png',
          contentType: 'image/png',
          bytes: new Uint8Array([1, 2, 3]),
          expected: {},
          note: { date: '2024-01-01', amount: { value: '1.00', currency: 'EUR' } },
        },
        settings: { intervalMs: 1_000, fieldsDeadlineMs: 1_000, requestTimeoutMs: 2_000, tickPeriodMs: 10_000 },
        now: Date.now,
      };
      const report = await runCanary(dependencies, AbortSignal.timeout(10_000));
      // Unhandled rejections are reported after the microtask queue drains: give them a turn of the event loop.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(report.failure?.step).toBe('ask-upload');
      expect(seen).toContain(`DELETE /v1/notes/${NOTE_ID}`);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
