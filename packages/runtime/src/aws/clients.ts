import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { clientSettings, type ClientLimits } from '@ndf/core';

export interface ServiceClients {
  readonly dynamodb: DynamoDBClient;
  readonly dynamodbStreams: DynamoDBStreamsClient;
  readonly sqs: SQSClient;
  readonly s3: S3Client;
}

/** Short, so that a slow dependency fails fast and is retried later. */
const LIMITS: ClientLimits = { connectionTimeoutMs: 1_000, requestTimeoutMs: 5_000, maxAttempts: 2 };
/**
 * DynamoDB answers in milliseconds: a socket silent for a second is an outage (as the ingest API
 * judges it), and two attempts fail a call within 2 s, so that a breaker sees a hung table at once.
 */
const DYNAMODB_LIMITS: ClientLimits = { ...LIMITS, requestTimeoutMs: 1_000 };
/** Long polls hold the connection for several seconds, so SQS gets a longer request timeout. */
const SQS_LIMITS: ClientLimits = { ...LIMITS, requestTimeoutMs: 25_000 };

/**
 * SDK clients as every service builds them, in the cloud and locally alike, with the settings
 * the core reads from `env` (region, credentials, AWS_ENDPOINT_URL_<SERVICE>, path-style S3).
 */
export function serviceClients(env: NodeJS.ProcessEnv = process.env): ServiceClients {
  return {
    dynamodb: new DynamoDBClient(clientSettings('dynamodb', env, DYNAMODB_LIMITS)),
    dynamodbStreams: new DynamoDBStreamsClient(clientSettings('dynamodbStreams', env, DYNAMODB_LIMITS)),
    sqs: new SQSClient(clientSettings('sqs', env, SQS_LIMITS)),
    s3: new S3Client(clientSettings('s3', env, LIMITS)),
  };
}
