import type { AlertsView, PlatformStatus } from '@ndf/alerting';
import { MONITOR_ROUTES } from '@ndf/alerting';
import { consolePort, mintOperatorToken } from '@ndf/ops-console';
import { UsageError } from './usage.js';

/** What the laptop's monitor says, read from its ops console's API with a fresh operator token. */
export interface LaptopMonitor {
  status(): Promise<PlatformStatus>;
  alerts(): Promise<AlertsView>;
}

export function laptopMonitor(env: NodeJS.ProcessEnv): LaptopMonitor {
  const issuerUrl = env.NDF_JWT_ISSUER;
  if (!issuerUrl) throw new UsageError("status and alerts read the laptop's monitor only with its token issuer (npm start runs both)");
  const consoleUrl = `http://127.0.0.1:${consolePort(env)}`;
  let token: Promise<string> | undefined;
  const read = async <T>(route: string): Promise<T> => {
    token ??= mintOperatorToken({ issuerUrl, operator: `${env.USER || 'operator'}@localhost` });
    let response: Response;
    try {
      response = await fetch(`${consoleUrl}${route}`, {
        headers: { authorization: `Bearer ${await token}` },
        signal: AbortSignal.timeout(5_000),
      });
    } catch {
      throw new Error(`no ops console answers at ${consoleUrl}: start the platform first (npm start)`);
    }
    if (!response.ok) throw new Error(`the ops console answered ${response.status} to ${route}`);
    return (await response.json()) as T;
  };
  return { status: () => read(MONITOR_ROUTES.status), alerts: () => read(MONITOR_ROUTES.alerts) };
}
