import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { bucketName, tableName, type Catalog, type TableEntry } from '@ndf/catalog';
import type { DeploymentConfig } from '../config.js';
import { dailyBackups } from '../constructs/daily-backups.js';
import { dataBucket } from '../constructs/data-bucket.js';
import { PlatformKey } from '../constructs/platform-key.js';
import { ACCEPTED, accept } from '../nag-suppressions.js';

/** The mail relay's secret is found by this name by the stacks of the services that send email. */
export const mailRelaySecretName = (prefix: string): string => `${prefix}mail-relay`;

export interface DataStackProps extends StackProps {
  readonly catalog: Catalog;
  readonly config: DeploymentConfig;
}

/** Where the platform's data lives: every table and bucket of the catalog, their key, their backups, and the secrets. */
export class DataStack extends Stack {
  readonly key: kms.Key;
  readonly tables = new Map<string, dynamodb.Table>();
  readonly buckets = new Map<string, s3.Bucket>();
  /** The mail relay's credentials, read by the services that send email. */
  readonly mailRelaySecret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const { catalog, config } = props;
    this.key = new PlatformKey(this, 'DataKey', { purpose: 'data', prefix: config.prefix }).key;

    for (const entry of catalog.tables) this.tables.set(entry.name, this.#table(entry, tableName(config.prefix, entry.name)));

    // Server access logs: S3 delivers them only to a bucket encrypted with S3-managed keys.
    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      bucketName: bucketName(config.prefix, 'access-logs'),
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      enforceSSL: true,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(365) }],
    });
    for (const entry of catalog.buckets) {
      this.buckets.set(
        entry.name,
        dataBucket(this, `Bucket-${entry.name}`, { entry, bucketName: bucketName(config.prefix, entry.name), key: this.key, accessLogs }),
      );
    }

    this.mailRelaySecret = new secretsmanager.Secret(this, 'MailRelaySecret', {
      secretName: mailRelaySecretName(config.prefix),
      description: 'SMTP relay credentials (host, port, user, password) of the services that send email; set by an operator',
      encryptionKey: this.key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    accept(this.mailRelaySecret, ACCEPTED.manualSecretRotation);

    dailyBackups(this, 'Backups', {
      prefix: config.prefix,
      key: this.key,
      tables: [...this.tables.values()],
      buckets: [...this.buckets.values()],
    });
  }

  #table(entry: TableEntry, name: string): dynamodb.Table {
    const table = new dynamodb.Table(this, `Table-${entry.name}`, {
      tableName: name,
      partitionKey: { name: entry.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: entry.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      timeToLiveAttribute: entry.ttlAttribute,
      stream: entry.stream ? dynamodb.StreamViewType.NEW_AND_OLD_IMAGES : undefined,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of entry.globalIndexes) {
      table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
      });
    }
    return table;
  }
}
