import { join } from 'node:path';
import { catalog } from '@ndf/catalog';
import { SERVICE_COLUMN } from '@ndf/core';
import { configFromEnvironment } from '../config.js';
import { LogStore } from '../logs/log-store.js';
import { paths } from '../paths.js';
import { banner } from '../platform/banner.js';
import { bundleProcesses } from '../platform/bundle.js';
import { platformEventHandler } from '../platform/platform-events.js';
import type { PlatformObserver, PlatformObserverFactory } from '../platform/platform-observer.js';
import { processLogEnvironment, processOutput } from '../platform/process-output.js';
import { platformProcesses } from '../platform/processes.js';
import { startScheduleTicks } from '../platform/schedule-ticks.js';
import { startLocalStack } from '../stack.js';
import { Supervisor } from '../supervisor/supervisor.js';
import { onShutdownSignal } from './shutdown.js';

const colours = [36, 35, 33, 32, 34, 91, 92, 93, 94, 95, 96];
const colourOf = (name: string) => colours[[...name].reduce((sum, c) => sum + c.charCodeAt(0), 0) % colours.length];
const tag = (name: string) => `\u001b[${colourOf(name)}m${name.padEnd(SERVICE_COLUMN)}\u001b[0m│`;

export interface PlatformCommandOptions {
  readonly inMemory: boolean;
  /** What watches the platform (its monitor): given the processes' EMF documents and the supervisor's events. */
  readonly observers?: readonly PlatformObserverFactory[];
}

/** `pnpm start`: the emulators, then every API and service under the supervisor. */
export async function platformCommand(options: PlatformCommandOptions): Promise<void> {
  const startedAt = Date.now() - process.uptime() * 1000;
  const log = (line: string) => console.log(`${tag('stack')} ${line}`);
  // NDF_DATA_DIR: another platform's data beside the developer's (a chaos run keeps its own).
  const dataDir = options.inMemory ? undefined : (process.env.NDF_DATA_DIR ?? paths.defaultDataDir);
  const stack = await startLocalStack(configFromEnvironment(process.env, dataDir), { log });
  const environment = { ...stack.environment(), ...processLogEnvironment({ metrics: (options.observers ?? []).length > 0 }) };
  // Every process's log lines, kept under the data folder for the search by id and the error groups.
  const logs = new LogStore({
    ...(dataDir === undefined ? {} : { folder: join(dataDir, 'logs') }),
    onWriteError: (error) => log(`log lines not written to disk: ${error instanceof Error ? error.message : String(error)}`),
  });
  const building = Date.now();
  const bundled = await bundleProcesses(platformProcesses(catalog, paths.repoRoot, environment), paths.bundleCacheDir);
  log(`services built in ${Date.now() - building} ms`);
  // In order: an observer may serve what one before it gathers (the console, the monitor's read model).
  const observers: PlatformObserver[] = [];
  for (const start of options.observers ?? []) observers.push(await start({ stack, log, logs }));
  const output = processOutput({
    print: (component, text) => console.log(`${tag(component)} ${text}`),
    store: logs,
    onMetricsLine: (processName, line) => observers.forEach((observer) => observer.metrics(processName, line)),
  });
  const supervisor = new Supervisor(bundled.specs, platformEventHandler(observers, { output, log }));
  const ticks = startScheduleTicks(catalog, { sqs: stack.clients.sqs, prefix: stack.config.prefix, env: process.env, log });
  if (ticks.schedules.length > 0) log(`schedules: ${ticks.schedules.join(', ')}`);
  onShutdownSignal(async () => {
    log('stopping…');
    ticks.stop();
    await supervisor.stop();
    await Promise.all(observers.map((observer) => observer.stop()));
    await Promise.all([stack.stop(), bundled.remove()]);
    logs.close();
    log('stopped');
  });
  supervisor.start();
  console.log(banner(stack, catalog, Date.now() - startedAt));
}
