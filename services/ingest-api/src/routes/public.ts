import { openApiDocument } from '@ndf/contracts';
import { healthRoute as checkedHealth, openApiRoute } from '@ndf/http-api';
import type { IngestDependencies } from './route.js';

export const getOpenApi = openApiRoute(openApiDocument);

/** The health route: whether a note could be written now, and receipts presigned into an existing bucket. */
export const healthRoute = (deps: IngestDependencies) =>
  checkedHealth({
    probes: { dynamodb: (signal) => deps.store.probeWrite(signal), s3: (signal) => deps.files.probeBucket(signal) },
    cacheMs: deps.config.healthCacheMs,
    clock: deps.clock,
    log: deps.log,
  });
