import { describe, expect, it } from 'vitest';
import { QueueUrls } from '../src/index.js';

const signal = new AbortController().signal;

describe('QueueUrls', () => {
  it('asks once per queue, sharing a lookup in flight', async () => {
    const asked: string[] = [];
    const urls = new QueueUrls(async (name) => {
      asked.push(name);
      return `http://sqs/${name}`;
    });
    const [first, second] = await Promise.all([urls.get('ndf-ocr', signal), urls.get('ndf-ocr', signal)]);
    expect([first, second, await urls.get('ndf-ocr', signal), await urls.get('ndf-vat', signal)]).toEqual([
      'http://sqs/ndf-ocr',
      'http://sqs/ndf-ocr',
      'http://sqs/ndf-ocr',
      'http://sqs/ndf-vat',
    ]);
    expect(asked).toEqual(['ndf-ocr', 'ndf-vat']);
  });

  it('forgets a failed lookup, and a queue without a URL, so that the next call asks again', async () => {
    const answers: (() => Promise<string | undefined>)[] = [
      () => Promise.reject(Object.assign(new Error('x'), { name: 'TimeoutError' })),
      () => Promise.resolve(undefined),
      () => Promise.resolve('http://sqs/ndf-ocr'),
    ];
    const urls = new QueueUrls(() => answers.shift()!());
    await expect(urls.get('ndf-ocr', signal)).rejects.toMatchObject({ name: 'TimeoutError' });
    await expect(urls.get('ndf-ocr', signal)).rejects.toThrow('The queue ndf-ocr has no URL.');
    await expect(urls.get('ndf-ocr', signal)).resolves.toBe('http://sqs/ndf-ocr');
  });

  it('hands the caller signal to the lookup', async () => {
    const controller = new AbortController();
    let seen: AbortSignal | undefined;
    await new QueueUrls(async (_name, given) => ((seen = given), 'http://sqs/q')).get('q', controller.signal);
    expect(seen).toBe(controller.signal);
  });
});
