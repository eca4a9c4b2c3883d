import { Agent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { clientSettings, type AwsService, type ClientLimits, type ClientSettings, type Environment } from '@ndf/core';
import { NodeHttpHandler } from '@smithy/node-http-handler';

/** Short enough that two attempts and a backoff fit inside an API's deadline. */
export const REQUEST_TIMEOUT_MS = 1_000;
const LIMITS: ClientLimits = { connectionTimeoutMs: 500, requestTimeoutMs: REQUEST_TIMEOUT_MS, maxAttempts: 2 };

export type ApiClientSettings = Omit<ClientSettings, 'requestHandler'> & { requestHandler: NodeHttpHandler };

/**
 * An API handler's settings for one AWS SDK client: what every client of the platform reads from
 * the environment (the core's clientSettings), with the API's short limits, on a handler whose
 * sockets are kept alive between invocations of the Lambda container.
 */
export function apiClientSettings(service: AwsService, env: Environment = process.env): ApiClientSettings {
  const settings = clientSettings(service, env, LIMITS);
  const agentOptions = { keepAlive: true, maxSockets: 128 };
  const requestHandler = new NodeHttpHandler({
    ...settings.requestHandler,
    httpAgent: new Agent(agentOptions),
    httpsAgent: new HttpsAgent(agentOptions),
  });
  return { ...settings, requestHandler };
}
