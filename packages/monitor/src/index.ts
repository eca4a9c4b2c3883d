export { MalformedEmfError, parseEmf, type EmfDatum, type EmfReading } from './emf/parse-emf.js';
export { alarmWindow, readRule, type ReadContext, type RuleReading } from './evaluate/read-rule.js';
export { Monitor, RECENT_EVENTS_KEPT, type AlertListener, type MonitorOptions, type ProcessState } from './monitor.js';
export { LocalReadModel, type LocalReadModelOptions } from './read/local-read-model.js';
export { pipelineEdges } from './read/pipeline-edges.js';
export { QueueDepths, type QueueDepthsOptions, type ServiceQueues } from './sources/queue-depths.js';
export { quarantineIds, type QuarantineIds } from './sources/quarantine-ids.js';
export { ComponentMetrics, MAX_METRIC_NAMES, PERIOD_MS, PERIODS_KEPT, SECONDS_KEPT } from './store/component-metrics.js';
export { MAX_COMPONENTS, MetricStore, type IngestCounts } from './store/metric-store.js';
export {
  NO_LOGS,
  observeSupervisor,
  platformMonitor,
  type PlatformMonitor,
  type PlatformMonitorOptions,
} from './platform/platform-monitor.js';
