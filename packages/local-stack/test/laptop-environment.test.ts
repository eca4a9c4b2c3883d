import { describe, expect, it } from 'vitest';
import { laptopAwsEnvironment } from '../src/index.js';

describe('laptopAwsEnvironment', () => {
  it("points the SDK at the running platform's emulators, on the ports npm start uses", () => {
    expect(laptopAwsEnvironment({})).toMatchObject({
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:8000',
      AWS_ENDPOINT_URL_SQS: 'http://127.0.0.1:9324',
      AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:9000',
      NDF_PREFIX: 'ndf-',
    });
  });

  it('follows the port variables that moved the platform, and its prefix', () => {
    const env = laptopAwsEnvironment({ NDF_PORT_DYNAMODB: '18300', NDF_PORT_SQS: '18301', NDF_PORT_S3: '18302', NDF_PREFIX: 'dev-' });
    expect(env).toMatchObject({
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:18300',
      AWS_ENDPOINT_URL_DYNAMODB_STREAMS: 'http://127.0.0.1:18300',
      AWS_ENDPOINT_URL_SQS: 'http://127.0.0.1:18301',
      AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:18302',
      NDF_PREFIX: 'dev-',
    });
  });
});
