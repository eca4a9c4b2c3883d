import { Stack, type StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import type { Catalog } from '@ndf/catalog';
import type { DeploymentConfig } from '../config.js';
import { pageAlarmName } from '../alarms/alarm-set.js';
import { apiAlarms } from '../alarms/api-alarms.js';
import { routerAlarms } from '../alarms/router-alarms.js';
import { TaskStoppedPage } from '../alarms/task-stopped-page.js';
import { AlertForwarder } from '../constructs/alert-forwarder.js';
import { PlatformKey } from '../constructs/platform-key.js';
import { platformDashboard } from '../dashboards/platform-dashboard.js';
import { servicesClusterName } from './cluster-stack.js';
import type { IngestStack } from './ingest-stack.js';
import type { PipelineStack } from './pipeline-stack.js';

export interface ObservabilityStackProps extends StackProps {
  readonly catalog: Catalog;
  readonly config: DeploymentConfig;
  readonly ingest: IngestStack;
  readonly pipeline: PipelineStack;
}

/**
 * The on-call topic every page goes to (mail, SMS, and the chat through the alert forwarder), the
 * alarms of the APIs and stream routers, the page for a service's task that stops on its own, and
 * the platform's dashboard. Each service's alarms and dashboard live beside the service, in its
 * group's stack, and page through this topic.
 */
export class ObservabilityStack extends Stack {
  readonly onCall: sns.Topic;
  readonly pages: cloudwatch.CompositeAlarm[] = [];
  readonly taskStopped: TaskStoppedPage;
  /** Posts every page to the chat webhook. */
  readonly forwarder: AlertForwarder;

  constructor(scope: Construct, id: string, props: ObservabilityStackProps) {
    super(scope, id, props);
    const { catalog, config, ingest, pipeline } = props;
    const key = new PlatformKey(this, 'AlertsKey', {
      purpose: 'alerts',
      prefix: config.prefix,
      servicePrincipals: ['cloudwatch', 'events', 'logs'],
    }).key;
    this.onCall = new sns.Topic(this, 'OnCall', {
      topicName: `${config.prefix}on-call`,
      displayName: 'Notes de frais on-call',
      masterKey: key,
      enforceSSL: true,
    });
    for (const email of config.alarmEmails) this.onCall.addSubscription(new subscriptions.EmailSubscription(email));
    for (const phone of config.alarmPhoneNumbers) this.onCall.addSubscription(new subscriptions.SmsSubscription(phone));
    this.forwarder = new AlertForwarder(this, 'AlertForwarder', {
      prefix: config.prefix,
      topic: this.onCall,
      key,
      language: config.alertLanguage,
      runbookBaseUrl: config.runbookBaseUrl,
    });

    this.taskStopped = new TaskStoppedPage(this, 'TaskStopped', {
      clusterName: servicesClusterName(config.prefix),
      topic: this.onCall,
      settings: config,
    });
    for (const api of ingest.apis) this.pages.push(apiAlarms(this, api, this.onCall, config).page);
    for (const router of pipeline.routers) this.pages.push(routerAlarms(this, router, this.onCall, config).page);
    // The services' pages are named from the catalog, so that this stack does not depend on their stacks.
    const servicePages = catalog.services.map((service) =>
      cloudwatch.Alarm.fromAlarmName(this, `Page-${service.name}`, pageAlarmName(config.prefix, service.name)),
    );
    platformDashboard(this, { catalog, pages: [...this.pages, ...servicePages], dashboardName: `${config.prefix}platform` });
  }
}
