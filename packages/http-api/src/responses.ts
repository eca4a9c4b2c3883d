import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { ProblemError } from './problem.js';

export type ApiResult = APIGatewayProxyStructuredResultV2 & { statusCode: number; headers: Record<string, string> };

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): ApiResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}

export function noContent(headers: Record<string, string> = {}): ApiResult {
  return { statusCode: 204, headers: { 'cache-control': 'no-store', ...headers } };
}

export function problem(error: ProblemError, instance: string | undefined, requestId: string | undefined): ApiResult {
  return {
    statusCode: error.status,
    headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store', ...error.headers },
    body: JSON.stringify(error.toProblem(instance, requestId)),
  };
}

/** A note's version as an entity tag. */
export const etagOf = (version: number): string => `"${version}"`;
