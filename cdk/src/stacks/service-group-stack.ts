import { Stack, type StackProps } from 'aws-cdk-lib';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import {
  apiUrlVariable,
  calledApis,
  SCHEDULE_SECONDS_VARIABLE,
  serviceAccess,
  serviceDeployment,
  type Catalog,
  type ServiceEntry,
} from '@ndf/catalog';
import type { DeploymentConfig } from '../config.js';
import { serviceAlarms } from '../alarms/service-alarms.js';
import { backlogScaling } from '../constructs/backlog-scaling.js';
import { QueueService } from '../constructs/queue-service.js';
import { importedServiceQueues, type ServiceQueues } from '../constructs/service-queue.js';
import { serviceDashboard } from '../dashboards/service-dashboard.js';
import { serviceTaskRole } from '../policies/service-role.js';
import type { ClusterStack } from './cluster-stack.js';
import { mailRelaySecretName, type DataStack } from './data-stack.js';
import type { PipelineStack } from './pipeline-stack.js';

export interface ServiceGroupStackProps extends StackProps {
  readonly catalog: Catalog;
  readonly config: DeploymentConfig;
  readonly data: DataStack;
  readonly pipeline: PipelineStack;
  readonly cluster: ClusterStack;
  readonly onCall: sns.ITopic;
  /** The services of this group (see sharding.ts). */
  readonly services: readonly ServiceEntry[];
  /** Each API's address with its base path, by name, for the services that call it (the canary). */
  readonly apiUrls: ReadonlyMap<string, string>;
}

/** Settings of the deployment that one service reads (the rates loader's source). */
function deploymentSettings(entry: ServiceEntry, config: DeploymentConfig): Record<string, string> {
  return entry.name === 'rates-loader' && config.ratesSourceUrl !== undefined ? { NDF_RATES_SOURCE_URL: config.ratesSourceUrl } : {};
}

/** A service's own settings: the period of its schedule, the addresses of the APIs it calls. */
function entryEnvironment(entry: ServiceEntry, apiUrls: ReadonlyMap<string, string>): Record<string, string> {
  const apis = calledApis(entry).map((name) => {
    const url = apiUrls.get(name);
    if (url === undefined) throw new Error(`${entry.name} calls the API "${name}", which the app does not deploy.`);
    return [apiUrlVariable({ name }), url];
  });
  return {
    ...(entry.consumes.kind === 'schedule' ? { [SCHEDULE_SECONDS_VARIABLE]: String(entry.consumes.everySeconds) } : {}),
    ...Object.fromEntries(apis),
  };
}

/**
 * A group of services of the catalog, each with everything that is only its own: its task
 * role, its Fargate service scaled on its backlog, its alarms paging the on-call topic, its
 * dashboard.
 */
export class ServiceGroupStack extends Stack {
  readonly services = new Map<string, ecs.FargateService>();
  readonly taskRoles = new Map<string, Construct>();

  constructor(scope: Construct, id: string, props: ServiceGroupStackProps) {
    super(scope, id, props);
    const { catalog, config, data, pipeline, cluster } = props;
    const imported = new Map<string, ServiceQueues>();
    const queuesOf = (service: string): ServiceQueues => {
      if (!imported.has(service)) imported.set(service, importedServiceQueues(this, service, config.prefix, pipeline.key));
      return imported.get(service)!;
    };
    // Found by name: a reference would make the data stack's key trust this stack's roles, and the data stack depend on it.
    let mailRelay: secretsmanager.ISecret | undefined;
    const mailRelaySecret = () =>
      (mailRelay ??= secretsmanager.Secret.fromSecretNameV2(this, 'MailRelaySecret', mailRelaySecretName(config.prefix)));
    for (const entry of props.services) {
      const deployment = serviceDeployment(entry);
      const queues = queuesOf(entry.name);
      const secret = serviceAccess(catalog, entry).sendsEmail ? mailRelaySecret() : undefined;
      const taskRole = serviceTaskRole(this, `Role-${entry.name}`, {
        catalog,
        service: entry,
        prefix: config.prefix,
        data,
        pipeline,
        queuesOf,
        mailRelaySecret: secret,
      });
      const { service } = new QueueService(this, `Service-${entry.name}`, {
        entry,
        deployment,
        prefix: config.prefix,
        cluster: cluster.cluster,
        taskRole,
        logKey: cluster.key,
        mailRelaySecret: secret,
        dataKey: data.key,
        environment: { ...entryEnvironment(entry, props.apiUrls), ...deploymentSettings(entry, config) },
      });
      backlogScaling({
        entry,
        deployment,
        service,
        queue: queues.queue,
        clusterName: cluster.cluster.clusterName,
        runbookBaseUrl: config.runbookBaseUrl,
      });
      const { set, page } = serviceAlarms(this, { entry, deployment, queues, topic: props.onCall, settings: config });
      serviceDashboard(this, {
        entry,
        queues,
        alarms: [page, ...set.alarms],
        clusterName: cluster.cluster.clusterName,
        dashboardPrefix: config.prefix,
      });
      this.services.set(entry.name, service);
      this.taskRoles.set(entry.name, taskRole);
    }
  }
}
