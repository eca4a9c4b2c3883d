import { describe, expect, it } from 'vitest';
import { platformEventHandler } from '../src/platform/platform-events.js';
import type { PlatformObserver } from '../src/platform/platform-observer.js';
import type { SupervisorEvent } from '../src/supervisor/supervisor.js';

const EMF = '{"_aws":{"Timestamp":1767607200000,"CloudWatchMetrics":[]},"Service":"ocr"}';

describe("the platform's supervisor events", () => {
  it('hands the EMF documents to the observers and never prints them; prints the rest and hands it on too', () => {
    const printed: string[] = [];
    const metrics: string[] = [];
    const events: SupervisorEvent[] = [];
    const observer: PlatformObserver = {
      metrics: (processName, line) => void metrics.push(`${processName} ${line}`),
      supervisorEvent: (event) => void events.push(event),
      stop: async () => undefined,
    };
    const handle = platformEventHandler([observer], {
      line: (service, text) => void printed.push(`${service} | ${text}`),
      log: (line) => void printed.push(`stack | ${line}`),
    });
    const exited: SupervisorEvent = { type: 'exited', name: 'ocr', code: null, signal: 'SIGKILL', restartInMs: 500, unexpected: true };
    handle({ type: 'output', name: 'service-host', line: EMF });
    handle({ type: 'output', name: 'service-host', line: 'receipt-intake    │ INFO  started' });
    handle(exited);

    expect(metrics).toEqual([`service-host ${EMF}`]);
    expect(printed).toEqual(['receipt-intake | INFO  started', 'stack | ocr exited (SIGKILL); restarting in 500 ms']);
    expect(events).toEqual([{ type: 'output', name: 'service-host', line: 'receipt-intake    │ INFO  started' }, exited]);
  });
});
