import { openApiDocument } from '@ndf/contracts';
import { RETRY_AFTER_SECONDS } from '../http/deadline.js';
import { json } from '../http/responses.js';
import type { RouteContext } from './route.js';

const documentText = JSON.stringify(openApiDocument);

export async function getOpenApi() {
  return { statusCode: 200, headers: { 'content-type': 'application/json', 'cache-control': 'public, max-age=300' }, body: documentText };
}

async function timed(work: () => Promise<unknown>): Promise<{ ok: boolean; latencyMs: number; error?: string }> {
  const startedAt = performance.now();
  try {
    await work();
    return { ok: true, latencyMs: Math.round(performance.now() - startedAt) };
  } catch (error) {
    return {
      ok: false,
      latencyMs: Math.round(performance.now() - startedAt),
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    };
  }
}

/** Whether a note could be written now, and receipts presigned into an existing bucket. */
export async function getHealth(context: RouteContext) {
  const [dynamodb, s3] = await Promise.all([
    timed(() => context.deps.store.probeWrite(context.signal)),
    timed(() => context.deps.files.probeBucket(context.signal)),
  ]);
  const ok = dynamodb.ok && s3.ok;
  return json(
    ok ? 200 : 503,
    { status: ok ? 'ok' : 'degraded', checks: { dynamodb, s3 } },
    ok ? {} : { 'retry-after': String(RETRY_AFTER_SECONDS) },
  );
}
