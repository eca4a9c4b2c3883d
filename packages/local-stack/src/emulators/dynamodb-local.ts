import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { LOOPBACK } from '../net/ports.js';
import { paths } from '../paths.js';
import { spawnManaged, waitUntilServing } from './child-process.js';
import { assertJava } from './java.js';

export interface DynamoDbLocalOptions {
  readonly port: number;
  /** Tables persist in this folder; without it they live in memory. */
  readonly dataDirectory?: string | undefined;
  readonly heapMb?: number;
  readonly installDirectory?: string;
}

export interface RunningDynamoDbLocal {
  readonly endpoint: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/** A request DynamoDB Local answers once it serves; it accepts any signature. */
async function answersListTables(endpoint: string): Promise<boolean> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'DynamoDB_20120810.ListTables',
      authorization: 'AWS4-HMAC-SHA256 Credential=local/20240101/eu-west-3/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
    },
    body: '{}',
    signal: AbortSignal.timeout(1_000),
  });
  await response.arrayBuffer();
  return response.ok;
}

export async function startDynamoDbLocal(options: DynamoDbLocalOptions): Promise<RunningDynamoDbLocal> {
  const home = options.installDirectory ?? paths.dynamoDbLocal;
  if (!existsSync(join(home, 'DynamoDBLocal.jar')) || !existsSync(join(home, 'launcher', 'LoopbackDynamoDBLocal.class'))) {
    throw new Error('DynamoDB Local is not installed: run `npm run setup` (it fetches the jar and compiles its loopback launcher).');
  }
  assertJava();
  const storage = options.dataDirectory ? ['-sharedDb', '-dbPath', options.dataDirectory] : ['-sharedDb', '-inMemory'];
  if (options.dataDirectory) mkdirSync(options.dataDirectory, { recursive: true });
  const child = spawnManaged(
    'java',
    [
      `-Xmx${options.heapMb ?? 256}m`,
      '-XX:+UseSerialGC',
      '-XX:TieredStopAtLevel=1',
      `-Djava.library.path=${join(home, 'DynamoDBLocal_lib')}`,
      '-cp',
      [join(home, 'DynamoDBLocal.jar'), join(home, 'DynamoDBLocal_lib', '*'), join(home, 'launcher')].join(':'),
      'LoopbackDynamoDBLocal',
      LOOPBACK,
      '-port',
      String(options.port),
      '-disableTelemetry',
      ...storage,
    ],
    { cwd: home },
  );
  const endpoint = `http://${LOOPBACK}:${options.port}`;
  await waitUntilServing(child, 'DynamoDB Local', () => answersListTables(endpoint));
  return { endpoint, pid: child.process.pid ?? -1, stop: () => child.stop() };
}
