import { pino, type DestinationStream, type Level, type Logger } from 'pino';
import { prettyLine } from '@ndf/core';

/** The SQS message attribute carrying the correlation id from hop to hop. */
export const CORRELATION_ATTRIBUTE = 'ndf-correlation-id';

/** `json` in the cloud (CloudWatch Logs reads it), `pretty` on a developer's console. */
export type LogFormat = 'json' | 'pretty';

export interface LoggerOptions {
  readonly service: string;
  readonly level?: Level | 'silent';
  /** Standard output by default. */
  readonly destination?: DestinationStream;
  /** JSON unless told otherwise. */
  readonly format?: LogFormat;
}

/** The format NDF_LOG_FORMAT asks for: `pretty`, or JSON for anything else. */
export function logFormatFrom(env: NodeJS.ProcessEnv): LogFormat {
  return env.NDF_LOG_FORMAT === 'pretty' ? 'pretty' : 'json';
}

/** A destination that turns each JSON line pino writes into one console line. */
function prettyDestination(target: DestinationStream): DestinationStream {
  return { write: (line: string) => void target.write(`${prettyLine(JSON.parse(line) as Record<string, unknown>)}\n`) };
}

/** A JSON logger: ISO time, the level as a word, and the service on every line; or the same as short console lines. */
export function createLogger({ service, level = 'info', destination, format = 'json' }: LoggerOptions): Logger {
  const options = {
    level,
    base: { service, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
  };
  if (format === 'pretty') return pino(options, prettyDestination(destination ?? process.stdout));
  return destination === undefined ? pino(options) : pino(options, destination);
}

export interface Correlation {
  readonly correlationId?: string | undefined;
  readonly noteId?: string | undefined;
  readonly messageId?: string | undefined;
  readonly attempt?: number | undefined;
}

/** A child logger whose every line carries the given ids; absent ones are left out. */
export function withCorrelation(logger: Logger, correlation: Correlation): Logger {
  return logger.child(Object.fromEntries(Object.entries(correlation).filter(([, value]) => value !== undefined)));
}
