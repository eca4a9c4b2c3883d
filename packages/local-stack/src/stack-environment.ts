import { ENDPOINT_VARIABLES, S3_PATH_STYLE_VARIABLE } from '@ndf/core';
import { configFromEnvironment, type StackConfig } from './config.js';
import { LOOPBACK } from './net/ports.js';
import type { LocalStackEndpoints } from './stack.js';

/**
 * The environment a service or an API gets: the SDK's own endpoint variables, so handlers
 * build their clients exactly as in the cloud, plus the platform's settings.
 */
export function stackEnvironment(config: StackConfig, endpoints: LocalStackEndpoints, audience: string): Record<string, string> {
  return {
    AWS_REGION: config.region,
    AWS_ACCESS_KEY_ID: config.accessKeyId,
    AWS_SECRET_ACCESS_KEY: config.secretAccessKey,
    [ENDPOINT_VARIABLES.dynamodb]: endpoints.dynamodb,
    [ENDPOINT_VARIABLES.dynamodbStreams]: endpoints.dynamodb,
    [ENDPOINT_VARIABLES.sqs]: endpoints.sqs,
    [ENDPOINT_VARIABLES.s3]: endpoints.s3,
    [S3_PATH_STYLE_VARIABLE]: 'true',
    NDF_PREFIX: config.prefix,
    NDF_SMTP_HOST: endpoints.smtp.host,
    NDF_SMTP_PORT: String(endpoints.smtp.port),
    NDF_JWT_ISSUER: endpoints.issuer,
    NDF_JWT_AUDIENCE: audience,
    NDF_JWKS_URL: endpoints.jwks,
    // DynamoDB Local stamps stream records down to the minute (DynamoDB: to the second): a stream
    // reader measures its lag from the minute's end, or a fresh record would read up to 60 s old.
    NDF_STREAM_TIMESTAMP_GRANULARITY_MS: String(DYNAMODB_LOCAL_STREAM_TIMESTAMP_GRANULARITY_MS),
  };
}

/** How coarsely DynamoDB Local stamps a stream record's ApproximateCreationDateTime (measured: rounded down to the minute). */
export const DYNAMODB_LOCAL_STREAM_TIMESTAMP_GRANULARITY_MS = 60_000;

/**
 * The AWS part of the environment of the developer's running platform (`npm start`), read from
 * the same port variables: what a command line needs to act on it without starting anything.
 */
export function laptopAwsEnvironment(env: NodeJS.ProcessEnv): Record<string, string> {
  const config = configFromEnvironment(env, undefined);
  const at = (port: number) => `http://${LOOPBACK}:${port}`;
  return {
    AWS_REGION: config.region,
    AWS_ACCESS_KEY_ID: config.accessKeyId,
    AWS_SECRET_ACCESS_KEY: config.secretAccessKey,
    [ENDPOINT_VARIABLES.dynamodb]: at(config.ports.dynamodb),
    [ENDPOINT_VARIABLES.dynamodbStreams]: at(config.ports.dynamodb),
    [ENDPOINT_VARIABLES.sqs]: at(config.ports.sqs),
    [ENDPOINT_VARIABLES.s3]: at(config.ports.s3),
    [S3_PATH_STYLE_VARIABLE]: 'true',
    NDF_PREFIX: config.prefix,
  };
}
