import { setTimeout as sleep } from 'node:timers/promises';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { tableName } from '@ndf/catalog';
import type { SharedStack } from '@ndf/local-stack/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOnce, type OnceOptions } from '../src/effects/index.js';
import { TransientError } from '../src/errors.js';
import { startTestStack } from './test-stack.js';

const PREFIX = 'once-';
let stack: SharedStack;

beforeAll(async () => {
  stack = await startTestStack(PREFIX);
});
afterAll(async () => {
  await stack?.stop();
});

const onceFor = (options: Partial<OnceOptions> = {}) =>
  createOnce({ dynamodb: stack.clients.dynamodb, tableName: tableName(PREFIX, 'runtime'), service: 'mailer', ...options });

const inAMinute = () => new Date(Date.now() + 60_000);

describe('once', () => {
  it('runs the effect once across concurrent callers, then answers with its stored result', async () => {
    const once = onceFor();
    let runs = 0;
    const sendMail = async () => {
      runs++;
      await sleep(300);
      return { sent: 'mail-1' };
    };

    const results = await Promise.allSettled(Array.from({ length: 20 }, () => once('welcome:user-1', inAMinute(), sendMail)));

    expect(runs).toBe(1);
    const fulfilled = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const rejected = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
    expect(fulfilled.length).toBeGreaterThanOrEqual(1);
    for (const value of fulfilled) expect(value).toEqual({ sent: 'mail-1' });
    for (const reason of rejected) expect(reason).toBeInstanceOf(TransientError);

    const later = await Promise.all(Array.from({ length: 5 }, () => once('welcome:user-1', inAMinute(), sendMail)));
    expect(later).toEqual(Array.from({ length: 5 }, () => ({ sent: 'mail-1' })));
    expect(runs).toBe(1);
  });

  it('keeps effects of different keys and services apart', async () => {
    const runs: string[] = [];
    const effect = (name: string) => async () => {
      runs.push(name);
      return name;
    };
    expect(await onceFor()('receipt:1', inAMinute(), effect('mailer 1'))).toBe('mailer 1');
    expect(await onceFor()('receipt:2', inAMinute(), effect('mailer 2'))).toBe('mailer 2');
    expect(await onceFor({ service: 'exporter' })('receipt:1', inAMinute(), effect('exporter 1'))).toBe('exporter 1');
    expect(runs).toEqual(['mailer 1', 'mailer 2', 'exporter 1']);
  });

  it('lets another caller take over a claim whose deadline has passed', async () => {
    let now = Date.now();
    const log: Record<string, unknown>[] = [];
    const once = onceFor({ clock: () => new Date(now), log: (event) => log.push(event) });
    let runs = 0;
    let started!: () => void;
    let finishCrashed!: () => void;
    const hasStarted = new Promise<void>((resolve) => (started = resolve));
    const gate = new Promise<void>((resolve) => (finishCrashed = resolve));
    // The first caller stalls past its deadline, as a crashed or frozen worker would.
    const stalled = once('charge:note-7', new Date(now + 5_000), async () => {
      runs++;
      started();
      await gate;
      return 'first';
    });
    await hasStarted;

    await expect(once('charge:note-7', new Date(now + 5_000), async () => 'too early')).rejects.toBeInstanceOf(TransientError);
    now += 6_000;
    const takeOver = async () => {
      runs++;
      return 'second';
    };
    expect(await once('charge:note-7', new Date(now + 5_000), takeOver)).toBe('second');
    expect(runs).toBe(2);

    finishCrashed();
    expect(await stalled).toBe('first');
    expect(log).toEqual([expect.objectContaining({ event: 'effect-result-not-stored', effectKey: 'charge:note-7' })]);
    expect(await once('charge:note-7', new Date(now + 5_000), async () => 'third')).toBe('second');
  });

  it('releases the claim of a failing effect so that the next call runs it', async () => {
    const once = onceFor();
    let runs = 0;
    const exportNotes = (fails: boolean) => async () => {
      runs++;
      if (fails) throw new Error('bank API down');
      return 'exported';
    };
    await expect(once('export:9', inAMinute(), exportNotes(true))).rejects.toThrow('bank API down');
    expect(await once('export:9', inAMinute(), exportNotes(false))).toBe('exported');
    expect(runs).toBe(2);
  });

  it('stores an effect without a result, and sets the time to live', async () => {
    const once = onceFor();
    let runs = 0;
    expect(await once('ping', inAMinute(), async () => void runs++)).toBeUndefined();
    expect(await once('ping', inAMinute(), async () => void runs++)).toBeUndefined();
    expect(runs).toBe(1);

    const { Item } = await stack.clients.dynamodb.send(
      new GetItemCommand({ TableName: tableName(PREFIX, 'runtime'), Key: { pk: { S: 'EFFECT#mailer#ping' }, sk: { S: 'EFFECT' } } }),
    );
    expect(Item?.state?.S).toBe('done');
    expect(Number(Item?.expiresAt?.N)).toBeGreaterThan(Date.now() / 1000 + 29 * 24 * 3600);
  });
});
