import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';

export interface ServiceClients {
  readonly dynamodb: DynamoDBClient;
  readonly dynamodbStreams: DynamoDBStreamsClient;
  readonly sqs: SQSClient;
  readonly s3: S3Client;
}

/**
 * SDK clients as every service builds them, in the cloud and locally alike: endpoints come
 * from the SDK's own AWS_ENDPOINT_URL_<SERVICE> variables (set by the local stack, absent in
 * the cloud); timeouts are short so that a slow dependency fails fast and is retried later.
 */
export function serviceClients(env: NodeJS.ProcessEnv = process.env): ServiceClients {
  const common = {
    maxAttempts: 2,
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 5_000 },
  };
  return {
    dynamodb: new DynamoDBClient(common),
    dynamodbStreams: new DynamoDBStreamsClient(common),
    // Long polls hold the connection for up to 20 s, so SQS gets a longer request timeout.
    sqs: new SQSClient({ ...common, requestHandler: { connectionTimeout: 1_000, requestTimeout: 25_000 } }),
    s3: new S3Client({ ...common, forcePathStyle: env.NDF_S3_FORCE_PATH_STYLE === 'true' }),
  };
}
