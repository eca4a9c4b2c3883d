import { describe, expect, it } from 'vitest';
import { platformEventHandler } from '../src/platform/platform-events.js';
import type { PlatformObserver } from '../src/platform/platform-observer.js';
import { processOutput } from '../src/platform/process-output.js';
import type { SupervisorEvent } from '../src/supervisor/supervisor.js';

const EMF = '{"_aws":{"Timestamp":1767607200000,"CloudWatchMetrics":[]},"Service":"ocr"}';
const LOG = '{"level":"info","time":1767607200000,"service":"receipt-intake","event":"started"}';

describe("the platform's supervisor events", () => {
  it('hands the EMF documents to the observers and never prints nor keeps them; prints and keeps the log lines; hands the other events on', () => {
    const printed: string[] = [];
    const kept: string[] = [];
    const metrics: string[] = [];
    const events: SupervisorEvent[] = [];
    const observer: PlatformObserver = {
      metrics: (processName, line) => void metrics.push(`${processName} ${line}`),
      supervisorEvent: (event) => void events.push(event),
      stop: async () => undefined,
    };
    const output = processOutput({
      print: (component, text) => void printed.push(`${component} | ${text}`),
      store: { append: (line) => void kept.push(`${line.component} ${line.event}`) },
      onMetricsLine: (processName, line) => observer.metrics(processName, line),
    });
    const handle = platformEventHandler([observer], { output, log: (line) => void printed.push(`stack | ${line}`) });
    const exited: SupervisorEvent = { type: 'exited', name: 'ocr', code: null, signal: 'SIGKILL', restartInMs: 500, unexpected: true };
    handle({ type: 'output', name: 'service-host', line: EMF, stream: 'stdout' });
    handle({ type: 'output', name: 'service-host', line: LOG, stream: 'stdout' });
    handle(exited);

    expect(metrics).toEqual([`service-host ${EMF}`]);
    expect(printed).toHaveLength(2);
    expect(printed[0]).toMatch(/^receipt-intake \| .*started/);
    expect(printed[1]).toBe('stack | ocr exited (SIGKILL); restarting in 500 ms');
    expect(kept).toEqual(['receipt-intake started']);
    expect(events).toEqual([exited]);
  });
});
