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

  it('calls a refusal about the platform, not the message, transient: an outage to wait out, not a poison pill', () => {
    const outages: [string, number][] = [
      ['AccessDeniedException', 400],
      ['AccessDenied', 403],
      ['UnrecognizedClientException', 400],
      ['ExpiredToken', 400],
      ['ExpiredTokenException', 400],
      ['RequestTimeTooSkewed', 403],
      ['InvalidSignatureException', 400],
      ['SignatureDoesNotMatch', 403],
      ['ResourceNotFoundException', 400],
      ['TableNotFoundException', 400],
      ['NoSuchBucket', 404],
      ['QueueDoesNotExist', 400],
      ['KMS.DisabledException', 400],
      ['KMSAccessDeniedException', 400],
      ['KmsDisabled', 400],
      ['KMSInvalidStateException', 400],
      ['AccountSuspendedException', 400],
      ['SendingPausedException', 400],
      ['SomethingNewAndUnexplained', 400],
    ];
    for (const [name, status] of outages) expect(failureEvidence(sdkError(name, status)), name).toBe('transient');
    expect(failureEvidence(Object.assign(new Error('x'), { $metadata: { httpStatusCode: 403 } }))).toBe('transient');
  });

  it('calls permanent only the refusals that blame the message, by name', () => {
    const ownFaults: [string, number][] = [
      ['ValidationException', 400],
      ['ConditionalCheckFailedException', 400],
      ['ItemCollectionSizeLimitExceededException', 400],
      ['NoSuchKey', 404],
      ['NotFound', 404],
      ['NoSuchVersion', 404],
      ['InvalidRange', 416],
      ['EntityTooLarge', 400],
      ['InvalidMessageContents', 400],
      ['InvalidParameterValue', 400],
      ['MessageRejected', 400],
    ];
    for (const [name, status] of ownFaults) expect(failureEvidence(sdkError(name, status)), name).toBe('permanent');
  });

  it('reads an SMTP reply: a refused mailbox or message is permanent, a refused login or a busy relay transient', () => {
    const smtp = (responseCode: number, code = 'EPROTOCOL') => Object.assign(new Error('smtp'), { code, responseCode });
    expect(failureEvidence(smtp(550))).toBe('permanent');
    expect(failureEvidence(smtp(552))).toBe('permanent');
    expect(failureEvidence(smtp(535, 'EAUTH'))).toBe('transient');
    expect(failureEvidence(smtp(530))).toBe('transient');
    expect(failureEvidence(smtp(451))).toBe('transient');
    expect(failureEvidence(Object.assign(new Error('no recipients'), { code: 'EENVELOPE' }))).toBe('permanent');
  });

  it('reads a cancelled transaction by its reasons', () => {
    const cancelled = (...codes: string[]) =>
      sdkError('TransactionCanceledException', 400, { CancellationReasons: codes.map((Code) => ({ Code })) });
    expect(failureEvidence(cancelled('None', 'ConditionalCheckFailed'))).toBe('permanent');
    expect(failureEvidence(cancelled('None', 'TransactionConflict'))).toBe('transient');
    expect(failureEvidence(cancelled('ValidationError', 'None'))).toBe('permanent');
    expect(failureEvidence(cancelled('ConditionalCheckFailed', 'TransactionConflict'))).toBe('transient');
    expect(failureEvidence(cancelled('None', 'AccessDenied'))).toBe('transient');
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
