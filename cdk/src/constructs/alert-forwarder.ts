import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { Language } from '@ndf/alert-delivery/chat';
import { ALERT_FORWARDER_ENVIRONMENT } from '@ndf/catalog';
import { ACCEPTED, accept } from '../nag-suppressions.js';
import { nodeLambda } from './node-lambda.js';

export interface AlertForwarderProps {
  readonly prefix: string;
  /** The on-call topic: every page. */
  readonly topic: sns.ITopic;
  /** Encrypts the webhook's secret, the function's environment and logs, and its dead letters. */
  readonly key: kms.IKey;
  readonly language: Language;
  readonly runbookBaseUrl?: string | undefined;
}

/**
 * The chat side of paging: a function subscribed to the on-call topic posts each alarm (and
 * each stopped task routed there) to the chat webhook as Slack-compatible JSON. The webhook's
 * address is a secret an operator sets (`aws secretsmanager put-secret-value`); the template
 * holds only the secret's name. A message the webhook does not take is tried three times by
 * Lambda, then kept 14 days in a dead-letter queue.
 */
export class AlertForwarder extends Construct {
  readonly function: lambda.IFunction;
  readonly webhookSecret: secretsmanager.Secret;
  readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: AlertForwarderProps) {
    super(scope, id);
    // Created with a random value, which the forwarder takes for "no webhook yet".
    this.webhookSecret = new secretsmanager.Secret(this, 'WebhookSecret', {
      secretName: `${props.prefix}alerts-chat-webhook`,
      description: 'The https:// address of the chat webhook (Slack-compatible) that the alert forwarder posts pages to',
      encryptionKey: props.key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    accept(this.webhookSecret, ACCEPTED.manualWebhookRotation);
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetters', {
      queueName: `${props.prefix}alert-forwarder-dlq`,
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.key,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    accept(this.deadLetterQueue, ACCEPTED.lambdaFailureDestination);

    const fn = nodeLambda(this, 'Function', {
      service: 'alert-forwarder',
      entry: 'src/lambda.ts',
      functionName: `${props.prefix}alert-forwarder`,
      // The webhook is given 5 s; the secret's read and the retries of the SDK fit in the rest.
      timeout: Duration.seconds(15),
      memorySize: 256,
      environment: {
        [ALERT_FORWARDER_ENVIRONMENT.webhookSecret]: this.webhookSecret.secretArn,
        [ALERT_FORWARDER_ENVIRONMENT.language]: props.language,
        [ALERT_FORWARDER_ENVIRONMENT.prefix]: props.prefix,
        ...(props.runbookBaseUrl ? { [ALERT_FORWARDER_ENVIRONMENT.runbookBaseUrl]: props.runbookBaseUrl } : {}),
      },
      key: props.key,
    });
    fn.configureAsyncInvoke({ retryAttempts: 2, maxEventAge: Duration.hours(6), onFailure: new SqsDestination(this.deadLetterQueue) });
    this.webhookSecret.grantRead(fn);
    props.topic.addSubscription(new subscriptions.LambdaSubscription(fn));
    this.function = fn;
  }
}
