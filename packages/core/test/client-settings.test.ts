import { describe, expect, it } from 'vitest';
import { clientSettings, credentialsFrom } from '../src/index.js';

const limits = { connectionTimeoutMs: 500, requestTimeoutMs: 1_000, maxAttempts: 2 };

describe('clientSettings', () => {
  it('reads the region, the keys with their session token, and the endpoint of the service', () => {
    const env = {
      AWS_REGION: 'eu-west-3',
      AWS_ACCESS_KEY_ID: 'AKIA',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_SESSION_TOKEN: 'token',
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:8000',
      AWS_ENDPOINT_URL_SQS: 'http://127.0.0.1:9324',
    };
    expect(clientSettings('dynamodb', env, limits)).toEqual({
      region: 'eu-west-3',
      credentials: { accessKeyId: 'AKIA', secretAccessKey: 'secret', sessionToken: 'token' },
      endpoint: 'http://127.0.0.1:8000',
      maxAttempts: 2,
      requestHandler: { connectionTimeout: 500, requestTimeout: 1_000, throwOnRequestTimeout: true },
    });
    expect(clientSettings('sqs', env, limits).endpoint).toBe('http://127.0.0.1:9324');
  });

  it('leaves to the SDK what the environment does not say (the cloud: role credentials, regional endpoints)', () => {
    const settings = clientSettings('sqs', {}, limits);
    expect(settings).toEqual({
      maxAttempts: 2,
      requestHandler: { connectionTimeout: 500, requestTimeout: 1_000, throwOnRequestTimeout: true },
    });
    expect('credentials' in settings || 'region' in settings || 'endpoint' in settings).toBe(false);
  });

  it('takes the service endpoint before the general one, as the SDK does', () => {
    const env = { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566', AWS_ENDPOINT_URL_DYNAMODB_STREAMS: 'http://127.0.0.1:8001' };
    expect(clientSettings('dynamodbStreams', env, limits).endpoint).toBe('http://127.0.0.1:8001');
    expect(clientSettings('s3', env, limits).endpoint).toBe('http://127.0.0.1:4566');
  });

  it('gives S3 path-style addressing only when asked, and only to S3', () => {
    expect(clientSettings('s3', { NDF_S3_FORCE_PATH_STYLE: 'true' }, limits).forcePathStyle).toBe(true);
    expect(clientSettings('s3', {}, limits).forcePathStyle).toBe(false);
    expect('forcePathStyle' in clientSettings('dynamodb', { NDF_S3_FORCE_PATH_STYLE: 'true' }, limits)).toBe(false);
  });
});

describe('credentialsFrom', () => {
  it('gives none unless both keys are set, and no session token unless set', () => {
    expect(credentialsFrom({ AWS_ACCESS_KEY_ID: 'AKIA' })).toBeUndefined();
    expect(credentialsFrom({ AWS_ACCESS_KEY_ID: 'AKIA', AWS_SECRET_ACCESS_KEY: 'secret', AWS_SESSION_TOKEN: '' })).toEqual({
      accessKeyId: 'AKIA',
      secretAccessKey: 'secret',
    });
  });
});
