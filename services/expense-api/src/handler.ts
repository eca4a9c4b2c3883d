import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { lambdaHandler, type ApiResult } from '@ndf/http-api';
import { API_NAME } from './config.js';
import { expenseApp } from './expense-app.js';

const api = lambdaHandler(API_NAME, expenseApp);

/** The Lambda entry point behind API Gateway (HTTP API, payload format 2.0, JWT authorizer). */
export function handler(event: APIGatewayProxyEventV2WithJWTAuthorizer): Promise<ApiResult> {
  return api(event);
}
