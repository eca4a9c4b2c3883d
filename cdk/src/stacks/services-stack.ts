import { Fn, Stack, type StackProps } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import type { Construct } from 'constructs';
import { serviceAccess, serviceDeployment, type Catalog } from '@ndf/catalog';
import type { DeploymentConfig } from '../config.js';
import { backlogScaling } from '../constructs/backlog-scaling.js';
import { PlatformKey } from '../constructs/platform-key.js';
import { QueueService } from '../constructs/queue-service.js';
import { serviceNetwork } from '../constructs/service-network.js';
import { serviceTaskRole } from '../policies/service-role.js';
import type { DataStack } from './data-stack.js';
import type { PipelineStack } from './pipeline-stack.js';

export interface ServicesStackProps extends StackProps {
  readonly catalog: Catalog;
  readonly config: DeploymentConfig;
  readonly data: DataStack;
  readonly pipeline: PipelineStack;
}

/** Every service of the catalog as a Fargate service in one cluster, scaled on its queue's backlog. */
export class ServicesStack extends Stack {
  readonly cluster: ecs.Cluster;
  readonly services = new Map<string, ecs.FargateService>();

  /** The region's first two zones, resolved by CloudFormation at deploy: synth needs no AWS credentials for a lookup. */
  override get availabilityZones(): string[] {
    return [Fn.select(0, Fn.getAzs()), Fn.select(1, Fn.getAzs())];
  }

  constructor(scope: Construct, id: string, props: ServicesStackProps) {
    super(scope, id, props);
    const { catalog, config, data, pipeline } = props;
    const key = new PlatformKey(this, 'ServicesKey', { purpose: 'services', prefix: config.prefix, servicePrincipals: ['logs'] }).key;
    const vpc = serviceNetwork(this, config.prefix, key);
    this.cluster = new ecs.Cluster(this, 'Cluster', {
      clusterName: `${config.prefix}services`,
      vpc,
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
      enableFargateCapacityProviders: true,
    });

    for (const entry of catalog.services) {
      const deployment = serviceDeployment(entry);
      const taskRole = serviceTaskRole(this, `Role-${entry.name}`, { catalog, service: entry, prefix: config.prefix, data, pipeline });
      const { service } = new QueueService(this, `Service-${entry.name}`, {
        entry,
        deployment,
        prefix: config.prefix,
        cluster: this.cluster,
        taskRole,
        logKey: key,
        mailRelaySecret: serviceAccess(catalog, entry).sendsEmail ? data.mailRelaySecret : undefined,
      });
      backlogScaling({ entry, deployment, service, queue: pipeline.queues.get(entry.name)!.queue, clusterName: this.cluster.clusterName });
      this.services.set(entry.name, service);
    }
  }
}
