import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { PSM } from 'tesseract.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { languageFolder } from '../src/trained-data.js';
import { OcrAbortedError, WorkerPool } from '../src/worker-pool.js';

const never = () => new Promise<never>(() => undefined);

describe('WorkerPool', () => {
  let pool: WorkerPool;
  beforeAll(async () => {
    pool = new WorkerPool({
      size: 1,
      languages: ['eng'],
      langPath: await languageFolder(join(tmpdir(), 'ocr-pool-test')),
      pageSegmentation: PSM.SINGLE_BLOCK,
    });
  });
  afterAll(async () => {
    await pool.close();
  });

  it('aborts a running job at once and replaces the worker it was running on', async () => {
    const controller = new AbortController();
    const started = pool.run(async (worker) => {
      controller.abort(new Error('deadline'));
      return never().then(() => worker);
    }, controller.signal);
    await expect(started).rejects.toBeInstanceOf(OcrAbortedError);
    const before = pool.created;
    await expect(pool.run(async () => 'next job ran')).resolves.toBe('next job ran');
    expect(pool.created).toBe(before + 1);
  });

  it('drops a queued job whose signal aborts, and the job ahead of it goes on', async () => {
    let release: (() => void) | undefined;
    const ahead = pool.run(() => new Promise<string>((resolve) => (release = () => resolve('ahead'))));
    while (release === undefined) await new Promise((resolve) => setImmediate(resolve));
    const controller = new AbortController();
    let queuedRan = false;
    const queued = pool.run(async () => {
      queuedRan = true;
    }, controller.signal);
    controller.abort();
    await expect(queued).rejects.toBeInstanceOf(OcrAbortedError);
    const created = pool.created;
    release();
    await expect(ahead).resolves.toBe('ahead');
    expect(queuedRan).toBe(false);
    expect(pool.created).toBe(created);
  });

  it('refuses a job whose signal is already aborted without taking a worker', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(pool.run(async () => 'ran', controller.signal)).rejects.toBeInstanceOf(OcrAbortedError);
  });

  it('replaces a worker whose job failed and passes the failure on', async () => {
    const before = pool.created;
    await expect(pool.run(async () => Promise.reject(new Error('broken image')))).rejects.toThrow('broken image');
    await expect(pool.run(async () => 'fine')).resolves.toBe('fine');
    expect(pool.created).toBe(before + 1);
  });
});
