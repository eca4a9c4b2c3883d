import type { StackConfig } from './config.js';
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
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_DYNAMODB_STREAMS: endpoints.dynamodb,
    AWS_ENDPOINT_URL_SQS: endpoints.sqs,
    AWS_ENDPOINT_URL_S3: endpoints.s3,
    NDF_S3_FORCE_PATH_STYLE: 'true',
    NDF_PREFIX: config.prefix,
    NDF_SMTP_HOST: endpoints.smtp.host,
    NDF_SMTP_PORT: String(endpoints.smtp.port),
    NDF_JWT_ISSUER: endpoints.issuer,
    NDF_JWT_AUDIENCE: audience,
    NDF_JWKS_URL: endpoints.jwks,
  };
}
