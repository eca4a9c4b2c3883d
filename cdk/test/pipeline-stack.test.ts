import { isDeepStrictEqual } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { Match } from 'aws-cdk-lib/assertions';
import { bucketNotifications, catalog, queueSettings } from '@ndf/catalog';
import { logicalIdOf } from './policy.js';
import { sharedPlatform, type SynthesizedPlatform } from './platform-fixture.js';

let synthesized: SynthesizedPlatform;
beforeAll(() => {
  synthesized = sharedPlatform();
});

describe('the pipeline stack', () => {
  it.each(catalog.services.map((service) => [service.name, service] as const))(
    'gives %s its queue and DLQ, with the settings the local stack uses',
    (name, service) => {
      const template = synthesized.template(synthesized.platform.pipeline);
      const settings = queueSettings(service);
      const keyArn = { 'Fn::GetAtt': [logicalIdOf(synthesized.platform.pipeline.key), 'Arn'] };
      template.hasResourceProperties('AWS::SQS::Queue', {
        QueueName: `ndf-test-${name}`,
        VisibilityTimeout: settings.visibilityTimeoutSeconds,
        ReceiveMessageWaitTimeSeconds: settings.receiveWaitTimeSeconds,
        RedrivePolicy: {
          deadLetterTargetArn: { 'Fn::GetAtt': [logicalIdOf(synthesized.platform.pipeline.queues.get(name)!.deadLetterQueue), 'Arn'] },
          maxReceiveCount: service.limits.maxAttempts,
        },
        KmsMasterKeyId: keyArn,
      });
      template.hasResourceProperties('AWS::SQS::Queue', {
        QueueName: `ndf-test-${name}-dlq`,
        MessageRetentionPeriod: 14 * 24 * 3600,
        KmsMasterKeyId: keyArn,
      });
      // The visibility leaves the deadline room twice over: a message is not handed to a second task while the first still may finish.
      expect(settings.visibilityTimeoutSeconds).toBeGreaterThan((2 * service.limits.deadlineMs) / 1000);
    },
  );

  it("runs each stream router as a Lambda on its table's stream that waits behind an outage: unbounded retries until 23 h, bisect, partial batch responses, given-up batches kept whole in S3", () => {
    const template = synthesized.template(synthesized.platform.pipeline);
    for (const router of catalog.routers) {
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        FunctionName: {
          Ref: logicalIdOf(synthesized.platform.pipeline.routers.find((deployed) => deployed.entry.name === router.name)!.function),
        },
        EventSourceArn: { 'Fn::ImportValue': Match.stringLikeRegexp('StreamArn') },
        BatchSize: router.batchSize,
        // The router quarantines a poison record itself; the mapping retries only outages, until the records' maximum age.
        MaximumRetryAttempts: -1,
        MaximumRecordAgeInSeconds: 23 * 3600,
        BisectBatchOnFunctionError: true,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ParallelizationFactor: 1,
        StartingPosition: 'TRIM_HORIZON',
        DestinationConfig: { OnFailure: { Destination: { 'Fn::ImportValue': Match.stringLikeRegexp('Bucketquarantine') } } },
        MetricsConfig: { Metrics: ['EventCount'] },
      });
      template.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: `ndf-test-${router.name}`,
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Timeout: Math.ceil(router.deadlineMs / 1000) + 5,
      });
    }
  });

  it("drains what the routers' mappings give up into the quarantine: the bucket's aws/lambda/ objects notified to a queue with a DLQ, read by the drain", () => {
    const { pipeline } = synthesized.platform;
    const template = synthesized.template(pipeline);
    const drain = pipeline.givenUp!;
    template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'ndf-test-stream-routers-given-up',
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [logicalIdOf(drain.deadLetterQueue), 'Arn'] }, maxReceiveCount: 10 },
    });
    const notifications = Object.values(template.findResources('Custom::S3BucketNotifications'));
    const configured = notifications.flatMap((resource) => resource.Properties.NotificationConfiguration.QueueConfigurations);
    expect(configured).toContainEqual({
      Events: ['s3:ObjectCreated:*'],
      Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'aws/lambda/' }] } },
      QueueArn: { 'Fn::GetAtt': [logicalIdOf(drain.queue), 'Arn'] },
    });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [logicalIdOf(drain.queue), 'Arn'] },
      BatchSize: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    template.hasResourceProperties('AWS::Lambda::Function', { FunctionName: 'ndf-test-stream-routers-given-up' });
  });

  it('sends object-created events of each bucket to the services that consume them, filtered by prefix', () => {
    const notifications = Object.values(synthesized.template(synthesized.platform.pipeline).findResources('Custom::S3BucketNotifications'));
    const configured = notifications
      .flatMap((resource) => resource.Properties.NotificationConfiguration.QueueConfigurations)
      .filter(
        (configuration) =>
          !isDeepStrictEqual(configuration.QueueArn, { 'Fn::GetAtt': [logicalIdOf(synthesized.platform.pipeline.givenUp!.queue), 'Arn'] }),
      );
    expect(configured).toHaveLength(bucketNotifications(catalog).length);
    for (const notification of bucketNotifications(catalog)) {
      expect(configured).toContainEqual({
        Events: ['s3:ObjectCreated:*'],
        Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: notification.prefix }] } },
        QueueArn: { 'Fn::GetAtt': [logicalIdOf(synthesized.platform.pipeline.queues.get(notification.service)!.queue), 'Arn'] },
      });
    }
  });
  it('sends a tick to each service fed by a schedule, from an EventBridge rule at its cloud period', () => {
    const scheduled = catalog.services.flatMap((service) =>
      service.consumes.kind === 'schedule' ? [{ service, source: service.consumes }] : [],
    );
    expect(scheduled.length).toBeGreaterThan(0);
    const rules = Object.values(synthesized.template(synthesized.platform.pipeline).findResources('AWS::Events::Rule'));
    expect(rules).toHaveLength(scheduled.length);
    for (const { service, source } of scheduled) {
      const minutes = source.everySeconds / 60;
      // EventBridge's rate in the largest whole unit, as CDK writes it: rate(1 minute), rate(15 minutes), rate(1 hour).
      const [count, unit] = minutes % 60 === 0 ? [minutes / 60, 'hour'] : [minutes, 'minute'];
      expect(rules).toContainEqual(
        expect.objectContaining({
          Properties: expect.objectContaining({
            ScheduleExpression: `rate(${count} ${unit}${count === 1 ? '' : 's'})`,
            State: 'ENABLED',
            Targets: [
              expect.objectContaining({
                Arn: { 'Fn::GetAtt': [logicalIdOf(synthesized.platform.pipeline.queues.get(service.name)!.queue), 'Arn'] },
                Input: JSON.stringify({ kind: 'tick' }),
              }),
            ],
          }),
        }),
      );
    }
  });
});
