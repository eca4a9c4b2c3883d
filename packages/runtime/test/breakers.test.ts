import { afterEach, describe, expect, it } from 'vitest';
import { PermanentError, TransientError } from '../src/errors.js';
import { MetricsRegistry } from '../src/observability/index.js';
import { BreakerRegistry, DependencyUnavailableError, type BreakerState } from '../src/resilience/index.js';

const registries: BreakerRegistry[] = [];
function registry(options: ConstructorParameters<typeof BreakerRegistry>[0] = {}): BreakerRegistry {
  const created = new BreakerRegistry(options);
  registries.push(created);
  return created;
}
afterEach(() => registries.splice(0).forEach((created) => created.shutdown()));

const fail = (error: Error) => async (): Promise<never> => {
  throw error;
};

async function failTimes(
  breakers: BreakerRegistry,
  dependency: string,
  times: number,
  error: () => Error = () => new TransientError('down'),
): Promise<void> {
  for (let index = 0; index < times; index += 1) await breakers.call(dependency, fail(error())).catch(() => undefined);
}

describe('BreakerRegistry', () => {
  it('passes calls through and their results back', async () => {
    const breakers = registry();
    await expect(breakers.call('table', async () => 42)).resolves.toBe(42);
    await expect(breakers.call('table', fail(new TransientError('once')))).rejects.toThrow('once');
    expect(breakers.state('table')).toBe('closed');
  });

  it('does not open on a single failure, but past the volume threshold with the error rate', async () => {
    const breakers = registry({ options: { volumeThreshold: 5 } });
    await failTimes(breakers, 'table', 1);
    expect(breakers.state('table')).toBe('closed');
    await failTimes(breakers, 'table', 4);
    expect(breakers.state('table')).toBe('open');
    expect(breakers.openDependencies()).toEqual(['table']);
    let called = false;
    await expect(breakers.call('table', async () => void (called = true))).rejects.toBeInstanceOf(DependencyUnavailableError);
    expect(called).toBe(false);
    expect(breakers.state('bucket')).toBe('closed');
  });

  it('stays closed while the error rate is under the threshold', async () => {
    const breakers = registry({ options: { volumeThreshold: 4, errorThresholdPercentage: 50 } });
    for (let index = 0; index < 10; index += 1) {
      await breakers.call('table', async () => 'ok');
      await breakers.call('table', async () => 'ok');
      await failTimes(breakers, 'table', 1);
    }
    expect(breakers.state('table')).toBe('closed');
  });

  it('is not opened by permanent failures: a bad message is not a sick dependency', async () => {
    const breakers = registry({ options: { volumeThreshold: 3 } });
    await failTimes(breakers, 'table', 20, () => new PermanentError('bad note'));
    expect(breakers.state('table')).toBe('closed');
    await expect(breakers.call('table', fail(new PermanentError('bad')))).rejects.toBeInstanceOf(PermanentError);
  });

  it('lets whenAvailable wait for the reset timeout, then probes through half-open and closes afresh', async () => {
    const breakers = registry({ options: { volumeThreshold: 3, resetTimeoutMs: 150 } });
    const changes: [string, BreakerState][] = [];
    breakers.onChange((dependency, state) => changes.push([dependency, state]));
    await failTimes(breakers, 'table', 3);
    expect(breakers.state('table')).toBe('open');
    const startedAt = performance.now();
    await breakers.whenAvailable(['table', 'queue'], new AbortController().signal);
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(100);
    expect(breakers.state('table')).toBe('half-open');
    await expect(breakers.call('table', async () => 'probe')).resolves.toBe('probe');
    expect(breakers.state('table')).toBe('closed');
    expect(changes).toEqual([
      ['table', 'open'],
      ['table', 'half-open'],
      ['table', 'closed'],
    ]);
    // The failures that opened it are forgotten: one more failure does not reopen it.
    await failTimes(breakers, 'table', 1);
    expect(breakers.state('table')).toBe('closed');
  });

  it('reopens when the half-open probe fails', async () => {
    const breakers = registry({ options: { volumeThreshold: 2, resetTimeoutMs: 50 } });
    await failTimes(breakers, 'table', 2);
    await breakers.whenAvailable(['table'], new AbortController().signal);
    await failTimes(breakers, 'table', 1);
    expect(breakers.state('table')).toBe('open');
  });

  it('rejects whenAvailable on abort', async () => {
    const breakers = registry({ options: { volumeThreshold: 1, resetTimeoutMs: 60_000 } });
    await failTimes(breakers, 'table', 1);
    const controller = new AbortController();
    const waiting = breakers.whenAvailable(['table'], controller.signal);
    controller.abort(new Error('stopping'));
    await expect(waiting).rejects.toThrow('stopping');
  });

  it('shows its state as a gauge', async () => {
    const metrics = new MetricsRegistry();
    const breakers = registry({ metrics, options: { volumeThreshold: 2, resetTimeoutMs: 50 } });
    await breakers.call('table', async () => undefined);
    expect(metrics.snapshot().gauges['breaker.table.open']).toBe(0);
    await failTimes(breakers, 'table', 3);
    expect(metrics.snapshot().gauges['breaker.table.open']).toBe(1);
    await breakers.whenAvailable(['table'], new AbortController().signal);
    await breakers.call('table', async () => undefined);
    expect(metrics.snapshot().gauges['breaker.table.open']).toBe(0);
  });

  it('counts its open breakers in one gauge, for one alarm per service', async () => {
    const metrics = new MetricsRegistry();
    const breakers = registry({ metrics, options: { volumeThreshold: 2, resetTimeoutMs: 50 } });
    await failTimes(breakers, 'table', 3);
    await failTimes(breakers, 'bucket', 3);
    expect(metrics.snapshot().gauges['breakers_open']).toBe(2);
    await breakers.whenAvailable(['table'], new AbortController().signal);
    await breakers.call('table', async () => undefined);
    expect(metrics.snapshot().gauges['breakers_open']).toBe(1);
  });
});
