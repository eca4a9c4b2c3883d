import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PdfInspector, type InspectResult } from '../src/lib.js';
import * as make from './pdfs.js';

const code = (result: InspectResult) => (result.outcome === 'refused' ? result.code : 'inspected');

// Each case starts a fresh worker after the hostile file (seconds on a busy machine): generous test timeouts.
const SLOW = 120_000;

describe('hostile PDFs', () => {
  // A small heap, so that the hostile file hits it quickly; on Node 24 a worker loading pdf.js
  // through the TypeScript loader needs more than 160 MB just to start.
  const inspector = new PdfInspector({ workers: 1, limits: { maxHeapMb: 256 } });
  let invoice: Uint8Array;
  beforeAll(async () => {
    invoice = await (await make.digitalInvoice()).save();
    await inspector.warmUp();
  }, SLOW);
  afterAll(() => inspector.close());

  it(
    'cuts off a page that would take minutes, and the next PDF is read by a fresh worker',
    async () => {
      const bomb = make.drawingBomb();
      expect(bomb.length).toBeLessThan(100_000);
      const result = await inspector.inspect(bomb, { timeoutMs: 3_000 });
      expect(code(result)).toBe('processing-timeout');
      expect(code(await inspector.inspect(invoice))).toBe('inspected');
    },
    SLOW,
  );

  it(
    'refuses a PDF that swells past the worker heap, and the service goes on',
    async () => {
      const bomb = make.arrayBomb();
      expect(bomb.length).toBeLessThan(100_000);
      const result = await inspector.inspect(bomb);
      expect(code(result)).toBe('too-complex');
      expect(result.outcome === 'refused' && result.message.en).toContain('too heavy');
      expect(code(await inspector.inspect(invoice))).toBe('inspected');
    },
    SLOW,
  );

  it(
    'stops at once when the signal is aborted, and rejects with its reason',
    async () => {
      const controller = new AbortController();
      const running = inspector.inspect(make.drawingBomb(), { signal: controller.signal });
      setTimeout(() => controller.abort(new Error('deadline reached')), 200);
      await expect(running).rejects.toThrow('deadline reached');
      expect(code(await inspector.inspect(invoice))).toBe('inspected');
    },
    SLOW,
  );

  it('rejects a job aborted while it waits for a worker, and never runs it', async () => {
    const controller = new AbortController();
    const first = inspector.inspect(invoice);
    const queued = inspector.inspect(make.drawingBomb(), { signal: controller.signal });
    controller.abort(new Error('gave up waiting'));
    await expect(queued).rejects.toThrow('gave up waiting');
    expect(code(await first)).toBe('inspected');
  });

  it('refuses new work once closed', async () => {
    const closing = new PdfInspector({ workers: 1 });
    await closing.close();
    await expect(closing.inspect(invoice)).rejects.toThrow('closed');
  });
});
