export { EMF_NAMESPACE, emfLine, emitEmf, toEmf, type EmfValue, type EmitEmfOptions } from './emf.js';
export { startHeartbeat } from './heartbeat.js';
export {
  CORRELATION_ATTRIBUTE,
  createLogger,
  logFormatFrom,
  withCorrelation,
  type Correlation,
  type LogFormat,
  type LoggerOptions,
} from './logger.js';
export { serveMetrics, type Health, type MetricsServer, type MetricsServerOptions } from './metrics-http.js';
export { MetricsRegistry, type LatencySummary, type MetricsSnapshot, type SecondSnapshot } from './metrics-registry.js';
export { noMetrics, type Metrics } from './metrics.js';
