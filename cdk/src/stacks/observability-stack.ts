import { Stack, type StackProps } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { serviceDeployment, type Catalog } from '@ndf/catalog';
import type { DeploymentConfig } from '../config.js';
import { apiAlarms } from '../alarms/api-alarms.js';
import { routerAlarms } from '../alarms/router-alarms.js';
import { serviceAlarms } from '../alarms/service-alarms.js';
import { PlatformKey } from '../constructs/platform-key.js';
import { platformDashboard } from '../dashboards/platform-dashboard.js';
import { serviceDashboard } from '../dashboards/service-dashboard.js';
import type { IngestStack } from './ingest-stack.js';
import type { PipelineStack } from './pipeline-stack.js';
import type { ServicesStack } from './services-stack.js';

export interface ObservabilityStackProps extends StackProps {
  readonly catalog: Catalog;
  readonly config: DeploymentConfig;
  readonly ingest: IngestStack;
  readonly pipeline: PipelineStack;
  readonly services: ServicesStack;
}

/** The on-call topic, the alarms of every API, router and service, and their dashboards. */
export class ObservabilityStack extends Stack {
  readonly onCall: sns.Topic;
  readonly pages: cloudwatch.CompositeAlarm[] = [];

  constructor(scope: Construct, id: string, props: ObservabilityStackProps) {
    super(scope, id, props);
    const { catalog, config, ingest, pipeline, services } = props;
    const key = new PlatformKey(this, 'AlertsKey', { purpose: 'alerts', prefix: config.prefix, servicePrincipals: ['cloudwatch'] }).key;
    this.onCall = new sns.Topic(this, 'OnCall', { topicName: `${config.prefix}on-call`, displayName: 'Notes de frais on-call', masterKey: key, enforceSSL: true });
    for (const email of config.alarmEmails) this.onCall.addSubscription(new subscriptions.EmailSubscription(email));
    for (const phone of config.alarmPhoneNumbers) this.onCall.addSubscription(new subscriptions.SmsSubscription(phone));
    const alarmPrefix = `${config.prefix}`;

    for (const api of ingest.apis) this.pages.push(apiAlarms(this, api, this.onCall, alarmPrefix).page);
    for (const router of pipeline.routers) this.pages.push(routerAlarms(this, router, this.onCall, alarmPrefix).page);
    for (const entry of catalog.services) {
      const queues = pipeline.queues.get(entry.name)!;
      const { set, page } = serviceAlarms(this, { entry, deployment: serviceDeployment(entry), queues, topic: this.onCall, alarmPrefix });
      this.pages.push(page);
      serviceDashboard(this, { entry, queues, alarms: [page, ...set.alarms], clusterName: services.cluster.clusterName, dashboardPrefix: config.prefix });
    }
    platformDashboard(this, { catalog, pages: this.pages, dashboardName: `${config.prefix}platform` });
  }
}
