import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CORRELATION_ATTRIBUTE, createLogger, logFormatFrom, withCorrelation } from '../src/observability/index.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, destination };
}

describe('createLogger', () => {
  it('writes JSON lines with ISO time, the level and the service', () => {
    const { lines, destination } = capture();
    createLogger({ service: 'ingest', destination }).info({ notes: 2 }, 'received');
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toMatchObject({ service: 'ingest', level: 'info', msg: 'received', notes: 2 });
    expect(new Date(line?.time as string).toISOString()).toBe(line?.time);
  });

  it('honours the level', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ service: 'ingest', level: 'warn', destination });
    logger.info('hidden');
    logger.warn('shown');
    expect(lines.map((line) => line.msg)).toEqual(['shown']);
  });

  it('carries the correlation on every line of a child, leaving out what is absent', () => {
    const { lines, destination } = capture();
    const child = withCorrelation(createLogger({ service: 'ingest', destination }), {
      correlationId: 'c-1',
      noteId: 'n-1',
      messageId: undefined,
      attempt: 2,
    });
    child.info('handled');
    expect(lines[0]).toMatchObject({ service: 'ingest', correlationId: 'c-1', noteId: 'n-1', attempt: 2 });
    expect(lines[0]).not.toHaveProperty('messageId');
    expect(CORRELATION_ATTRIBUTE).toBe('ndf-correlation-id');
  });
});

describe('the console format (NDF_LOG_FORMAT=pretty)', () => {
  it('is chosen by NDF_LOG_FORMAT, JSON otherwise', () => {
    expect([logFormatFrom({ NDF_LOG_FORMAT: 'pretty' }), logFormatFrom({ NDF_LOG_FORMAT: 'json' }), logFormatFrom({})]).toEqual([
      'pretty',
      'json',
      'json',
    ]);
  });

  it('writes one short line per record: service, level, event, ids, then the rest as key=value', () => {
    const written: string[] = [];
    const logger = createLogger({
      service: 'receipt-intake',
      format: 'pretty',
      destination: { write: (line: string) => void written.push(line) },
    });
    withCorrelation(logger, { correlationId: 'c-1', messageId: 'm-1', attempt: 2 }).warn({
      event: 'handler-failed',
      outcome: 'retry-later',
      error: 'Timeout: no answer',
    });
    expect(written).toEqual([
      'receipt-intake    │ WARN  handler-failed correlationId=c-1 messageId=m-1 attempt=2 outcome=retry-later error="Timeout: no answer"\n',
    ]);
  });
});
