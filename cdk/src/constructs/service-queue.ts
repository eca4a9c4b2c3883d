import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { deadLetterQueueName, queueName, queueSettings, type ServiceEntry } from '@ndf/catalog';

export interface ServiceQueues {
  readonly queue: sqs.IQueue;
  readonly deadLetterQueue: sqs.IQueue;
}

/**
 * A service's input queue and its dead-letter queue, with the settings the local stack uses
 * too (visibility from the service's deadline, redrive after its max attempts, 14 days in
 * the DLQ), encrypted with the pipeline's key and reachable over TLS only. Messages are the
 * platform's data in flight: the queues are kept if the stack goes.
 */
export function serviceQueues(scope: Construct, service: ServiceEntry, prefix: string, key: kms.IKey): ServiceQueues {
  const settings = queueSettings(service);
  const encryption = {
    encryption: sqs.QueueEncryption.KMS,
    encryptionMasterKey: key,
    dataKeyReuse: Duration.minutes(15),
    enforceSSL: true,
    removalPolicy: RemovalPolicy.RETAIN,
  };
  const deadLetterQueue = new sqs.Queue(scope, `DeadLetters-${service.name}`, {
    queueName: deadLetterQueueName(prefix, service.name),
    retentionPeriod: Duration.seconds(settings.deadLetterRetentionSeconds),
    ...encryption,
  });
  const queue = new sqs.Queue(scope, `Queue-${service.name}`, {
    queueName: queueName(prefix, service.name),
    visibilityTimeout: Duration.seconds(settings.visibilityTimeoutSeconds),
    receiveMessageWaitTime: Duration.seconds(settings.receiveWaitTimeSeconds),
    retentionPeriod: Duration.seconds(settings.messageRetentionSeconds),
    deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: settings.maxReceiveCount },
    ...encryption,
  });
  return { queue, deadLetterQueue };
}

/**
 * A service's queues as another stack sees them: by the names the catalog fixes, not by
 * references. References would make the pipeline stack export two ARNs per service, and
 * CloudFormation takes at most 200 outputs a stack.
 */
export function importedServiceQueues(scope: Construct, service: string, prefix: string, key: kms.IKey): ServiceQueues {
  const stack = Stack.of(scope);
  const imported = (id: string, name: string) =>
    sqs.Queue.fromQueueAttributes(scope, id, {
      queueArn: stack.formatArn({ service: 'sqs', resource: name, arnFormat: ArnFormat.NO_RESOURCE_NAME }),
      queueName: name,
      keyArn: key.keyArn,
    });
  return {
    queue: imported(`Queue-${service}`, queueName(prefix, service)),
    deadLetterQueue: imported(`DeadLetters-${service}`, deadLetterQueueName(prefix, service)),
  };
}
