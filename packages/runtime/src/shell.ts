import { DEFAULT_PREFIX, RUNTIME_DRAIN_MS, tableName } from '@ndf/catalog';
import type { Logger } from 'pino';
import { serviceClients, type ServiceClients } from './aws/clients.js';
import { refuseCallsOnceHalted, stdoutUntilHalted } from './lifecycle/halt.js';
import { shutdownSignal } from './lifecycle/shutdown.js';
import { MetricsRegistry, createLogger, emitEmf, logFormatFrom, serveMetrics, startHeartbeat, type Health } from './observability/index.js';
import { platformQuarantine, type DynamoQuarantineStore } from './quarantine/index.js';
import { BreakerRegistry } from './resilience/index.js';

export interface RunOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** Stops the service; defaults to SIGTERM, SIGINT or the supervisor going away. */
  readonly signal?: AbortSignal;
  /** How long in-flight work may finish after a stop. */
  readonly drainMs?: number;
  readonly logger?: Logger;
  /**
   * Stops the service at once, as SIGKILL stops a process: no drain, no further call to AWS
   * (messages in hand come back after their visibility timeout), no more log lines, heartbeat
   * and metrics endpoint gone. For several services sharing one process, each killed alone.
   */
  readonly halt?: AbortSignal;
  /** Where the EMF documents go, whatever NDF_EMF says: a monitor in the same process reads them there. */
  readonly emf?: (line: string) => void;
}

export interface RunningService {
  readonly metricsUrl: string;
  readonly metrics: MetricsRegistry;
  readonly breakers: BreakerRegistry;
  /** Resolves once the service has stopped and drained, or at once when halted. */
  readonly stopped: Promise<void>;
}

/** What every long-running process of the platform has, whatever feeds it. */
export interface Shell {
  readonly name: string;
  readonly env: NodeJS.ProcessEnv;
  readonly prefix: string;
  /** Aborts when the process is asked to stop. */
  readonly signal: AbortSignal;
  readonly drainMs: number;
  readonly logger: Logger;
  readonly clients: ServiceClients;
  readonly metrics: MetricsRegistry;
  readonly breakers: BreakerRegistry;
  readonly quarantine: DynamoQuarantineStore;
  /** Physical name of the catalog's `runtime` table. */
  readonly runtimeTable: string;
}

/** The work a shell runs: started once the shell is up, stopped (drained) when it is asked to stop. */
export interface ShellWork {
  readonly health?: () => Health;
  readonly startedDetail?: Record<string, unknown>;
  stop(): Promise<void>;
}

/**
 * Starts the parts every process shares (logs, SDK clients, metrics over HTTP and as EMF,
 * heartbeat, breakers, quarantine), then the work; on stop, drains the work, then the rest.
 */
export async function startShell(
  name: string,
  options: RunOptions,
  startWork: (shell: Shell) => Promise<ShellWork>,
): Promise<RunningService> {
  const env = options.env ?? process.env;
  const prefix = env.NDF_PREFIX ?? DEFAULT_PREFIX;
  const halt = options.halt;
  const logger =
    options.logger ??
    createLogger({
      service: name,
      level: (env.LOG_LEVEL as 'info' | undefined) ?? 'info',
      format: logFormatFrom(env),
      ...(halt ? { destination: stdoutUntilHalted(halt) } : {}),
    });
  const clients = serviceClients(env);
  if (halt) refuseCallsOnceHalted(clients, halt);
  const metrics = new MetricsRegistry();
  const breakers = new BreakerRegistry({ metrics });
  const runtimeTable = tableName(prefix, 'runtime');
  const quarantine = platformQuarantine(clients, prefix);
  const signal = options.signal ?? shutdownSignal();
  const shell: Shell = {
    name,
    env,
    prefix,
    signal,
    drainMs: options.drainMs ?? RUNTIME_DRAIN_MS,
    logger,
    clients,
    metrics,
    breakers,
    quarantine,
    runtimeTable,
  };

  const work = await startWork(shell);
  const metricsServer = await serveMetrics({
    registry: metrics,
    port: Number(env.NDF_METRICS_PORT ?? 0),
    service: name,
    health:
      work.health ?? (() => ({ ok: breakers.openDependencies().length === 0, detail: { openBreakers: breakers.openDependencies() } })),
  });
  const stopHeartbeat = startHeartbeat(metrics);
  const stopEmf = options.emf
    ? emitEmf(metrics, { service: name, write: options.emf })
    : env.NDF_EMF === 'true'
      ? emitEmf(metrics, { service: name })
      : () => undefined;
  logger.info({ event: 'started', metrics: metricsServer.url, ...work.startedDetail });

  const stopped = new Promise<void>((resolve) => {
    let ending = false;
    const stopAround = async () => {
      stopHeartbeat();
      stopEmf();
      breakers.shutdown();
      await metricsServer.stop();
    };
    const stop = async () => {
      if (ending) return;
      ending = true;
      logger.info({ event: 'stopping' });
      await work.stop();
      await stopAround();
      logger.info({ event: 'stopped' });
      logger.flush();
      resolve();
    };
    const haltNow = () => {
      ending = true;
      // The work unwinds in the background: every call it still makes is refused (see refuseCallsOnceHalted).
      void work.stop().catch(() => undefined);
      void stopAround().catch(() => undefined);
      resolve();
    };
    if (signal.aborted) void stop();
    else signal.addEventListener('abort', () => void stop(), { once: true });
    if (halt?.aborted) haltNow();
    else halt?.addEventListener('abort', haltNow, { once: true });
  });
  return { metricsUrl: metricsServer.url, metrics, breakers, stopped };
}

/** An entry point's last line: runs until SIGTERM, drains, and exits 0. */
export async function runUntilStopped(running: Promise<RunningService>): Promise<void> {
  await (
    await running
  ).stopped;
  process.exit(0);
}
