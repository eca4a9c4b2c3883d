import { Duration, Size } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { Platform } from 'aws-cdk-lib/aws-ecr-assets';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { RUNTIME_DRAIN_MS, type ServiceDeployment, type ServiceEntry } from '@ndf/catalog';
import { ACCEPTED, accept } from '../nag-suppressions.js';
import { WORKSPACE_ROOT } from '../paths.js';
import { encryptedLogGroup } from './encrypted-log-group.js';

/** The one Dockerfile every service's image is built from, with the service's name as build argument. */
export const SERVICE_DOCKERFILE = 'cdk/container/service.Dockerfile';

/** ECS waits this long after SIGTERM before it kills a task: the runtime's drain, its flush of logs and metrics, and a margin. */
export const STOP_TIMEOUT = Duration.seconds(Math.ceil(RUNTIME_DRAIN_MS / 1000) + 20);

export interface QueueServiceProps {
  readonly entry: ServiceEntry;
  readonly deployment: ServiceDeployment;
  readonly prefix: string;
  readonly cluster: ecs.ICluster;
  readonly taskRole: iam.IRole;
  readonly logKey: kms.IKey;
  readonly mailRelaySecret: secretsmanager.ISecret | undefined;
  /** The key the secrets are encrypted with: ECS decrypts them with the task's execution role. */
  readonly dataKey: kms.IKey;
  /** What the service's entry needs besides the platform's settings (its schedule's period, the address of an API it calls). */
  readonly environment?: Readonly<Record<string, string>>;
}

/**
 * One service of the catalog on Fargate: its own image, task definition (arm64, read-only
 * root file system), log group and security group (HTTPS out only, nothing in). Critical
 * services run on on-demand Fargate; the others prefer Spot, whose two-minute notice is far
 * longer than the runtime's drain. A deployment whose tasks do not start rolls back.
 */
export class QueueService extends Construct {
  readonly service: ecs.FargateService;

  constructor(scope: Construct, id: string, props: QueueServiceProps) {
    super(scope, id);
    const { entry, deployment, prefix } = props;
    const taskDefinition = new ecs.FargateTaskDefinition(this, 'Task', {
      family: `${prefix}${entry.name}`,
      cpu: deployment.cpu,
      memoryLimitMiB: deployment.memoryMiB,
      runtimePlatform: { cpuArchitecture: ecs.CpuArchitecture.ARM64, operatingSystemFamily: ecs.OperatingSystemFamily.LINUX },
      taskRole: props.taskRole,
      volumes: [{ name: 'tmp' }],
    });
    const container = taskDefinition.addContainer('service', {
      containerName: entry.name,
      image: ecs.ContainerImage.fromAsset(WORKSPACE_ROOT, {
        file: SERVICE_DOCKERFILE,
        buildArgs: { SERVICE: entry.name },
        platform: Platform.LINUX_ARM64,
      }),
      logging: ecs.LogDrivers.awsLogs({
        streamPrefix: entry.name,
        logGroup: encryptedLogGroup(this, 'Logs', `/ndf/${prefix}services/${entry.name}`, props.logKey),
        mode: ecs.AwsLogDriverMode.NON_BLOCKING,
        maxBufferSize: Size.mebibytes(25),
      }),
      environment: { NDF_PREFIX: prefix, NDF_EMF: 'true', LOG_LEVEL: 'info', NODE_OPTIONS: '--enable-source-maps', ...props.environment },
      secrets: props.mailRelaySecret ? { NDF_MAIL_RELAY: ecs.Secret.fromSecretsManager(props.mailRelaySecret) } : undefined,
      stopTimeout: STOP_TIMEOUT,
      readonlyRootFilesystem: true,
      user: 'node',
    });
    container.addMountPoints({ containerPath: '/tmp', sourceVolume: 'tmp', readOnly: false });
    if (props.mailRelaySecret) props.dataKey.grantDecrypt(taskDefinition.obtainExecutionRole());
    accept(taskDefinition, ACCEPTED.plainEnvironment, ACCEPTED.ecrAuthorization, ACCEPTED.kmsGrant);

    const securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.cluster.vpc,
      description: `${entry.name}: HTTPS out to the AWS endpoints, nothing in`,
      allowAllOutbound: false,
    });
    // The subnets have no route out of the VPC: HTTPS reaches the endpoints and nothing else.
    securityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'AWS APIs through the VPC endpoints');

    this.service = new ecs.FargateService(this, 'Service', {
      serviceName: entry.name,
      cluster: props.cluster,
      taskDefinition,
      desiredCount: deployment.minTasks,
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      circuitBreaker: { enable: true, rollback: true },
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      securityGroups: [securityGroup],
      assignPublicIp: false,
      // Fargate Spot takes arm64 tasks from platform 1.4.0 on (ECS API reference, CapacityProviderStrategyItem).
      platformVersion: ecs.FargatePlatformVersion.VERSION1_4,
      enableECSManagedTags: true,
      propagateTags: ecs.PropagatedTagSource.SERVICE,
      capacityProviderStrategies: entry.critical
        ? [{ capacityProvider: 'FARGATE', weight: 1 }]
        : [
            { capacityProvider: 'FARGATE_SPOT', weight: 3 },
            { capacityProvider: 'FARGATE', weight: 1 },
          ],
    });
  }
}
