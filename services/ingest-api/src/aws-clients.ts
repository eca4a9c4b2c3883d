import { Agent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { clientSettings, type ClientLimits, type ClientSettings, type Environment } from '@ndf/core';
import { NodeHttpHandler } from '@smithy/node-http-handler';

export interface IngestClients {
  readonly dynamodb: DynamoDBClient;
  /** Built on first use: creating a note needs no S3, so a cold start does not load its SDK. */
  s3(): Promise<S3Client>;
  destroy(): void;
}

/** Short enough that two attempts and a backoff fit inside the handler's deadline. */
export const REQUEST_TIMEOUT_MS = 1_000;
const LIMITS: ClientLimits = { connectionTimeoutMs: 500, requestTimeoutMs: REQUEST_TIMEOUT_MS, maxAttempts: 2 };

/** The settings from the environment, on a handler of their timeouts whose sockets are kept alive between invocations. */
function withKeepAlive(settings: ClientSettings): Omit<ClientSettings, 'requestHandler'> & { requestHandler: NodeHttpHandler } {
  const agentOptions = { keepAlive: true, maxSockets: 128 };
  const requestHandler = new NodeHttpHandler({
    ...settings.requestHandler,
    httpAgent: new Agent(agentOptions),
    httpsAgent: new HttpsAgent(agentOptions),
  });
  return { ...settings, requestHandler };
}

/**
 * The two clients the ingest path needs, built once per Lambda container, with the settings
 * every SDK client of the platform reads from the environment (the core's clientSettings).
 */
export function ingestClients(env: Environment = process.env): IngestClients {
  const dynamodb = new DynamoDBClient(withKeepAlive(clientSettings('dynamodb', env, LIMITS)));
  let s3: Promise<S3Client> | undefined;
  return {
    dynamodb,
    s3: () => (s3 ??= import('@aws-sdk/client-s3').then(({ S3Client }) => new S3Client(withKeepAlive(clientSettings('s3', env, LIMITS))))),
    destroy: () => {
      dynamodb.destroy();
      void s3?.then((client) => client.destroy());
    },
  };
}
