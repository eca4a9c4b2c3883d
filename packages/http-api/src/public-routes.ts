import { RETRY_AFTER_SECONDS } from './deadline.js';
import { json, type ApiResult } from './responses.js';

/** The route that serves an API's OpenAPI document, serialised once. */
export function openApiRoute(document: object): () => Promise<ApiResult> {
  const text = JSON.stringify(document);
  return async () => ({
    statusCode: 200,
    headers: { 'content-type': 'application/json', 'cache-control': 'public, max-age=300' },
    body: text,
  });
}

/** How long one round of health probes answers for every caller, by default. */
export const HEALTH_CACHE_MS = 5_000;

/** Past this a probe counts as failed; under the handler's deadline, so that health answers in time. */
const PROBE_TIMEOUT_MS = 2_000;

/** One dependency's check: resolves when it works. */
export type HealthProbe = (signal: AbortSignal) => Promise<unknown>;

export interface HealthOptions {
  /** By the name the answer gives each check (`dynamodb`, `s3`). */
  readonly probes: Readonly<Record<string, HealthProbe>>;
  /** How long one round of probes answers for every caller. */
  readonly cacheMs: number;
  readonly clock: () => Date;
  readonly log: (entry: Record<string, unknown>) => void;
}

type HealthChecks = Record<string, { ok: boolean }>;

/** Whether a probe passed; why not is for the logs, never for an anonymous caller. */
async function passes(probe: HealthProbe, log: HealthOptions['log'], check: string): Promise<boolean> {
  try {
    await probe(AbortSignal.timeout(PROBE_TIMEOUT_MS));
    return true;
  } catch (error) {
    log({ level: 'warn', event: 'health-probe-failed', check, error: error instanceof Error ? error.name : 'unknown' });
    return false;
  }
}

/**
 * The public health route: 200 when every probe passes, 503 with Retry-After otherwise, with
 * booleans only. One round of probes at most every `cacheMs`, shared by the requests that come
 * meanwhile, so that anonymous callers cannot make it reach the stores at their own rate.
 */
export function healthRoute(options: HealthOptions): () => Promise<ApiResult> {
  let last: { at: number; checks: Promise<HealthChecks> } | undefined;
  const probe = async (): Promise<HealthChecks> => {
    const names = Object.keys(options.probes);
    const results = await Promise.all(names.map((name) => passes(options.probes[name]!, options.log, name)));
    return Object.fromEntries(names.map((name, index) => [name, { ok: results[index]! }]));
  };
  return async () => {
    const now = options.clock().getTime();
    if (!last || now - last.at >= options.cacheMs) last = { at: now, checks: probe() };
    const checks = await last.checks;
    const ok = Object.values(checks).every((check) => check.ok);
    return json(ok ? 200 : 503, { status: ok ? 'ok' : 'degraded', checks }, ok ? {} : { 'retry-after': String(RETRY_AFTER_SECONDS) });
  };
}
