import { beforeAll, describe, expect, it } from 'vitest';
import { Match } from 'aws-cdk-lib/assertions';
import { catalog } from '@ndf/catalog';
import { logicalIdOf } from './policy.js';
import { sharedPlatform, type SynthesizedPlatform } from './platform-fixture.js';

let synthesized: SynthesizedPlatform;
beforeAll(() => {
  synthesized = sharedPlatform();
});

describe('the data stack', () => {
  it('keeps every table and bucket, and everything else it holds, when the stack is deleted', () => {
    const resources = synthesized.template(synthesized.platform.data).toJSON().Resources as Record<
      string,
      { Type: string; DeletionPolicy?: string; UpdateReplacePolicy?: string }
    >;
    const stateful = [
      'AWS::DynamoDB::Table',
      'AWS::S3::Bucket',
      'AWS::KMS::Key',
      'AWS::SecretsManager::Secret',
      'AWS::Backup::BackupVault',
    ];
    const kept = Object.entries(resources).filter(([, resource]) => stateful.includes(resource.Type));
    expect(kept.length).toBe(
      catalog.tables.length + catalog.buckets.length + 1 /* access logs */ + 1 /* key */ + 1 /* secret */ + 1 /* vault */,
    );
    for (const [id, resource] of kept)
      expect([id, resource.DeletionPolicy, resource.UpdateReplacePolicy]).toEqual([id, 'Retain', 'Retain']);
  });

  it('encrypts every table with the customer-managed key, with point-in-time recovery, deletion protection and its TTL', () => {
    const keyId = logicalIdOf(synthesized.platform.data.key);
    for (const table of catalog.tables) {
      synthesized.template(synthesized.platform.data).hasResourceProperties('AWS::DynamoDB::Table', {
        TableName: `ndf-test-${table.name}`,
        BillingMode: 'PAY_PER_REQUEST',
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        TimeToLiveSpecification: 'ttlAttribute' in table ? { AttributeName: table.ttlAttribute, Enabled: true } : Match.absent(),
        StreamSpecification: table.stream ? { StreamViewType: 'NEW_AND_OLD_IMAGES' } : Match.absent(),
      });
    }
  });

  it('encrypts every bucket of the catalog with the key, versioned, private, TLS only, logged', () => {
    const template = synthesized.template(synthesized.platform.data);
    const keyId = logicalIdOf(synthesized.platform.data.key);
    for (const bucket of catalog.buckets) {
      template.hasResourceProperties('AWS::S3::Bucket', {
        BucketName: `ndf-test-${bucket.name}`,
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            {
              ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [keyId, 'Arn'] } },
              BucketKeyEnabled: true,
            },
          ],
        },
        VersioningConfiguration: { Status: 'Enabled' },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        LoggingConfiguration: Match.objectLike({ LogFilePrefix: `ndf-test-${bucket.name}/` }),
      });
      const policy = template.findResources('AWS::S3::BucketPolicy', {
        Properties: { Bucket: { Ref: logicalIdOf(synthesized.platform.data.buckets.get(bucket.name)!) } },
      });
      const statements = Object.values(policy).flatMap((resource) => resource.Properties.PolicyDocument.Statement);
      expect(statements).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
  });

  it('locks the originals ten years in governance mode and moves them to colder storage', () => {
    synthesized.template(synthesized.platform.data).hasResourceProperties('AWS::S3::Bucket', {
      BucketName: 'ndf-test-receipts',
      ObjectLockEnabled: true,
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 3653 } } },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({
            Prefix: 'tenants/',
            Transitions: [
              { StorageClass: 'STANDARD_IA', TransitionInDays: 30 },
              { StorageClass: 'GLACIER_IR', TransitionInDays: 365 },
            ],
          }),
        ]),
      },
    });
  });

  it('backs every table and bucket up daily, kept 35 days, in a vault under the key', () => {
    const template = synthesized.template(synthesized.platform.data);
    template.hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: { BackupPlanRule: [Match.objectLike({ ScheduleExpression: 'cron(0 2 * * ? *)', Lifecycle: { DeleteAfterDays: 35 } })] },
    });
    template.hasResourceProperties('AWS::Backup::BackupVault', {
      EncryptionKeyArn: { 'Fn::GetAtt': [logicalIdOf(synthesized.platform.data.key), 'Arn'] },
    });
    const selection = Object.values(template.findResources('AWS::Backup::BackupSelection'))[0]!;
    expect(selection.Properties.BackupSelection.Resources).toHaveLength(catalog.tables.length + catalog.buckets.length);
  });

  it('keeps the mail relay secret under the key', () => {
    synthesized.template(synthesized.platform.data).hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: 'ndf-test-mail-relay',
      KmsKeyId: { 'Fn::GetAtt': [logicalIdOf(synthesized.platform.data.key), 'Arn'] },
    });
  });

  it('rotates every customer-managed key of the app yearly and keeps it', () => {
    for (const stack of [
      synthesized.platform.data,
      synthesized.platform.ingest,
      synthesized.platform.pipeline,
      synthesized.platform.cluster,
      synthesized.platform.observability,
    ]) {
      const keys = synthesized.template(stack).findResources('AWS::KMS::Key');
      expect(Object.keys(keys), stack.stackName).toHaveLength(1);
      for (const key of Object.values(keys)) {
        expect(key.Properties).toMatchObject({ EnableKeyRotation: true, RotationPeriodInDays: 365 });
        expect(key.DeletionPolicy).toBe('Retain');
      }
    }
  });
});
