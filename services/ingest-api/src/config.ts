import { DEFAULT_PREFIX, apiEntry, bucketName, tableName, type ApiEntry } from '@ndf/catalog';
import type { Environment } from '@ndf/core';
import { HEALTH_CACHE_MS } from '@ndf/http-api';

export const API_NAME = 'ingest-api';

export interface IngestConfig {
  readonly tableName: string;
  readonly bucketName: string;
  /** Past this the handler answers 503 with Retry-After; the Lambda timeout is above it. */
  readonly deadlineMs: number;
  readonly maxBodyBytes: number;
  readonly basePath: string;
  /** How long one health probe answers for every caller of the public health route. */
  readonly healthCacheMs: number;
}

export const ingestApiEntry = (): ApiEntry => apiEntry(API_NAME);

/** Physical names from NDF_PREFIX (the stage's or the local stack's), limits from the catalog. */
export function ingestConfig(env: Environment = process.env, entry: ApiEntry = ingestApiEntry()): IngestConfig {
  const prefix = env.NDF_PREFIX ?? DEFAULT_PREFIX;
  return {
    tableName: tableName(prefix, 'notes'),
    bucketName: bucketName(prefix, 'receipts'),
    deadlineMs: entry.deadlineMs,
    maxBodyBytes: entry.maxBodyBytes,
    basePath: entry.basePath,
    healthCacheMs: HEALTH_CACHE_MS,
  };
}
