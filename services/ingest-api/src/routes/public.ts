import { openApiDocument } from '@ndf/contracts';
import { RETRY_AFTER_SECONDS } from '../http/deadline.js';
import { json } from '../http/responses.js';
import type { IngestDependencies, PublicRoute } from './route.js';

const documentText = JSON.stringify(openApiDocument);

export async function getOpenApi() {
  return { statusCode: 200, headers: { 'content-type': 'application/json', 'cache-control': 'public, max-age=300' }, body: documentText };
}

/** Past this a probe counts as failed; under the handler's deadline, so that health answers in time. */
const PROBE_TIMEOUT_MS = 2_000;

interface HealthChecks {
  readonly dynamodb: { readonly ok: boolean };
  readonly s3: { readonly ok: boolean };
}

/** Whether a probe passed; why not is for the logs, never for an anonymous caller. */
async function passes(work: (signal: AbortSignal) => Promise<unknown>, log: IngestDependencies['log'], check: string): Promise<boolean> {
  try {
    await work(AbortSignal.timeout(PROBE_TIMEOUT_MS));
    return true;
  } catch (error) {
    log({ level: 'warn', event: 'health-probe-failed', check, error: error instanceof Error ? error.name : 'unknown' });
    return false;
  }
}

/**
 * The health route: whether a note could be written now, and receipts presigned into an
 * existing bucket. One probe of each at most every `cacheMs`, shared by the requests that come
 * meanwhile, so that anonymous callers cannot make it write to DynamoDB at their own rate.
 */
export function healthRoute(deps: IngestDependencies, cacheMs: number): PublicRoute {
  let last: { at: number; checks: Promise<HealthChecks> } | undefined;
  const probe = async (): Promise<HealthChecks> => {
    const [dynamodb, s3] = await Promise.all([
      passes((signal) => deps.store.probeWrite(signal), deps.log, 'dynamodb'),
      passes((signal) => deps.files.probeBucket(signal), deps.log, 's3'),
    ]);
    return { dynamodb: { ok: dynamodb }, s3: { ok: s3 } };
  };
  return async () => {
    const now = deps.clock().getTime();
    if (!last || now - last.at >= cacheMs) last = { at: now, checks: probe() };
    const checks = await last.checks;
    const ok = checks.dynamodb.ok && checks.s3.ok;
    return json(ok ? 200 : 503, { status: ok ? 'ok' : 'degraded', checks }, ok ? {} : { 'retry-after': String(RETRY_AFTER_SECONDS) });
  };
}
