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
 * the cloud, where the SDK's defaults apply); timeouts are short so that a slow dependency
 * fails fast and is retried later.
 */
export function serviceClients(env: NodeJS.ProcessEnv = process.env): ServiceClients {
  // Read from `env` explicitly, so that a process can host clients for another environment (tests).
  const credentials =
    env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
      ? { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY }
      : undefined;
  const common = {
    ...(env.AWS_REGION ? { region: env.AWS_REGION } : {}),
    ...(credentials ? { credentials } : {}),
    maxAttempts: 2,
    // throwOnRequestTimeout: without it the SDK only logs a warning past requestTimeout and waits on.
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 5_000, throwOnRequestTimeout: true },
  };
  const endpoint = (variable: string) => (env[variable] ? { endpoint: env[variable] } : {});
  return {
    dynamodb: new DynamoDBClient({ ...common, ...endpoint('AWS_ENDPOINT_URL_DYNAMODB') }),
    dynamodbStreams: new DynamoDBStreamsClient({ ...common, ...endpoint('AWS_ENDPOINT_URL_DYNAMODB_STREAMS') }),
    // Long polls hold the connection for several seconds, so SQS gets a longer request timeout.
    sqs: new SQSClient({
      ...common,
      ...endpoint('AWS_ENDPOINT_URL_SQS'),
      requestHandler: { connectionTimeout: 1_000, requestTimeout: 25_000, throwOnRequestTimeout: true },
    }),
    s3: new S3Client({ ...common, ...endpoint('AWS_ENDPOINT_URL_S3'), forcePathStyle: env.NDF_S3_FORCE_PATH_STYLE === 'true' }),
  };
}
