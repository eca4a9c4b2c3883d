import { pino, type DestinationStream, type Level, type Logger } from 'pino';

/** The SQS message attribute carrying the correlation id from hop to hop. */
export const CORRELATION_ATTRIBUTE = 'ndf-correlation-id';

export interface LoggerOptions {
  readonly service: string;
  readonly level?: Level | 'silent';
  /** Standard output by default. */
  readonly destination?: DestinationStream;
}

/** A JSON logger: ISO time, the level as a word, and the service on every line. */
export function createLogger({ service, level = 'info', destination }: LoggerOptions): Logger {
  const options = {
    level,
    base: { service, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
  };
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
