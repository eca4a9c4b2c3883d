import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { MonitorReadModel } from '@ndf/alerting';
import { tableName } from '@ndf/catalog';
import { STUCK_AFTER_SETTING } from '@ndf/receipt-pipeline';
import { platformQuarantine } from '@ndf/runtime';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { startOpsConsole, type OpsConsole } from './console-server.js';
import type { OperatorTokenIssuer } from './operator-auth.js';

export const CONSOLE_PORT_VARIABLE = 'NDF_PORT_CONSOLE';
export const DEFAULT_CONSOLE_PORT = 9500;

/** The console's port: NDF_PORT_CONSOLE, else 9500. */
export function consolePort(env: NodeJS.ProcessEnv): number {
  const raw = env[CONSOLE_PORT_VARIABLE];
  if (raw === undefined || raw === '') return DEFAULT_CONSOLE_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`${CONSOLE_PORT_VARIABLE}=${raw} is not a port number.`);
  return port;
}

/** The reconciler's stuckAfter, from the variable and default the reconciler reads. */
export function stuckAfterMs(env: NodeJS.ProcessEnv): number {
  const raw = env[STUCK_AFTER_SETTING.variable];
  const value = raw === undefined || raw === '' ? STUCK_AFTER_SETTING.fallback : Number(raw);
  if (!(Number.isFinite(value) && value > 0)) throw new Error(`${STUCK_AFTER_SETTING.variable}=${raw} is not a positive number.`);
  return value * STUCK_AFTER_SETTING.unit;
}

export interface PlatformConsoleOptions {
  readonly monitor: MonitorReadModel;
  readonly clients: { readonly dynamodb: DynamoDBClient; readonly s3: S3Client; readonly sqs: SQSClient };
  /** The deployment's resource prefix. */
  readonly prefix: string;
  readonly tokens: OperatorTokenIssuer;
  readonly env: NodeJS.ProcessEnv;
  /** Overrides NDF_PORT_CONSOLE (0: any free port). */
  readonly port?: number;
  readonly onError?: (error: unknown, path: string) => void;
}

/** The console on the platform's own quarantine and notes table under `prefix`, as `npm start` (or its cloud task) runs it. */
export function startPlatformConsole(options: PlatformConsoleOptions): Promise<OpsConsole> {
  return startOpsConsole({
    port: options.port ?? consolePort(options.env),
    monitor: options.monitor,
    quarantine: platformQuarantine(options.clients, options.prefix),
    stalled: { dynamodb: options.clients.dynamodb, table: tableName(options.prefix, 'notes'), stuckAfterMs: stuckAfterMs(options.env) },
    tokens: options.tokens,
    ...(options.onError ? { onError: options.onError } : {}),
  });
}
