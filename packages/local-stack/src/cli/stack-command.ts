import { configFromEnvironment } from '../config.js';
import { paths } from '../paths.js';
import { startLocalStack } from '../stack.js';
import { onShutdownSignal } from './shutdown.js';

/** The emulators alone, provisioned from the catalog, until Ctrl-C. */
export async function stackCommand(options: { inMemory: boolean }): Promise<void> {
  const stack = await startLocalStack(configFromEnvironment(process.env, options.inMemory ? undefined : paths.defaultDataDir), {
    log: (line) => console.log(line),
  });
  onShutdownSignal(() => stack.stop());
  console.log(JSON.stringify({ ready: true, endpoints: stack.endpoints, environment: stack.environment() }, null, 2));
}
