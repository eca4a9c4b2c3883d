import type { LogLine } from '@ndf/alerting';
import { levelWord } from '@ndf/core';
import { boundedRecord, clippedText, STRING_CHARS } from './bounded-value.js';

/** Longer lines are not parsed: kept as text, cut (a JSON log line of the runtime is a few hundred characters). */
export const PARSED_LINE_CHARS = 256 * 1024;
/** How far a line's own time may be from when it arrived before the arrival time is used instead. */
const CLOCK_SKEW_MS = 60 * 60 * 1000;
/** A service name as the catalog writes them; anything else in `service` is not trusted as a component. */
const COMPONENT_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/i;

export type OutputStream = 'stdout' | 'stderr';

/** One line a process printed, read: a log record, an EMF metrics document, or text (a stack trace, a library's print). */
export type ProcessLine =
  { readonly kind: 'record'; readonly line: LogLine } | { readonly kind: 'metrics' } | { readonly kind: 'text'; readonly line: LogLine };

function timeOf(value: unknown, receivedAt: number): number {
  const at = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return Number.isFinite(at) && Math.abs(at - receivedAt) <= CLOCK_SKEW_MS ? at : receivedAt;
}

function parsedObject(raw: string): Record<string, unknown> | undefined {
  if (raw.length > PARSED_LINE_CHARS || !raw.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A log record as the platform keeps it: who wrote it (its `service`, or the process), when, its level and ids. */
export function recordLine(processName: string, record: Readonly<Record<string, unknown>>, receivedAt: number): LogLine {
  const fields = boundedRecord(record);
  const { service, event, correlationId } = fields;
  return {
    at: timeOf(fields.time, receivedAt),
    component: typeof service === 'string' && COMPONENT_NAME.test(service) ? service : processName,
    level: levelWord(fields.level),
    ...(typeof event === 'string' ? { event } : {}),
    ...(typeof correlationId === 'string' ? { correlationId } : {}),
    fields,
  };
}

/** A line that is not a JSON record, kept as the process's text: what went to standard error as a warning. */
export function textLine(processName: string, raw: string, receivedAt: number, stream: OutputStream | undefined): LogLine {
  return {
    at: receivedAt,
    component: processName,
    level: stream === 'stdout' ? 'info' : 'warn',
    fields: {
      text: clippedText(raw, STRING_CHARS),
      ...(stream ? { stream } : {}),
      ...(raw.length > STRING_CHARS ? { length: raw.length } : {}),
    },
  };
}

/** Whether a kept line is a process's text rather than a log record (a record always has its level). */
export function isTextLine(line: LogLine): boolean {
  return line.fields.level === undefined && typeof line.fields.text === 'string';
}

/** Reads one line of a process's output (`stream` undefined: a line of the supervisor about the process). */
export function readProcessLine(processName: string, raw: string, receivedAt: number, stream?: OutputStream): ProcessLine {
  const record = parsedObject(raw);
  if (record === undefined) return { kind: 'text', line: textLine(processName, raw, receivedAt, stream) };
  if ('_aws' in record) return { kind: 'metrics' };
  return { kind: 'record', line: recordLine(processName, record, receivedAt) };
}
