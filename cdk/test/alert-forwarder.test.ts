import { beforeAll, describe, expect, it } from 'vitest';
import { Match } from 'aws-cdk-lib/assertions';
import { ALERT_FORWARDER_ENVIRONMENT } from '@ndf/catalog';
import { allows, logicalIdOf, roleStatements } from './policy.js';
import { sharedPlatform, testConfig, type SynthesizedPlatform } from './platform-fixture.js';

let synthesized: SynthesizedPlatform;
beforeAll(() => {
  synthesized = sharedPlatform();
});

const observability = () => synthesized.platform.observability;
const template = () => synthesized.template(observability());
const forwarder = () => observability().forwarder;

describe('the alert forwarder', () => {
  it('is subscribed to the on-call topic, so that every page reaches the chat', () => {
    template().hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      TopicArn: { Ref: logicalIdOf(observability().onCall) },
      Endpoint: { 'Fn::GetAtt': [logicalIdOf(forwarder().function), 'Arn'] },
    });
    template().hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'sns.amazonaws.com',
      SourceArn: { Ref: logicalIdOf(observability().onCall) },
    });
  });

  it("names the webhook's secret in its environment, never an address, and the secret holds none in the template", () => {
    const fn = template().findResources('AWS::Lambda::Function', { Properties: { FunctionName: `${testConfig.prefix}alert-forwarder` } });
    const [properties] = Object.values(fn).map((resource) => resource.Properties);
    expect(properties.Environment.Variables).toMatchObject({
      [ALERT_FORWARDER_ENVIRONMENT.webhookSecret]: { Ref: logicalIdOf(forwarder().webhookSecret) },
      [ALERT_FORWARDER_ENVIRONMENT.language]: 'fr',
      [ALERT_FORWARDER_ENVIRONMENT.prefix]: testConfig.prefix,
    });
    expect(JSON.stringify(properties.Environment)).not.toMatch(/https?:\/\//);
    template().hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: `${testConfig.prefix}alerts-chat-webhook`,
      GenerateSecretString: Match.anyValue(),
      SecretString: Match.absent(),
      KmsKeyId: Match.anyValue(),
    });
  });

  it('may read its secret, write its dead letters and logs, and nothing else', () => {
    const statements = roleStatements(template(), forwarder().function.role!);
    const deadLetters = { construct: forwarder().deadLetterQueue };
    expect(allows(statements, 'sqs:SendMessage', deadLetters)).toBe(true);
    expect(
      allows(statements, 'kms:GenerateDataKey', {
        construct: synthesized.platform.observability.forwarder.deadLetterQueue.encryptionMasterKey!,
      }),
    ).toBe(true);
    const actions = statements.flatMap((statement) => [statement.Action].flat()).sort();
    expect([...new Set(actions)]).toEqual(
      [
        'kms:Decrypt',
        'kms:Encrypt',
        'kms:GenerateDataKey*',
        'kms:ReEncrypt*',
        'secretsmanager:DescribeSecret',
        'secretsmanager:GetSecretValue',
        'sqs:GetQueueAttributes',
        'sqs:GetQueueUrl',
        'sqs:SendMessage',
        'xray:PutTelemetryRecords',
        'xray:PutTraceSegments',
      ].sort(),
    );
    // A secret's Ref is its ARN: the secret itself, not a pattern.
    for (const statement of statements.filter((candidate) =>
      [candidate.Action].flat().some((action) => action.startsWith('secretsmanager:')),
    ))
      expect(statement.Resource).toEqual({ Ref: logicalIdOf(forwarder().webhookSecret) });
    for (const statement of statements.filter((candidate) => candidate.Resource === '*'))
      expect([statement.Action].flat().every((action) => action.startsWith('xray:'))).toBe(true);
  });

  it('tries a page the chat does not take three times, then keeps it 14 days in an encrypted dead-letter queue', () => {
    template().hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: logicalIdOf(forwarder().function) },
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [logicalIdOf(forwarder().deadLetterQueue), 'Arn'] } } },
    });
    template().hasResourceProperties('AWS::SQS::Queue', {
      QueueName: `${testConfig.prefix}alert-forwarder-dlq`,
      MessageRetentionPeriod: 14 * 24 * 3600,
      KmsMasterKeyId: Match.anyValue(),
    });
  });
});
