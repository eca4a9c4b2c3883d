import { describe, expect, it } from 'vitest';
import { PermanentError, TransientError, failureEvidence, isTransientFailure } from '../src/index.js';

// Plain objects shaped as the SDK's errors: the core depends on no SDK (the runtime's tests throw the real ones).
const sdkError = (name: string, status: number, extra: object = {}) =>
  Object.assign(new Error(name), { name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, ...extra });

describe('failureEvidence', () => {
  it('takes our own error classes at their word', () => {
    expect(failureEvidence(new PermanentError('bad note'))).toBe('permanent');
    expect(failureEvidence(new TransientError('later'))).toBe('transient');
  });

  it('calls throttling transient, by name, whatever its status', () => {
    for (const name of ['ThrottlingException', 'Throttling', 'TooManyRequestsException', 'TransactionInProgressException', 'SlowDown'])
      expect(failureEvidence(sdkError(name, 400)), name).toBe('transient');
  });

  it('calls broken connections transient, by code', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_SOCKET'])
      expect(failureEvidence(Object.assign(new Error('x'), { code })), code).toBe('transient');
  });

  it('reads the status and the fault the SDK records', () => {
    expect(failureEvidence(sdkError('Unknown', 503))).toBe('transient');
    expect(failureEvidence(sdkError('Unknown', 429))).toBe('transient');
    expect(failureEvidence(sdkError('ValidationException', 400))).toBe('permanent');
    expect(failureEvidence(sdkError('ConditionalCheckFailedException', 400))).toBe('permanent');
    expect(failureEvidence(Object.assign(new Error('x'), { name: 'Whatever', $retryable: { throttling: false } }))).toBe('transient');
  });

  it('reads a cancelled transaction by its reasons', () => {
    const cancelled = (...codes: string[]) =>
      sdkError('TransactionCanceledException', 400, { CancellationReasons: codes.map((Code) => ({ Code })) });
    expect(failureEvidence(cancelled('None', 'ConditionalCheckFailed'))).toBe('permanent');
    expect(failureEvidence(cancelled('None', 'TransactionConflict'))).toBe('transient');
  });

  it('reads wrapped failures: a cause, every attempt of an AggregateError', () => {
    expect(failureEvidence(new Error('wrapped', { cause: new PermanentError('inner') }))).toBe('permanent');
    expect(failureEvidence(new Error('wrapped', { cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }) }))).toBe('transient');
    const refused = () => Object.assign(new Error('x'), { code: 'ECONNREFUSED' });
    expect(failureEvidence(new AggregateError([refused(), refused()]))).toBe('transient');
    expect(failureEvidence(new AggregateError([new PermanentError('a'), new PermanentError('b')]))).toBe('permanent');
    expect(failureEvidence(new AggregateError([new TypeError('a bug')]))).toBe('unknown');
  });

  it('does not follow a cycle of causes for ever', () => {
    const first = new Error('first');
    const second = new Error('second', { cause: first });
    Object.assign(first, { cause: second });
    expect(failureEvidence(first)).toBe('unknown');
  });

  it('says unknown when nothing in the error tells, and ignores the message', () => {
    expect(failureEvidence(new TypeError('throttling timeout ECONNRESET'))).toBe('unknown');
    expect(failureEvidence('a string')).toBe('unknown');
    expect(failureEvidence(undefined)).toBe('unknown');
    expect(isTransientFailure(new TypeError('a bug'))).toBe(false);
    expect(isTransientFailure(new DOMException('aborted', 'AbortError'))).toBe(true);
  });
});
