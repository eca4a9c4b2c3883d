import { Aspects, Tags, type App, type Environment } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { Catalog } from '@ndf/catalog';
import type { DeploymentConfig } from './config.js';
import { DataStack } from './stacks/data-stack.js';
import { IngestStack } from './stacks/ingest-stack.js';
import { ObservabilityStack } from './stacks/observability-stack.js';
import { PipelineStack } from './stacks/pipeline-stack.js';
import { ServicesStack } from './stacks/services-stack.js';

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
  readonly services: ServicesStack;
  readonly observability: ObservabilityStack;
}

/**
 * The whole platform in one app, every stack generated from the catalog. The ingest stack
 * depends on the data stack alone: the worker fleet can go, or fail to deploy, without
 * touching the path that accepts notes.
 */
export function buildPlatform(app: App, catalog: Catalog, config: DeploymentConfig): Platform {
  const env: Environment = { region: config.region, ...(config.account ? { account: config.account } : {}) };
  const name = (stack: string) => `Ndf-${config.stage}-${stack}`;
  const common = { env, catalog, config, terminationProtection: config.stage === 'prod' };
  const data = new DataStack(app, name('Data'), { ...common, description: 'Notes de frais: tables, buckets, keys, backups, secrets' });
  const ingest = new IngestStack(app, name('Ingest'), { ...common, data, description: 'Notes de frais: the critical ingest path (user pool, HTTP API, Lambda)' });
  const pipeline = new PipelineStack(app, name('Pipeline'), { ...common, data, description: 'Notes de frais: queues, DLQs, stream routers, bucket notifications' });
  const services = new ServicesStack(app, name('Services'), { ...common, data, pipeline, description: 'Notes de frais: every service on ECS Fargate' });
  const observability = new ObservabilityStack(app, name('Observability'), { ...common, ingest, pipeline, services, description: 'Notes de frais: alarms, on-call topic, dashboards' });

  Tags.of(app).add('project', 'notes-de-frais');
  Tags.of(app).add('stage', config.stage);
  Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
  return { data, ingest, pipeline, services, observability };
}
