import { deliveryChannels, deliverySettingsFromEnvironment, Notifier } from '@ndf/alert-delivery';
import type { LogSearch, MonitorReadModel } from '@ndf/alerting';
import { catalog as platformCatalog, type Catalog } from '@ndf/catalog';
import type { PlatformObserver, PlatformObserverFactory, SupervisorEvent } from '@ndf/local-stack';
import { platformQuarantine } from '@ndf/runtime';
import { Monitor } from '../monitor.js';
import { LocalReadModel } from '../read/local-read-model.js';
import { QueueDepths } from '../sources/queue-depths.js';
import { quarantineIds } from '../sources/quarantine-ids.js';

/** No log lines: what a monitor searches when nothing collects its processes' logs (its own tests). */
export const NO_LOGS: LogSearch = { search: () => [], errorGroups: () => [] };

export interface PlatformMonitor extends PlatformObserver {
  readonly monitor: Monitor;
  readonly readModel: MonitorReadModel;
}

/** The supervisor's events as the monitor takes them: an unexpected exit pages, a start says the process runs. */
export function observeSupervisor(monitor: Monitor, event: SupervisorEvent): void {
  if (event.type === 'exited' && event.unexpected) monitor.processExited(event.name);
  if (event.type === 'started') monitor.processStarted(event.name);
}

/**
 * The monitor of `npm start`: fed the processes' EMF documents and the supervisor's events, reading
 * the quarantine and the queues of the platform's emulators, with one console line per alert event.
 */
export interface PlatformMonitorOptions {
  readonly catalog?: Catalog;
  readonly logSearch?: LogSearch;
  /** Given the running monitor: what serves its read model plugs in here. */
  readonly onStarted?: (monitor: PlatformMonitor) => void;
  /** Where the delivery settings come from (NDF_ALERT_*); the process's environment by default. */
  readonly env?: NodeJS.ProcessEnv;
}

export function platformMonitor(options: PlatformMonitorOptions = {}): PlatformObserverFactory {
  const catalog = options.catalog ?? platformCatalog;
  return async ({ stack, log, logs }) => {
    const monitor = new Monitor({
      catalog,
      quarantine: quarantineIds(platformQuarantine(stack.clients, stack.config.prefix)),
      onError: (error) => log(`monitor: ${error instanceof Error ? error.message : String(error)}`),
    });
    const queues = new QueueDepths({
      sqs: stack.clients.sqs,
      prefix: stack.config.prefix,
      services: catalog.services.map((service) => service.name),
    });
    const readModel = new LocalReadModel({ monitor, prefix: stack.config.prefix, logSearch: options.logSearch ?? logs, queues });
    // Alerts go to the mail catcher this platform runs (its port may not be the default), a webhook if set, and the console.
    const delivery = deliverySettingsFromEnvironment({ ...(options.env ?? process.env), NDF_PORT_SMTP: String(stack.config.ports.smtp) });
    const channels = deliveryChannels(delivery, log);
    const notifier = new Notifier({
      channels: channels.channels,
      links: delivery.links,
      groupIntervalMs: delivery.groupIntervalMs,
      onFailure: ({ channel, attempt, error }) =>
        log(`alert delivery by ${channel} failed (attempt ${attempt}, retried): ${error instanceof Error ? error.message : String(error)}`),
    });
    monitor.onAlertEvents((event) => notifier.notify(event));
    monitor.start();
    queues.start();
    const observer: PlatformMonitor = {
      monitor,
      readModel,
      metrics: (_process, line) => void monitor.ingest(line),
      supervisorEvent: (event) => observeSupervisor(monitor, event),
      stop: async () => {
        await Promise.all([monitor.stop(), queues.stop()]);
        const undelivered = await notifier.stop();
        channels.close();
        for (const [channel, count] of Object.entries(undelivered)) log(`${count} alert message(s) not delivered by ${channel}`);
      },
    };
    options.onStarted?.(observer);
    return observer;
  };
}
