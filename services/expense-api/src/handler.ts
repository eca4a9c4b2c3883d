import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { apiClientSettings, stdoutMetrics, type ApiResult } from '@ndf/http-api';
import { createExpenseApi } from './app.js';
import { API_NAME, expenseConfig } from './config.js';
import { expenseContract } from './validation/contract.js';

// Built once per container, at import: the init phase pays for the client and compiled validators, not the first request.
const api = createExpenseApi({
  dynamodb: new DynamoDBClient(apiClientSettings('dynamodb')),
  s3: new S3Client(apiClientSettings('s3')),
  contract: expenseContract(),
  config: expenseConfig(),
  clock: () => new Date(),
  log: (entry) => console.error(JSON.stringify({ time: new Date().toISOString(), service: API_NAME, ...entry })),
  metrics: stdoutMetrics,
});

/** The Lambda entry point behind API Gateway (HTTP API, payload format 2.0, JWT authorizer). */
export function handler(event: APIGatewayProxyEventV2WithJWTAuthorizer): Promise<ApiResult> {
  return api(event);
}
