import { ALARM_PERIOD_SECONDS, SERVICE_METRIC, type Catalog, type ServiceAlarms } from '@ndf/catalog';
import type {
  AlertsView,
  ComponentKind,
  ComponentStatus,
  ErrorGroup,
  LogLine,
  LogSearch,
  MonitorReadModel,
  PlatformStatus,
  SeriesPoint,
  SeriesView,
} from '@ndf/alerting';
import { alarmWindow } from '../evaluate/read-rule.js';
import type { Monitor } from '../monitor.js';
import type { ServiceQueues } from '../sources/queue-depths.js';
import { PERIOD_MS, PERIODS_KEPT, periodOf } from '../store/component-metrics.js';
import { latencyOf } from './latency.js';
import { pipelineEdges } from './pipeline-edges.js';

export interface LocalReadModelOptions {
  readonly monitor: Monitor;
  /** The platform's resource prefix (queue names in the edges). */
  readonly prefix: string;
  /** The collected log lines: what `logs` and `errors` read. */
  readonly logSearch: LogSearch;
  /** Each service's queue depths, when they are polled. */
  readonly queues?: { of(service: string): ServiceQueues };
}

interface Component {
  readonly name: string;
  readonly kind: ComponentKind;
  /** Services and routers have a heartbeat; an API's adapter answers requests. */
  readonly alarms?: ServiceAlarms;
}

const componentsOf = (catalog: Catalog): Component[] => [
  ...catalog.services.map((service) => ({ name: service.name, kind: 'service' as const, alarms: service.alarms })),
  ...catalog.routers.map((router) => ({ name: router.name, kind: 'router' as const, alarms: router.alarms })),
  ...catalog.apis.map((api) => ({ name: api.name, kind: 'api' as const })),
];

/** The monitor's read side, as the console, the `ops` command line and the alert benchmark read it. */
export class LocalReadModel implements MonitorReadModel {
  private readonly components: readonly Component[];

  constructor(private readonly options: LocalReadModelOptions) {
    this.components = componentsOf(options.monitor.catalog);
  }

  status(): PlatformStatus {
    const { monitor, prefix } = this.options;
    const at = monitor.now();
    const openByComponent = new Map(monitor.book.openAlerts().map((alert) => [alert.component, alert.id]));
    return {
      at,
      components: this.components.map((component) => this.componentStatus(component, at, openByComponent.get(component.name))),
      edges: pipelineEdges(monitor.catalog, prefix),
    };
  }

  alerts(): AlertsView {
    return { open: this.options.monitor.book.openAlerts(), recent: this.options.monitor.recentEvents() };
  }

  series(component: string, minutes: number): SeriesView {
    const { monitor } = this.options;
    const periods = Math.min(PERIODS_KEPT, Math.max(1, Math.round((minutes * 60) / ALARM_PERIOD_SECONDS)));
    const kind = this.components.find((candidate) => candidate.name === component)?.kind ?? 'service';
    const metrics = monitor.store.known(component);
    const last = periodOf(monitor.now());
    const points: SeriesPoint[] = [];
    for (let index = last - periods + 1; index <= last; index += 1) {
      const aggregate = metrics?.period(index);
      const latency = latencyOf(kind, aggregate);
      points.push({ at: index * PERIOD_MS, counts: Object.fromEntries(aggregate?.sums ?? []), ...(latency ? { latency } : {}) });
    }
    return { component, periodSeconds: ALARM_PERIOD_SECONDS, points };
  }

  logs(id: string, limit: number): LogLine[] {
    return this.options.logSearch.search(id, limit);
  }

  errors(minutes: number): ErrorGroup[] {
    return this.options.logSearch.errorGroups(minutes);
  }

  private componentStatus(component: Component, at: number, alertId: string | undefined): ComponentStatus {
    const { monitor, queues } = this.options;
    const metrics = monitor.store.known(component.name);
    const { from, to } = alarmWindow(at);
    const window = metrics?.window(from, to);
    const rates = Object.fromEntries([...(window?.sums ?? [])].map(([name, sum]) => [name, sum / ALARM_PERIOD_SECONDS]));
    const latency = latencyOf(component.kind, window);
    const inFlight = window?.gauges.get(SERVICE_METRIC.inFlight);
    const breakersOpen = window?.gauges.get(SERVICE_METRIC.breakersOpen);
    const depths = component.kind === 'service' ? queues?.of(component.name) : undefined;
    return {
      name: component.name,
      kind: component.kind,
      up: this.isUp(component, at),
      ...(metrics?.lastReportAt === undefined ? {} : { lastSeenAt: metrics.lastReportAt }),
      rates,
      ...(latency ? { latency } : {}),
      ...(inFlight === undefined ? {} : { inFlight }),
      ...(breakersOpen === undefined ? {} : { breakersOpen }),
      ...depths,
      ...(alertId === undefined ? {} : { alertId }),
    };
  }

  private isUp(component: Component, at: number): boolean {
    const { monitor } = this.options;
    if (component.alarms === undefined) return monitor.processState(component.name)?.running ?? true;
    const last = monitor.store.known(component.name)?.lastHeartbeatAt;
    return last !== undefined && at - last <= component.alarms.heartbeatMissingSeconds * 1000;
  }
}
