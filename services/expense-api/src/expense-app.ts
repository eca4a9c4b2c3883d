import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import type { Environment } from '@ndf/core';
import { apiClientSettings, type ApiApp, type ApiRuntime } from '@ndf/http-api';
import { createExpenseApi } from './app.js';
import { expenseConfig, type ExpenseConfig } from './config.js';
import { expenseContract } from './validation/contract.js';

export interface ExpenseApp extends ApiApp {
  readonly config: ExpenseConfig;
}

/**
 * The expense API built from an environment's endpoints and NDF_PREFIX (the Lambda's, or a test
 * stack's) and a runtime; `config` overrides what the catalog and the prefix give (a test's deadline).
 */
export function expenseApp(env: Environment, runtime: ApiRuntime, config: Partial<ExpenseConfig> = {}): ExpenseApp {
  const dynamodb = new DynamoDBClient(apiClientSettings('dynamodb', env));
  const s3 = new S3Client(apiClientSettings('s3', env));
  const resolved = { ...expenseConfig(env), ...config };
  return {
    handle: createExpenseApi({ dynamodb, s3, contract: expenseContract(), config: resolved, ...runtime }),
    config: resolved,
    destroy: () => {
      dynamodb.destroy();
      s3.destroy();
    },
  };
}
