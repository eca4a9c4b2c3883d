import { catalog } from '@ndf/catalog';
import { configFromEnvironment } from '../config.js';
import { paths } from '../paths.js';
import { banner } from '../platform/banner.js';
import { CONSOLE_ENVIRONMENT } from '../platform/console-line.js';
import { platformEventHandler } from '../platform/platform-events.js';
import { bundleProcesses } from '../platform/bundle.js';
import type { PlatformObserverFactory } from '../platform/platform-observer.js';
import { platformProcesses } from '../platform/processes.js';
import { startScheduleTicks } from '../platform/schedule-ticks.js';
import { startLocalStack } from '../stack.js';
import { Supervisor } from '../supervisor/supervisor.js';
import { onShutdownSignal } from './shutdown.js';

const colours = [36, 35, 33, 32, 34, 91, 92, 93, 94, 95, 96];
const colourOf = (name: string) => colours[[...name].reduce((sum, c) => sum + c.charCodeAt(0), 0) % colours.length];
const tag = (name: string) => `\u001b[${colourOf(name)}m${name.padEnd(18)}\u001b[0m│`;

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
  const environment = { ...stack.environment(), ...CONSOLE_ENVIRONMENT };
  const building = Date.now();
  const bundled = await bundleProcesses(platformProcesses(catalog, paths.repoRoot, environment), paths.bundleCacheDir);
  log(`services built in ${Date.now() - building} ms`);
  const observers = await Promise.all((options.observers ?? []).map((start) => start({ stack, log })));
  const supervisor = new Supervisor(
    bundled.specs,
    platformEventHandler(observers, { line: (service, text) => console.log(`${tag(service)} ${text}`), log }),
  );
  const ticks = startScheduleTicks(catalog, { sqs: stack.clients.sqs, prefix: stack.config.prefix, env: process.env, log });
  if (ticks.schedules.length > 0) log(`schedules: ${ticks.schedules.join(', ')}`);
  onShutdownSignal(async () => {
    log('stopping…');
    ticks.stop();
    await supervisor.stop();
    await Promise.all(observers.map((observer) => observer.stop()));
    await Promise.all([stack.stop(), bundled.remove()]);
    log('stopped');
  });
  supervisor.start();
  console.log(banner(stack, catalog, Date.now() - startedAt));
}
