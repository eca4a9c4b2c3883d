import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { ENDPOINT_VARIABLES, S3_PATH_STYLE_VARIABLE, clientSettings, type ClientLimits } from '@ndf/core';

export interface AwsEndpoints {
  readonly dynamodb: string;
  readonly sqs: string;
  readonly s3: string;
}

export interface AwsClients {
  readonly dynamodb: DynamoDBClient;
  readonly dynamodbStreams: DynamoDBStreamsClient;
  readonly sqs: SQSClient;
  readonly s3: S3Client;
  destroy(): void;
}

/** Emulators answer in ms; the request timeout is an SQS long poll's. */
const LIMITS: ClientLimits = { connectionTimeoutMs: 1_000, requestTimeoutMs: 25_000, maxAttempts: 3 };

/**
 * SDK v3 clients pointed at the local stack, built from the same environment variables the
 * services get (see stackEnvironment), through the settings every client of the platform uses.
 */
export function localAwsClients(endpoints: AwsEndpoints, region: string, accessKeyId: string, secretAccessKey: string): AwsClients {
  const env = {
    AWS_REGION: region,
    AWS_ACCESS_KEY_ID: accessKeyId,
    AWS_SECRET_ACCESS_KEY: secretAccessKey,
    [ENDPOINT_VARIABLES.dynamodb]: endpoints.dynamodb,
    [ENDPOINT_VARIABLES.dynamodbStreams]: endpoints.dynamodb,
    [ENDPOINT_VARIABLES.sqs]: endpoints.sqs,
    [ENDPOINT_VARIABLES.s3]: endpoints.s3,
    [S3_PATH_STYLE_VARIABLE]: 'true',
  };
  const clients = {
    dynamodb: new DynamoDBClient(clientSettings('dynamodb', env, LIMITS)),
    dynamodbStreams: new DynamoDBStreamsClient(clientSettings('dynamodbStreams', env, LIMITS)),
    sqs: new SQSClient(clientSettings('sqs', env, LIMITS)),
    s3: new S3Client(clientSettings('s3', env, LIMITS)),
  };
  return {
    ...clients,
    destroy: () => Object.values(clients).forEach((client) => client.destroy()),
  };
}
