import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { lambdaHandler, type ApiResult } from '@ndf/http-api';
import { API_NAME } from './config.js';
import { ingestApp } from './ingest-app.js';

// One EMF line per request, for the alarms at 10-second periods; locally, one line per request too.
const api = lambdaHandler(API_NAME, ingestApp);

/** The Lambda entry point behind API Gateway (HTTP API, payload format 2.0, JWT authorizer). */
export function handler(event: APIGatewayProxyEventV2WithJWTAuthorizer): Promise<ApiResult> {
  return api(event);
}
