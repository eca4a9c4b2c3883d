import { catalog } from '@ndf/catalog';
import { rulesFromCatalog, type AlertEvent } from '@ndf/alerting';
import {
  paths,
  platformEventHandler,
  processOutput,
  serviceDefinitionModule,
  serviceHostSpec,
  Supervisor,
  waitUntil,
} from '@ndf/local-stack';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { Monitor, observeSupervisor, type PlatformMonitor } from '@ndf/monitor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// A real service hosted by the platform's service host, under the supervisor, its EMF documents
// and the supervisor's events going to the monitor as `npm start` sends them: killed, it pages.
const SERVICE = 'format-sniffer';
let stack: SharedStack;
let supervisor: Supervisor;
const monitor = new Monitor({ catalog, rules: rulesFromCatalog(catalog).filter((rule) => rule.component === SERVICE) });
const events: AlertEvent[] = [];
monitor.onAlertEvents((event) => void events.push(event));
/** What `npm start` gives the monitor, without its emulators' pollers. */
const observer: Pick<PlatformMonitor, 'metrics' | 'supervisorEvent' | 'stop'> = {
  metrics: (_process, line) => void monitor.ingest(line),
  supervisorEvent: (event) => observeSupervisor(monitor, event),
  stop: () => monitor.stop(),
};

beforeAll(async () => {
  stack = await useSharedStack('monitor-exit-', catalog);
  const module = serviceDefinitionModule(paths.repoRoot, SERVICE)!;
  supervisor = new Supervisor(
    [
      serviceHostSpec(paths.repoRoot, { ...stack.environment(), NDF_EMF: 'true', LOG_LEVEL: 'warn' }, [
        { name: SERVICE, module, exportName: 'service', env: { NDF_SERVICE: SERVICE } },
      ]),
    ],
    platformEventHandler([observer], {
      output: processOutput({ print: () => undefined, onMetricsLine: (name, line) => observer.metrics(name, line) }),
      log: () => undefined,
    }),
    { initialDelayMs: 100, maxDelayMs: 1_000, stableAfterMs: 60_000 },
  );
  supervisor.start();
  monitor.start();
});
afterAll(async () => {
  await monitor.stop();
  await supervisor?.stop();
  await stack?.stop();
});

describe('the monitor under the supervisor', () => {
  it('opens process-exited when a hosted unit is killed', async () => {
    await waitUntil('the unit reporting through its host', async () => monitor.store.known(SERVICE)?.lastHeartbeatAt !== undefined, 60_000);
    expect(monitor.processState(SERVICE)?.running).toBe(true);
    expect(events).toEqual([]);

    await supervisor.kill(SERVICE);
    await waitUntil('the alert', async () => events.length > 0, 15_000);
    expect(events[0]).toMatchObject({ kind: 'opened', alert: { component: SERVICE, runbook: 'process-exited' } });
    expect(monitor.processState(SERVICE)?.running).toBe(false);
  }, 90_000);

  it('counts an exit of every unit of a host that crashes', async () => {
    supervisor.resume(SERVICE);
    await waitUntil('the unit running again', async () => monitor.processState(SERVICE)?.running === true, 60_000);
    const exits = () =>
      monitor.store
        .known(SERVICE)
        ?.window(monitor.startedAt, monitor.now() + 1_000)
        ?.sums.get('process_exited') ?? 0;
    const before = exits();
    const host = supervisor.status().find((status) => status.name === 'service-host')!;
    process.kill(host.pid!, 'SIGKILL');
    await waitUntil('the unit gone with its host', async () => monitor.processState(SERVICE)?.running === false, 15_000);
    expect(exits()).toBe(before + 1);
  }, 90_000);
});
