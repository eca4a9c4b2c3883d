import { catalog, type Catalog } from '@ndf/catalog';
import { freePort, startLocalStack, type LocalStack } from '@ndf/local-stack';

/** An in-memory local stack on free ports, provisioned from `fromCatalog` under `prefix`. */
export async function startTestStack(prefix: string, fromCatalog: Catalog = catalog): Promise<LocalStack> {
  const [dynamodb, sqs, s3, s3Backend, smtp, mailHttp, issuer] = await Promise.all(Array.from({ length: 7 }, () => freePort()));
  return startLocalStack(
    {
      ports: { dynamodb: dynamodb!, sqs: sqs!, s3: s3!, s3Backend: s3Backend!, smtp: smtp!, mailHttp: mailHttp!, issuer: issuer! },
      dataDir: undefined,
      region: 'eu-west-3',
      accessKeyId: 'local',
      secretAccessKey: 'local',
      prefix,
      dynamoDbHeapMb: 256,
    },
    { catalog: fromCatalog },
  );
}
