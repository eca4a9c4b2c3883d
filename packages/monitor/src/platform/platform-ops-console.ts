import type { MonitorReadModel } from '@ndf/alerting';
import { stackTokenChecks, type PlatformObserverFactory } from '@ndf/local-stack';
import { startPlatformConsole } from '@ndf/ops-console';

/**
 * The ops console of `npm start`, on the monitor's read model (`readModel` is asked once the
 * platform's observers before it have started) and the platform's own emulators and token issuer.
 */
export function platformOpsConsole(readModel: () => MonitorReadModel, env: NodeJS.ProcessEnv = process.env): PlatformObserverFactory {
  return async ({ stack, log }) => {
    const opsConsole = await startPlatformConsole({
      monitor: readModel(),
      clients: stack.clients,
      prefix: stack.config.prefix,
      tokens: stackTokenChecks(stack),
      env,
      onError: (error, path) => log(`ops console: ${path}: ${error instanceof Error ? error.message : String(error)}`),
    });
    log(`ops console on ${opsConsole.url} (npm run ops -- console prints a link that signs you in)`);
    return { metrics: () => undefined, supervisorEvent: () => undefined, stop: () => opsConsole.stop() };
  };
}
