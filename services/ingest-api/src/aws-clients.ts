import { Agent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';

export interface IngestClients {
  readonly dynamodb: DynamoDBClient;
  /** Built on first use: creating a note needs no S3, so a cold start does not load its SDK. */
  s3(): Promise<S3Client>;
  destroy(): void;
}

/** Short enough that two attempts and a backoff fit inside the handler's deadline. */
export const CONNECTION_TIMEOUT_MS = 500;
export const REQUEST_TIMEOUT_MS = 1_000;
export const MAX_ATTEMPTS = 2;

function requestHandler(): NodeHttpHandler {
  const agentOptions = { keepAlive: true, maxSockets: 128 };
  return new NodeHttpHandler({
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    requestTimeout: REQUEST_TIMEOUT_MS,
    // Without it a request past requestTimeout is only warned about, never cut.
    throwOnRequestTimeout: true,
    httpAgent: new Agent(agentOptions),
    httpsAgent: new HttpsAgent(agentOptions),
  });
}

/**
 * The two clients the ingest path needs, built once per Lambda container. Endpoints come
 * from the SDK's own AWS_ENDPOINT_URL_<SERVICE> variables (the local stack sets them).
 */
export function ingestClients(env: NodeJS.ProcessEnv = process.env): IngestClients {
  const credentials =
    env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
      ? {
          accessKeyId: env.AWS_ACCESS_KEY_ID,
          secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
          ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
        }
      : undefined;
  const common = {
    ...(env.AWS_REGION ? { region: env.AWS_REGION } : {}),
    ...(credentials ? { credentials } : {}),
    maxAttempts: MAX_ATTEMPTS,
  };
  const dynamodb = new DynamoDBClient({
    ...common,
    requestHandler: requestHandler(),
    ...(env.AWS_ENDPOINT_URL_DYNAMODB ? { endpoint: env.AWS_ENDPOINT_URL_DYNAMODB } : {}),
  });
  let s3: Promise<S3Client> | undefined;
  return {
    dynamodb,
    s3: () =>
      (s3 ??= import('@aws-sdk/client-s3').then(
        ({ S3Client }) =>
          new S3Client({
            ...common,
            requestHandler: requestHandler(),
            ...(env.AWS_ENDPOINT_URL_S3 ? { endpoint: env.AWS_ENDPOINT_URL_S3 } : {}),
            forcePathStyle: env.NDF_S3_FORCE_PATH_STYLE === 'true',
          }),
      )),
    destroy: () => {
      dynamodb.destroy();
      void s3?.then((client) => client.destroy());
    },
  };
}
