import { DEFAULT_PREFIX, apiEntry, bucketName, tableName, type ApiEntry } from '@ndf/catalog';
import type { Environment } from '@ndf/core';
import { HEALTH_CACHE_MS } from '@ndf/http-api';

export const API_NAME = 'expense-api';

export interface ExpenseConfig {
  readonly tableName: string;
  /** The shared reference data (the daily exchange rates) an admin loads. */
  readonly referenceTable: string;
  /** Where the reimbursement batches' SEPA files are stored. */
  readonly exportsBucket: string;
  /** Where the audit trail keeps every change of a note (read only). */
  readonly auditBucketName: string;
  /** Past this the handler answers 503 with Retry-After; the Lambda timeout is above it. */
  readonly deadlineMs: number;
  readonly maxBodyBytes: number;
  readonly basePath: string;
  /** How long one health probe answers for every caller of the public health route. */
  readonly healthCacheMs: number;
}

export const expenseApiEntry = (): ApiEntry => apiEntry(API_NAME);

/** Physical names from NDF_PREFIX (the stage's or the local stack's), limits from the catalog. */
export function expenseConfig(env: Environment = process.env, entry: ApiEntry = expenseApiEntry()): ExpenseConfig {
  const prefix = env.NDF_PREFIX ?? DEFAULT_PREFIX;
  return {
    tableName: tableName(prefix, 'notes'),
    referenceTable: tableName(prefix, 'reference'),
    exportsBucket: bucketName(prefix, 'exports'),
    auditBucketName: bucketName(prefix, 'audit'),
    deadlineMs: entry.deadlineMs,
    maxBodyBytes: entry.maxBodyBytes,
    basePath: entry.basePath,
    healthCacheMs: HEALTH_CACHE_MS,
  };
}
