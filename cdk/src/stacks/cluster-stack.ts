import { Fn, Stack, type StackProps } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { serviceAccess, type Catalog } from '@ndf/catalog';
import type { DeploymentConfig } from '../config.js';
import { encryptedLogGroup } from '../constructs/encrypted-log-group.js';
import { PlatformKey } from '../constructs/platform-key.js';
import { serviceNetwork } from '../constructs/service-network.js';

export interface ClusterStackProps extends StackProps {
  readonly catalog: Catalog;
  readonly config: DeploymentConfig;
}

/** The ECS cluster's name, known without a reference to this stack (the observability stack watches its tasks). */
export const servicesClusterName = (prefix: string): string => `${prefix}services`;

/** Where the services run: their network and their ECS cluster, and the key of their logs. */
export class ClusterStack extends Stack {
  readonly cluster: ecs.Cluster;
  readonly key: kms.Key;

  /** The region's first two zones, resolved by CloudFormation at deploy: synth needs no AWS credentials for a lookup. */
  override get availabilityZones(): string[] {
    return [Fn.select(0, Fn.getAzs()), Fn.select(1, Fn.getAzs())];
  }

  constructor(scope: Construct, id: string, props: ClusterStackProps) {
    super(scope, id, props);
    const { catalog, config } = props;
    this.key = new PlatformKey(this, 'ServicesKey', { purpose: 'services', prefix: config.prefix, servicePrincipals: ['logs'] }).key;
    const clusterName = servicesClusterName(config.prefix);
    // Made here, encrypted with the key, before Container Insights would make it in clear.
    encryptedLogGroup(this, 'ContainerInsightsLogs', `/aws/ecs/containerinsights/${clusterName}/performance`, this.key);
    this.cluster = new ecs.Cluster(this, 'Cluster', {
      clusterName,
      vpc: serviceNetwork(this, config.prefix, this.key, {
        secrets: catalog.services.some((service) => serviceAccess(catalog, service).sendsEmail),
      }),
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
      enableFargateCapacityProviders: true,
    });
  }
}
