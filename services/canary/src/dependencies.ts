import { apiUrlVariable, calledApis, serviceEntry } from '@ndf/catalog';
import type { DependencyContext } from '@ndf/runtime';
import type { CanaryRunDependencies } from './canary-run.js';

export type { CanaryRunDependencies } from './canary-run.js';
import { canarySettings } from './config.js';
import { IngestClient } from './ingest-client.js';
import { loadKnownReceipt } from './known-receipt.js';
import { tokenSourceFrom, type TokenSource } from './token-source.js';

/** The canary's settings, token source, API client and known receipt, from its environment; a setting that cannot work stops it at once. */
export async function canaryDependencies({ env }: Pick<DependencyContext, 'env'>): Promise<CanaryRunDependencies> {
  const settings = canarySettings(env);
  const entry = serviceEntry('canary');
  const { deadlineMs } = entry.limits;
  if (settings.tickPeriodMs + settings.intervalMs > deadlineMs)
    throw new Error(`A tick's runs (its period and one interval more) must fit in the canary's deadline of ${deadlineMs / 1000} s.`);
  const variable = apiUrlVariable({ name: calledApis(entry)[0]! });
  const apiUrl = env[variable];
  if (!apiUrl) throw new Error(`${variable} is not set: the canary needs the address of the API it calls.`);
  return {
    settings,
    tokens: tokenSourceOrItsProblem(env),
    api: new IngestClient(apiUrl, settings.requestTimeoutMs),
    receipt: await loadKnownReceipt(),
    now: Date.now,
  };
}

/**
 * The token source, or one that fails every run with why there is none: a canary deployed without
 * its credentials pages through canary_failed (step `token`, the reason in its line), as a blind
 * canary should, rather than through its ticks' quarantine.
 */
function tokenSourceOrItsProblem(env: NodeJS.ProcessEnv): TokenSource {
  try {
    return tokenSourceFrom(env);
  } catch (error) {
    return { token: () => Promise.reject(error as Error) };
  }
}
