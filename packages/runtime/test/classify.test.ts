import { createServer } from 'node:net';
import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  GetItemCommand,
  ProvisionedThroughputExceededException,
  ResourceNotFoundException,
  ThrottlingException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { PermanentError, TransientError } from '../src/errors.js';
import { DependencyUnavailableError, classifyFailure } from '../src/resilience/index.js';

const $metadata = { httpStatusCode: 400 };

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('classifyFailure', () => {
  it('follows the runtime error classes', () => {
    expect(classifyFailure(new PermanentError('bad note'))).toBe('permanent');
    expect(classifyFailure(new TransientError('later'))).toBe('transient');
    expect(classifyFailure(new DependencyUnavailableError('open'))).toBe('transient');
    expect(new DependencyUnavailableError('open')).toBeInstanceOf(TransientError);
  });

  it('calls SDK throttling transient, though it is a client fault', () => {
    expect(classifyFailure(new ThrottlingException({ message: 'slow down', $metadata }))).toBe('transient');
    expect(classifyFailure(new ProvisionedThroughputExceededException({ message: 'too fast', $metadata }))).toBe('transient');
    const retryable = Object.assign(new Error('anything'), {
      name: 'SomethingNew',
      $fault: 'client',
      $retryable: { throttling: true },
      $metadata,
    });
    expect(classifyFailure(retryable)).toBe('transient');
  });

  it('calls the SDK client faults that blame the message permanent, the others (a missing table), server faults, 5xx and 429 transient', () => {
    expect(classifyFailure(new ConditionalCheckFailedException({ message: 'exists', $metadata }))).toBe('permanent');
    expect(classifyFailure(new ResourceNotFoundException({ message: 'no table', $metadata }))).toBe('transient');
    expect(classifyFailure(Object.assign(new Error('x'), { name: 'ValidationException', $metadata: { httpStatusCode: 400 } }))).toBe(
      'permanent',
    );
    expect(classifyFailure(Object.assign(new Error('x'), { name: 'InternalServerError', $fault: 'server', $metadata: {} }))).toBe(
      'transient',
    );
    expect(classifyFailure(Object.assign(new Error('x'), { name: 'Unknown', $metadata: { httpStatusCode: 503 } }))).toBe('transient');
    expect(classifyFailure(Object.assign(new Error('x'), { name: 'Unknown', $metadata: { httpStatusCode: 429 } }))).toBe('transient');
  });

  it('reads a cancelled transaction by its reasons', () => {
    const cancelled = (code: string) =>
      new TransactionCanceledException({ message: 'cancelled', $metadata, CancellationReasons: [{ Code: 'None' }, { Code: code }] });
    expect(classifyFailure(cancelled('ConditionalCheckFailed'))).toBe('permanent');
    expect(classifyFailure(cancelled('TransactionConflict'))).toBe('transient');
  });

  it('calls aborts, timeouts and network errors transient', () => {
    expect(classifyFailure(new DOMException('aborted', 'AbortError'))).toBe('transient');
    expect(classifyFailure(AbortSignal.abort().reason)).toBe('transient');
    expect(classifyFailure(Object.assign(new Error('x'), { code: 'UND_ERR_SOCKET' }))).toBe('transient');
    expect(classifyFailure(new Error('wrapped', { cause: new PermanentError('inner') }))).toBe('permanent');
  });

  it('calls what the SDK throws against a closed port transient', async () => {
    const client = new DynamoDBClient({
      endpoint: `http://127.0.0.1:${await closedPort()}`,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    const error: unknown = await client.send(new GetItemCommand({ TableName: 'notes', Key: { id: { S: 'n1' } } })).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    client.destroy();
    expect(error).toMatchObject({ code: 'ECONNREFUSED' });
    expect(classifyFailure(error)).toBe('transient');
  });

  it('calls the unknown transient', () => {
    expect(classifyFailure(new TypeError('a bug'))).toBe('transient');
    expect(classifyFailure('a string')).toBe('transient');
    expect(classifyFailure(undefined)).toBe('transient');
  });
});
