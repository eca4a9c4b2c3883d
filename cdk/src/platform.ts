import { Aspects, Tags, type App, type Environment, type Stack } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { Catalog } from '@ndf/catalog';
import type { DeploymentConfig } from './config.js';
import { servicesByShard } from './sharding.js';
import { ClusterStack } from './stacks/cluster-stack.js';
import { DataStack } from './stacks/data-stack.js';
import { IngestStack } from './stacks/ingest-stack.js';
import { ObservabilityStack } from './stacks/observability-stack.js';
import { PipelineStack } from './stacks/pipeline-stack.js';
import { ServiceGroupStack } from './stacks/service-group-stack.js';

/**
 * App context every synth of the platform uses, in the tests as with `pnpm cdk synth`.
 * References between stacks stay strong: CloudFormation then refuses to delete an export
 * (a table's ARN, a queue's) that another stack still uses.
 */
export const PLATFORM_CONTEXT = { '@aws-cdk/core:defaultCrossStackReferences': 'strong' } as const;

export interface Platform {
  readonly data: DataStack;
  readonly ingest: IngestStack;
  readonly pipeline: PipelineStack;
  readonly cluster: ClusterStack;
  readonly observability: ObservabilityStack;
  /** The services, a few to a stack (see sharding.ts). */
  readonly serviceGroups: readonly ServiceGroupStack[];
}

export interface BuildOptions {
  /** Run cdk-nag's AwsSolutions checks on every resource (on unless a benchmark measures without them). */
  readonly nag?: boolean;
}

/**
 * The whole platform in one app, every stack generated from the catalog. The ingest stack
 * depends on the data stack alone: the worker fleet can go, or fail to deploy, without
 * touching the path that accepts notes.
 */
export function buildPlatform(app: App, catalog: Catalog, config: DeploymentConfig, { nag = true }: BuildOptions = {}): Platform {
  const env: Environment = { region: config.region, ...(config.account ? { account: config.account } : {}) };
  const name = (stack: string) => `Ndf-${config.stage}-${stack}`;
  const common = { env, catalog, config, terminationProtection: config.stage === 'prod' };
  const data = new DataStack(app, name('Data'), { ...common, description: 'Notes de frais: tables, buckets, keys, backups, secrets' });
  const ingest = new IngestStack(app, name('Ingest'), {
    ...common,
    data,
    description: 'Notes de frais: the critical ingest path (user pool, HTTP API, Lambda)',
  });
  const pipeline = new PipelineStack(app, name('Pipeline'), {
    ...common,
    data,
    description: 'Notes de frais: queues, DLQs, stream routers, bucket notifications',
  });
  const cluster = new ClusterStack(app, name('Cluster'), {
    ...common,
    description: 'Notes de frais: the services network and ECS cluster',
  });
  const observability = new ObservabilityStack(app, name('Observability'), {
    ...common,
    ingest,
    pipeline,
    description: 'Notes de frais: on-call topic, API and router alarms, platform dashboard',
  });
  const serviceGroups = [...servicesByShard(catalog.services).entries()].map(
    ([shard, services]) =>
      new ServiceGroupStack(app, name(`Services-${shard}`), {
        ...common,
        data,
        pipeline,
        cluster,
        onCall: observability.onCall,
        services,
        apiUrls: new Map(ingest.apis.map(({ entry, httpApi }) => [entry.name, `${httpApi.apiEndpoint}${entry.basePath}`])),
        description: `Notes de frais: services ${services.map((service) => service.name).join(', ')}`,
      }),
  );

  Tags.of(app).add('project', 'notes-de-frais');
  Tags.of(app).add('stage', config.stage);
  if (nag) Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
  return { data, ingest, pipeline, cluster, observability, serviceGroups };
}

/** Every stack of the platform. */
export const platformStacks = (platform: Platform): Stack[] => [
  platform.data,
  platform.ingest,
  platform.pipeline,
  platform.cluster,
  platform.observability,
  ...platform.serviceGroups,
];

/** The stack that holds a service. */
export function serviceGroupOf(platform: Platform, service: string): ServiceGroupStack {
  const group = platform.serviceGroups.find((candidate) => candidate.services.has(service));
  if (!group) throw new Error(`No stack holds the service "${service}".`);
  return group;
}
