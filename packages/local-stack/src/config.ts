import { DEFAULT_PREFIX, type ApiEntry } from '@ndf/catalog';
import { freePort } from './net/ports.js';

export interface StackPorts {
  readonly dynamodb: number;
  readonly sqs: number;
  /** The S3 edge every client talks to (presigned POST checks, notifications). */
  readonly s3: number;
  /** The S3 emulator behind the edge; clients never use it directly. */
  readonly s3Backend: number;
  readonly smtp: number;
  readonly mailHttp: number;
  readonly issuer: number;
}

export interface StackConfig {
  readonly ports: StackPorts;
  /** On-disk data folder; undefined keeps everything in memory or in a temporary folder. */
  readonly dataDir: string | undefined;
  readonly region: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Prefix of every physical name, so that several stacks can share one emulator. */
  readonly prefix: string;
  readonly dynamoDbHeapMb: number;
}

export const DEFAULT_PORTS: StackPorts = {
  dynamodb: 8000,
  sqs: 9324,
  s3: 9000,
  s3Backend: 9001,
  smtp: 1025,
  mailHttp: 1080,
  issuer: 9400,
};

/** The environment variable that overrides each port, named in every port error. */
export const PORT_VARIABLES: Record<keyof StackPorts, string> = {
  dynamodb: 'NDF_PORT_DYNAMODB',
  sqs: 'NDF_PORT_SQS',
  s3: 'NDF_PORT_S3',
  s3Backend: 'NDF_PORT_S3_BACKEND',
  smtp: 'NDF_PORT_SMTP',
  mailHttp: 'NDF_PORT_MAIL_HTTP',
  issuer: 'NDF_PORT_ISSUER',
};

export const PORT_COMPONENTS: Record<keyof StackPorts, string> = {
  dynamodb: 'DynamoDB Local',
  sqs: 'the SQS emulator',
  s3: 'the S3 edge',
  s3Backend: 'the S3 emulator',
  smtp: 'the mail catcher (SMTP)',
  mailHttp: 'the mail catcher (web)',
  issuer: 'the token issuer',
};

function portFrom(env: NodeJS.ProcessEnv, variable: string, fallback: number): number {
  const raw = env[variable];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new Error(`${variable}=${raw} is not a port number (1-65535).`);
  return port;
}

/** The developer's stack: default ports unless overridden in the environment, data on disk. */
export function configFromEnvironment(env: NodeJS.ProcessEnv, dataDir: string | undefined): StackConfig {
  const ports = Object.fromEntries(
    (Object.keys(DEFAULT_PORTS) as (keyof StackPorts)[]).map((name) => [name, portFrom(env, PORT_VARIABLES[name], DEFAULT_PORTS[name])]),
  ) as unknown as StackPorts;
  return {
    ports,
    dataDir,
    region: env.NDF_REGION ?? 'eu-west-3',
    accessKeyId: 'local',
    secretAccessKey: 'local',
    prefix: env.NDF_PREFIX ?? DEFAULT_PREFIX,
    dynamoDbHeapMb: 256,
  };
}

/** A stack on free ports (tests, throw-away stacks), so that it never collides with a developer's. */
export async function ephemeralConfig(prefix: string, dataDir?: string): Promise<StackConfig> {
  const names = Object.keys(DEFAULT_PORTS) as (keyof StackPorts)[];
  const ports = await Promise.all(names.map(() => freePort()));
  return {
    ports: Object.fromEntries(names.map((name, index) => [name, ports[index]!])) as unknown as StackPorts,
    dataDir,
    region: 'eu-west-3',
    accessKeyId: 'local',
    secretAccessKey: 'local',
    prefix,
    dynamoDbHeapMb: 256,
  };
}

/** The variable that moves an API's local adapter off its catalog port: NDF_PORT_INGEST_API for ingest-api. */
export function apiPortVariable(api: Pick<ApiEntry, 'name'>): string {
  return `NDF_PORT_${api.name.toUpperCase().replaceAll('-', '_')}`;
}

/** Where an API's local adapter listens: its catalog port, unless its variable says otherwise. */
export function apiPort(api: Pick<ApiEntry, 'name' | 'localPort'>, env: NodeJS.ProcessEnv): number {
  return portFrom(env, apiPortVariable(api), api.localPort);
}
