import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalog as platformCatalog, type Catalog } from '@ndf/catalog';
import { localAwsClients, type AwsClients } from './aws-clients.js';
import { PORT_COMPONENTS, PORT_VARIABLES, type StackConfig, type StackPorts } from './config.js';
import { startDynamoDbLocal } from './emulators/dynamodb-local.js';
import { assertJava } from './emulators/java.js';
import { startS3BackendProcess } from './emulators/s3-backend-process.js';
import { startSqsEmulator } from './emulators/sqs-emulator.js';
import { startTokenIssuer, type TokenIssuer } from './identity/index.js';
import { startMailCatcher, type MailCatcher } from './mail/index.js';
import { LOOPBACK, assertPortFree } from './net/ports.js';
import { provision, type ProvisionResult } from './provision/provision.js';
import { startS3Edge, type S3Edge } from './s3/index.js';
import { stackEnvironment } from './stack-environment.js';

export interface LocalStackEndpoints {
  readonly dynamodb: string;
  readonly sqs: string;
  readonly s3: string;
  readonly smtp: { readonly host: string; readonly port: number };
  readonly mail: string;
  readonly issuer: string;
  readonly jwks: string;
}

export interface LocalStack {
  readonly config: StackConfig;
  readonly endpoints: LocalStackEndpoints;
  readonly clients: AwsClients;
  readonly provisioned: ProvisionResult;
  readonly issuer: TokenIssuer;
  readonly mail: MailCatcher;
  readonly s3Edge: S3Edge;
  /** Process ids of the emulators that run as children (the JVM, the S3 emulator). */
  readonly childPids: readonly number[];
  /** What a service needs in its environment to reach this stack through the SDK. */
  environment(): Record<string, string>;
  /**
   * Stops DynamoDB Local and starts it again on the same port and data, as a crash and a
   * restart would: for fault tests. Only a stack with a data folder keeps its tables.
   */
  restartDynamoDb(downtimeMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export interface StartOptions {
  readonly catalog?: Catalog;
  readonly log?: (line: string) => void;
}

async function assertPortsFree(ports: StackPorts): Promise<void> {
  const results = await Promise.allSettled(
    (Object.keys(ports) as (keyof StackPorts)[]).map((name) => assertPortFree(ports[name], PORT_COMPONENTS[name], PORT_VARIABLES[name])),
  );
  const problems = results.flatMap((result) => (result.status === 'rejected' ? [(result.reason as Error).message] : []));
  if (problems.length > 0) throw new Error(problems.join('\n'));
}

/**
 * Boots every emulator on loopback, then provisions them from the catalog. On failure,
 * what was started is stopped again before the error is thrown.
 */
/** How a JWT authorizer checks this stack's tokens: its issuer, its audience, its keys. */
export function stackTokenChecks(stack: {
  readonly endpoints: Pick<LocalStackEndpoints, 'issuer' | 'jwks'>;
  readonly issuer: { readonly audience: string };
}): {
  readonly issuer: string;
  readonly audience: string[];
  readonly jwksUrl: string;
} {
  return { issuer: stack.endpoints.issuer, audience: [stack.issuer.audience], jwksUrl: stack.endpoints.jwks };
}

export async function startLocalStack(config: StackConfig, options: StartOptions = {}): Promise<LocalStack> {
  const log = options.log ?? (() => undefined);
  await assertPortsFree(config.ports);
  assertJava();

  const stoppers: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
    stoppers.length = 0;
  };
  const temporaryDir = config.dataDir ? undefined : mkdtempSync(join(tmpdir(), 'ndf-stack-'));
  if (temporaryDir) stoppers.push(async () => rmSync(temporaryDir, { recursive: true, force: true }));
  const dataPath = (name: string) => (config.dataDir ? join(config.dataDir, name) : undefined);

  try {
    const dynamoDbOptions = { port: config.ports.dynamodb, dataDirectory: dataPath('dynamodb'), heapMb: config.dynamoDbHeapMb };
    const starting = {
      dynamodb: startDynamoDbLocal(dynamoDbOptions),
      sqs: startSqsEmulator({ port: config.ports.sqs, region: config.region, dataDir: dataPath('sqs') }),
      s3Backend: startS3BackendProcess({ port: config.ports.s3Backend, directory: dataPath('s3') ?? join(temporaryDir!, 's3') }),
      mail: startMailCatcher({ smtpPort: config.ports.smtp, httpPort: config.ports.mailHttp, directory: dataPath('mail') }),
      issuer: startTokenIssuer({ port: config.ports.issuer, keyDirectory: dataPath('issuer') }),
    };
    // Register every stopper before awaiting, so that one failure still stops the others.
    const settled = await Promise.allSettled(Object.values(starting));
    for (const result of settled) if (result.status === 'fulfilled') stoppers.push(() => result.value.stop());
    const failure = settled.find((result) => result.status === 'rejected');
    if (failure) throw failure.reason;
    const [firstDynamodb, sqs, s3Backend, mail, issuer] = await Promise.all([
      starting.dynamodb,
      starting.sqs,
      starting.s3Backend,
      starting.mail,
      starting.issuer,
    ]);
    let dynamodb = firstDynamodb;
    log(`DynamoDB Local ${dynamodb.endpoint}, SQS ${sqs.endpoint}, S3 emulator ${s3Backend.endpoint}`);
    if (sqs.released > 0) log(`SQS: ${sqs.released} messages in flight when the platform stopped are visible again`);

    const s3Endpoint = `http://${LOOPBACK}:${config.ports.s3}`;
    const clients = localAwsClients(
      { dynamodb: dynamodb.endpoint, sqs: sqs.endpoint, s3: s3Endpoint },
      config.region,
      config.accessKeyId,
      config.secretAccessKey,
    );
    stoppers.push(async () => clients.destroy());
    const s3Edge = await startS3Edge({
      port: config.ports.s3,
      backendEndpoint: s3Backend.endpoint,
      region: config.region,
      credentials: (accessKeyId) => (accessKeyId === config.accessKeyId ? config.secretAccessKey : undefined),
      sqs: clients.sqs,
      stateDirectory: dataPath('s3-edge'),
      log,
    });
    stoppers.push(() => s3Edge.stop());

    const provisioned = await provision(options.catalog ?? platformCatalog, clients, config.prefix);
    log(`provisioned from the catalog: ${provisioned.log.summary()}`);

    const endpoints: LocalStackEndpoints = {
      dynamodb: dynamodb.endpoint,
      sqs: sqs.endpoint,
      s3: s3Edge.endpoint,
      smtp: { host: LOOPBACK, port: mail.smtpPort },
      mail: mail.httpUrl,
      issuer: issuer.issuer,
      jwks: issuer.jwksUrl,
    };
    return {
      config,
      endpoints,
      clients,
      provisioned,
      issuer,
      mail,
      s3Edge,
      get childPids() {
        return [dynamodb.pid, s3Backend.pid];
      },
      environment: () => stackEnvironment(config, endpoints, issuer.audience),
      restartDynamoDb: async (downtimeMs = 0) => {
        if (!config.dataDir) throw new Error('restartDynamoDb needs a stack with a data folder: in memory, the tables would be gone.');
        await dynamodb.stop();
        await new Promise((resolve) => setTimeout(resolve, downtimeMs));
        dynamodb = await startDynamoDbLocal(dynamoDbOptions);
        const restarted = dynamodb;
        stoppers.push(() => restarted.stop());
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
