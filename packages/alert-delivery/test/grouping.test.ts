import { describe, expect, it } from 'vitest';
import { Notifier, type AlertNotice, type Channel, type DeliveryFailure } from '../src/index.js';
import { opened } from './incidents.js';
import { ManualTimers } from './manual-timers.js';

/** A channel that keeps what it is given, one entry per message. */
function recording(name = 'recording'): Channel & { messages: AlertNotice[][] } {
  const messages: AlertNotice[][] = [];
  return { name, messages, send: async (notices) => void messages.push([...notices]) };
}

const components = (message: readonly AlertNotice[]) => message.map((notice) => notice.component);
const FAST_RETRY = { startingDelayMs: 1, maxDelayMs: 5 };

describe('the notifier groups events as Alertmanager does', () => {
  it('sends the first event at once, and the ones within the group interval together at its end', async () => {
    const timers = new ManualTimers();
    const channel = recording();
    const notifier = new Notifier({ channels: [channel], groupIntervalMs: 3_000, timers });

    notifier.notify(opened('ocr'));
    await notifier.settled();
    expect(channel.messages.map(components)).toEqual([['ocr']]);

    timers.advance(1_000);
    notifier.notify(opened('format-sniffer'));
    timers.advance(1_000);
    notifier.notify(opened('receipt-intake'));
    await notifier.settled();
    expect(channel.messages).toHaveLength(1);

    timers.advance(1_000);
    await notifier.settled();
    expect(channel.messages.map(components)).toEqual([['ocr'], ['format-sniffer', 'receipt-intake']]);
  });

  it('pages an outage of ten components twice, not ten times, and delivers every event', async () => {
    const timers = new ManualTimers();
    const channel = recording();
    const notifier = new Notifier({ channels: [channel], groupIntervalMs: 3_000, timers });
    const names = Array.from({ length: 10 }, (_, index) => `service-${index}`);
    for (const name of names) {
      notifier.notify(opened(name));
      timers.advance(200);
    }
    timers.advance(3_000);
    await notifier.settled();
    expect(channel.messages).toHaveLength(2);
    expect(channel.messages.flatMap(components)).toEqual(names);
  });

  it('keeps grouping while events keep coming, one message per interval, and sends at once again after a quiet interval', async () => {
    const timers = new ManualTimers();
    const channel = recording();
    const notifier = new Notifier({ channels: [channel], groupIntervalMs: 3_000, timers });
    notifier.notify(opened('a'));
    timers.advance(2_000);
    notifier.notify(opened('b'));
    timers.advance(2_000); // the first interval ends: b goes out, and a new interval starts
    notifier.notify(opened('c'));
    await notifier.settled();
    expect(channel.messages.map(components)).toEqual([['a'], ['b']]);
    timers.advance(3_000); // c goes out; nothing more comes
    timers.advance(3_000); // a quiet interval: the group is closed
    notifier.notify(opened('d'));
    await notifier.settled();
    expect(channel.messages.map(components)).toEqual([['a'], ['b'], ['c'], ['d']]);
  });

  it('retries a failing channel with backoff while the others carry on, and loses nothing', async () => {
    const timers = new ManualTimers();
    const healthy = recording('healthy');
    const failures: DeliveryFailure[] = [];
    let refusals = 3;
    const flaky = recording('flaky');
    const flakySend = flaky.send;
    const failing: Channel = {
      name: 'flaky',
      send: async (notices) => {
        if (refusals-- > 0) throw new Error('relay down');
        await flakySend(notices);
      },
    };
    const notifier = new Notifier({
      channels: [failing, healthy],
      groupIntervalMs: 3_000,
      timers,
      retry: FAST_RETRY,
      onFailure: (failure) => failures.push(failure),
    });
    notifier.notify(opened('ocr'));
    timers.advance(1_000);
    notifier.notify(opened('format-sniffer'));
    timers.advance(2_000);
    await notifier.settled();

    expect(healthy.messages.map(components)).toEqual([['ocr'], ['format-sniffer']]);
    expect(flaky.messages.map(components)).toEqual([['ocr'], ['format-sniffer']]);
    expect(failures.map((failure) => [failure.channel, failure.attempt])).toEqual([
      ['flaky', 1],
      ['flaky', 2],
      ['flaky', 3],
    ]);
  });

  it('reports what it could not deliver when stopped, instead of dropping it silently', async () => {
    const healthy = recording('healthy');
    const down: Channel = { name: 'down', send: async () => Promise.reject(new Error('unreachable')) };
    const notifier = new Notifier({ channels: [down, healthy], groupIntervalMs: 3_000, retry: FAST_RETRY });
    notifier.notify(opened('ocr'));
    notifier.notify(opened('format-sniffer'));
    expect(await notifier.stop(50)).toEqual({ down: 2 });
    expect(healthy.messages.map(components)).toEqual([['ocr'], ['format-sniffer']]);
  });
});
