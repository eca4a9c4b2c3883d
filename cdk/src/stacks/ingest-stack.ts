import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { apiRoutes, tablePartitions, type ApiEntry, type Catalog } from '@ndf/catalog';
import { RECEIPT_DERIVED_PREFIX, RECEIPT_ORIGINALS_PREFIX } from '@ndf/contracts';
import type { DeploymentConfig } from '../config.js';
import { encryptedLogGroup } from '../constructs/encrypted-log-group.js';
import { nodeLambda } from '../constructs/node-lambda.js';
import { PlatformKey } from '../constructs/platform-key.js';
import { ACCEPTED, accept } from '../nag-suppressions.js';
import { employeeUserPool, type EmployeeUserPool } from '../constructs/user-pool.js';
import { grantBucketPrefix, grantIndexPartitions, grantItems } from '../policies/data-access.js';
import type { DataStack } from './data-stack.js';

export interface IngestStackProps extends StackProps {
  readonly catalog: Catalog;
  readonly config: DeploymentConfig;
  readonly data: DataStack;
}

/** Room above the handler's own deadline, so that the handler answers 503 before Lambda cuts it. */
export const lambdaTimeout = (api: ApiEntry): Duration => Duration.seconds(Math.ceil(api.deadlineMs / 1000) + 3);

export interface DeployedApi {
  readonly entry: ApiEntry;
  readonly httpApi: apigwv2.HttpApi;
  readonly stage: apigwv2.IHttpStage;
  readonly handler: lambda.IFunction;
}

/** What an API's role may do in each bucket it names: prefix-bound, never the whole bucket. */
const API_BUCKET_GRANTS: Readonly<Record<string, readonly { prefix: string; read: boolean; write: boolean }[]>> = {
  // Uploads are presigned by the handler's role, so it writes originals; it reads derived copies (thumbnails),
  // and lists them, prefix-bound, for its health probe (HeadBucket would need an unbounded s3:ListBucket).
  receipts: [
    { prefix: RECEIPT_ORIGINALS_PREFIX, write: true, read: false },
    { prefix: RECEIPT_DERIVED_PREFIX, write: false, read: true },
  ],
  // The reimbursements' SEPA files: a batch made on demand stores its file, a presigned download reads it.
  exports: [{ prefix: 'tenants/', write: true, read: true }],
  // A note's trail is read, never written, by an API: the audit trail service alone appends to it.
  audit: [{ prefix: 'tenants/', write: false, read: true }],
};

/**
 * The platform's HTTP APIs (the critical ingest path, the expense API), apart from everything
 * else: the employees' user pool, and for each API of the catalog its own HTTP API and Lambda
 * function with concurrency of its own. It needs only the data stack.
 */
export class IngestStack extends Stack {
  readonly identities: EmployeeUserPool;
  readonly apis: DeployedApi[] = [];

  constructor(scope: Construct, id: string, props: IngestStackProps) {
    super(scope, id, props);
    const { catalog, config, data } = props;
    const key = new PlatformKey(this, 'IngestKey', { purpose: 'ingest', prefix: config.prefix, servicePrincipals: ['logs'] }).key;
    this.identities = employeeUserPool(this, 'Employees', config.prefix);
    const authorizer = new HttpUserPoolAuthorizer('EmployeeToken', this.identities.userPool, {
      userPoolClients: [this.identities.appClient],
    });

    for (const entry of catalog.apis) {
      const handler = nodeLambda(this, `Handler-${entry.name}`, {
        service: entry.name,
        entry: 'src/handler.ts',
        functionName: `${config.prefix}${entry.name}`,
        timeout: lambdaTimeout(entry),
        memorySize: 1024,
        environment: { NDF_PREFIX: config.prefix },
        key,
        reservedConcurrentExecutions: entry.reservedConcurrency,
      });
      // Tenant items, or a reference table's own partitions (the rates an admin route loads).
      for (const tableName of entry.tables)
        grantItems(handler, data.tables.get(tableName)!, tablePartitions(catalog, tableName), { write: true });
      for (const { table, index, partitions } of entry.indexes ?? [])
        grantIndexPartitions(handler, data.tables.get(table)!, index, partitions);
      for (const bucketName of entry.buckets) {
        const grants = API_BUCKET_GRANTS[bucketName];
        if (grants === undefined) throw new Error(`No grant of the bucket "${bucketName}" to an API is defined.`);
        for (const { prefix, ...access } of grants) grantBucketPrefix(handler, data.buckets.get(bucketName)!, prefix, access);
      }
      data.key.grantEncryptDecrypt(handler);
      accept(handler, ACCEPTED.tableIndexes, ACCEPTED.bucketPrefixes);

      const httpApi = new apigwv2.HttpApi(this, `Api-${entry.name}`, {
        apiName: `${config.prefix}${entry.name}`,
        description: entry.description,
        createDefaultStage: false,
        disableExecuteApiEndpoint: false,
      });
      const accessLogs = encryptedLogGroup(this, `AccessLogs-${entry.name}`, `/ndf/${config.prefix}${entry.name}/access`, key);
      const stage = httpApi.addStage('Stage', {
        stageName: '$default',
        autoDeploy: true,
        throttle: { rateLimit: entry.throttle.ratePerSecond, burstLimit: entry.throttle.burst },
        accessLogSettings: { destination: new apigwv2.LogGroupLogDestination(accessLogs), format: accessLogFormat() },
      });
      const integration = new HttpLambdaIntegration(`Integration-${entry.name}`, handler, {
        payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0,
      });
      for (const route of apiRoutes(entry)) {
        const routes = httpApi.addRoutes({
          path: route.path,
          methods: [route.method as apigwv2.HttpMethod],
          integration,
          authorizer: route.authorized ? authorizer : new apigwv2.HttpNoneAuthorizer(),
        });
        if (!route.authorized) for (const publicRoute of routes) accept(publicRoute, ACCEPTED.publicRoute);
      }
      publicRouteThrottle(stage, entry);
      this.apis.push({ entry, httpApi, stage, handler });
    }
  }
}

/** Each public route its own lower throttle, so that anonymous callers cannot use up the API's. */
function publicRouteThrottle(stage: apigwv2.HttpStage, entry: ApiEntry): void {
  const settings = Object.fromEntries(
    apiRoutes(entry)
      .filter((route) => !route.authorized)
      .map((route) => [
        route.routeKey,
        { ThrottlingRateLimit: entry.publicThrottle.ratePerSecond, ThrottlingBurstLimit: entry.publicThrottle.burst },
      ]),
  );
  (stage.node.defaultChild as apigwv2.CfnStage).addPropertyOverride('RouteSettings', settings);
}

/** One JSON line per request: who, what, how it ended, and the correlation id the handler returns. */
function accessLogFormat(): AccessLogFormat {
  return AccessLogFormat.custom(
    JSON.stringify({
      requestId: '$context.requestId',
      time: '$context.requestTime',
      routeKey: '$context.routeKey',
      status: '$context.status',
      latencyMs: '$context.responseLatency',
      integrationLatencyMs: '$context.integrationLatency',
      integrationError: '$context.integrationErrorMessage',
      authorizerError: '$context.authorizer.error',
      tenant: '$context.authorizer.claims.custom:tenant',
      sourceIp: '$context.identity.sourceIp',
      userAgent: '$context.identity.userAgent',
      responseLength: '$context.responseLength',
    }),
  );
}
