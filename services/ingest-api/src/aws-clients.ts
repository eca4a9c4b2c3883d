import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Environment } from '@ndf/core';
import { apiClientSettings } from '@ndf/http-api';

export interface IngestClients {
  readonly dynamodb: DynamoDBClient;
  /** Built on first use: creating a note needs no S3, so a cold start does not load its SDK. */
  s3(): Promise<S3Client>;
  destroy(): void;
}

/** The two clients the ingest path needs, built once per Lambda container, with an API's settings (@ndf/http-api). */
export function ingestClients(env: Environment = process.env): IngestClients {
  const dynamodb = new DynamoDBClient(apiClientSettings('dynamodb', env));
  let s3: Promise<S3Client> | undefined;
  return {
    dynamodb,
    s3: () => (s3 ??= import('@aws-sdk/client-s3').then(({ S3Client }) => new S3Client(apiClientSettings('s3', env)))),
    destroy: () => {
      dynamodb.destroy();
      void s3?.then((client) => client.destroy());
    },
  };
}
